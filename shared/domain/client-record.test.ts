import { describe, expect, it } from 'vitest';
import { CLIENT_NAME_MAX_LENGTH, newClient, updateClient, validateNewClient } from './client';
import { fullClient } from './test-support';

describe('validateNewClient', () => {
  it('trims and folds white space', () => {
    expect(validateNewClient({ latinName: '  Amelia   Hartley ' })).toEqual({
      ok: true,
      value: { latin: 'Amelia Hartley' },
    });
  });

  it('refuses an empty or over-long name with a field error', () => {
    expect(validateNewClient({ latinName: ' \t ' })).toEqual({
      ok: false,
      errors: [{ path: 'names.latin', code: 'required' }],
    });
    expect(validateNewClient({ latinName: 'a'.repeat(CLIENT_NAME_MAX_LENGTH + 1) })).toEqual({
      ok: false,
      errors: [{ path: 'names.latin', code: 'too-long', params: { max: CLIENT_NAME_MAX_LENGTH } }],
    });
  });

  it('makes a prospect with both timestamps set to now, assigned to the given staff once each', () => {
    expect(newClient('id-1', { latin: 'A' }, 42, ['s1', 's2', 's1'])).toEqual({
      id: 'id-1',
      names: { latin: 'A' },
      status: 'prospect',
      assignedStaffIds: ['s1', 's2'],
      createdAt: 42,
      updatedAt: 42,
    });
  });
});

describe('updateClient', () => {
  it('replaces and removes sections and never moves updatedAt back', () => {
    const client = fullClient();
    const updated = updateClient(client, { passport: undefined, nationality: 'JP' }, 1);
    expect(updated.passport).toBeUndefined();
    expect('passport' in updated).toBe(false);
    expect(updated.nationality).toBe('JP');
    expect(updated.updatedAt).toBe(client.updatedAt);
    expect(updateClient(client, {}, 99).updatedAt).toBe(99);
    expect(client.passport).toBeDefined();
  });
});
