import { describe, expect, it } from 'vitest';
import { CLIENT_NAME_MAX_LENGTH, newClient, validateNewClient } from './client';

describe('validateNewClient', () => {
  it('trims and folds white space', () => {
    expect(validateNewClient({ latinName: '  Amelia   Hartley ' })).toEqual({
      ok: true,
      value: { latin: 'Amelia Hartley' },
    });
  });

  it('refuses an empty or over-long name with a reason', () => {
    expect(validateNewClient({ latinName: ' \t ' })).toEqual({ ok: false, reason: 'name-required' });
    expect(validateNewClient({ latinName: 'a'.repeat(CLIENT_NAME_MAX_LENGTH + 1) })).toEqual({
      ok: false,
      reason: 'name-too-long',
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
