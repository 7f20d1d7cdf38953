import { describe, expect, it } from 'vitest';
import { SyncHttpError } from './replication';
import { describeSyncError } from './sync-errors';

describe('describeSyncError', () => {
  it('says what failed without repeating the rows RxDB puts in its message', () => {
    const rxError = Object.assign(new Error('RC_PUSH: pushRows: [{"names":{"latin":"Amelia Hartley"}}]'), {
      code: 'RC_PUSH',
      parameters: {
        pushRows: [{ names: { latin: 'Amelia Hartley' } }],
        errors: [new TypeError('Failed to fetch')],
      },
    });
    const text = describeSyncError(rxError);
    expect(text).toBe('sending changes failed: the server cannot be reached');
    expect(text).not.toContain('Amelia');
  });

  it('names the HTTP status of a refused request', () => {
    const rxError = { code: 'RC_PULL', parameters: { errors: [new SyncHttpError(400, 'must be integer')] } };
    expect(describeSyncError(rxError)).toBe('receiving changes failed: the server answered HTTP 400');
  });

  it('falls back to a plain sentence for anything else', () => {
    expect(describeSyncError(new Error('something with a name in it: Amelia'))).toBe('syncing failed');
    expect(describeSyncError(undefined)).toBe('syncing failed');
  });
});
