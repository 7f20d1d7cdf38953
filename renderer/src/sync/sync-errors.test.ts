import { describe, expect, it } from 'vitest';
import { temporaryWait } from './replication';
import { authHeaders, type SyncAuth } from './sync-auth';
import { describeSyncError, SyncHttpError } from './sync-errors';

describe('describeSyncError', () => {
  it('says what failed without keeping the rows RxDB puts in its message', () => {
    const rxError = Object.assign(new Error('RC_PUSH: pushRows: [{"names":{"latin":"Amelia Hartley"}}]'), {
      code: 'RC_PUSH',
      parameters: {
        pushRows: [{ names: { latin: 'Amelia Hartley' } }],
        errors: [new TypeError('Failed to fetch')],
      },
    });
    const problem = describeSyncError(rxError);
    expect(problem).toEqual({ direction: 'push', cause: 'unreachable' });
    expect(JSON.stringify(problem)).not.toContain('Amelia');
  });

  it('names the HTTP status of a refused request', () => {
    const rxError = { code: 'RC_PULL', parameters: { errors: [new SyncHttpError(400, 'must be integer')] } };
    expect(describeSyncError(rxError)).toEqual({ direction: 'pull', cause: 'http', status: 400 });
  });

  it('reads the errors as RxDB really emits them: turned into plain JSON', () => {
    const plain = (error: Error) =>
      JSON.parse(JSON.stringify({ ...error, name: error.name, message: error.message }));
    const unreachable = {
      code: 'RC_PUSH',
      parameters: { errors: [plain(new TypeError('Failed to fetch'))] },
    };
    expect(describeSyncError(unreachable)).toEqual({ direction: 'push', cause: 'unreachable' });
    const refused = { code: 'RC_PULL', parameters: { errors: [plain(new SyncHttpError(503, 'busy'))] } };
    expect(describeSyncError(refused)).toEqual({ direction: 'pull', cause: 'http', status: 503 });
  });

  it('falls back to an unknown failure for anything else', () => {
    expect(describeSyncError(new Error('something with a name in it: Amelia'))).toEqual({
      direction: 'sync',
      cause: 'unknown',
    });
    expect(describeSyncError(undefined)).toEqual({ direction: 'sync', cause: 'unknown' });
  });
});

describe('a session token the server is rate-limiting (429)', () => {
  it('fails the sync request as a temporary refusal with its Retry-After, not as an error to show', async () => {
    const auth: SyncAuth = {
      // As AuthClient fails (renderer/src/auth/auth-client.ts), without importing it: sync does not depend on auth.
      token: () =>
        Promise.reject({ kind: 'server', reason: 'rate-limited', status: 429, retryAfterMs: 3_000 }),
      invalidate: () => undefined,
      onAuthFailure: () => undefined,
    };
    const error = await authHeaders(auth).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncHttpError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 3_000 });
    expect(temporaryWait(error)).toBe(3_000);
    expect(temporaryWait(new SyncHttpError(429, 'rate-limited'))).toBe(2_000);
    expect(temporaryWait(new SyncHttpError(500, 'internal-error'))).toBeUndefined();
  });
});
