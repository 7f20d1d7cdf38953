import { describe, expect, it } from 'vitest';
import { SYNCED_COLLECTION_NAMES } from '../sync/collections';
import {
  MAX_OFFLINE_MS,
  mustWipeAfter,
  offlineUnlockAllowed,
  UNLOCK_FREE_ATTEMPTS,
  UNLOCK_WIPE_AFTER,
  unlockDelayMs,
} from './policy';
import { codeFromRandom, codePattern, normaliseCode } from './protocol';
import { can, canMoney, CAPABILITIES, inScope, MONEY_ACTIONS, PERMISSIONS, ROLES } from './roles';

describe('the permission table', () => {
  it('has a row for every role and a cell for every synced collection', () => {
    for (const role of ROLES) {
      expect(Object.keys(PERMISSIONS[role].collections).sort()).toEqual([...SYNCED_COLLECTION_NAMES].sort());
      for (const capability of PERMISSIONS[role].capabilities) expect(CAPABILITIES).toContain(capability);
    }
  });

  it('gives each capability to someone, and staff and device management to managers and admins only', () => {
    for (const capability of CAPABILITIES) expect(ROLES.some((role) => can(role, capability))).toBe(true);
    expect(ROLES.filter((role) => can(role, 'manageStaff'))).toEqual(['manager', 'admin']);
    expect(ROLES.filter((role) => can(role, 'approveShares'))).toEqual(['manager']);
  });

  it('shows a concierge no money, lets the admin only read it, and gives every money action to someone', () => {
    for (const action of MONEY_ACTIONS) expect(canMoney('concierge', action), action).toBe(false);
    expect(MONEY_ACTIONS.filter((action) => canMoney('admin', action))).toEqual(['seeMoney']);
    for (const action of MONEY_ACTIONS)
      expect(
        ROLES.some((role) => canMoney(role, action)),
        action,
      ).toBe(true);
    // Whoever may do anything with money may see it.
    for (const role of ROLES) {
      if (MONEY_ACTIONS.some((action) => canMoney(role, action)))
        expect(canMoney(role, 'seeMoney'), role).toBe(true);
    }
  });

  it('puts a document in the assigned scope only for the staff assigned to it', () => {
    expect(inScope('assigned', 's1', { assignedStaffIds: ['s1', 's2'] })).toBe(true);
    expect(inScope('assigned', 's3', { assignedStaffIds: ['s1'] })).toBe(false);
    expect(inScope('assigned', 's1', {})).toBe(false);
    expect(inScope('all', 's3', {})).toBe(true);
    expect(inScope('none', 's1', { assignedStaffIds: ['s1'] })).toBe(false);
  });
});

describe('one-time codes', () => {
  it('are 20 characters in groups of four, without look-alike letters', () => {
    const code = codeFromRandom(Uint8Array.from({ length: 20 }, (_, i) => i * 13));
    expect(code).toMatch(new RegExp(codePattern));
    expect(code).not.toMatch(/[IO01]/);
  });

  it('read back whatever the case and separators', () => {
    expect(normaliseCode(' abcd efgh-jkmn pqrs-tuvw ')).toBe('ABCD-EFGH-JKMN-PQRS-TUVW');
  });
});

describe('device policy', () => {
  it('lets a few unlock attempts through, then doubles the wait, then wipes', () => {
    expect(unlockDelayMs(UNLOCK_FREE_ATTEMPTS - 1)).toBe(0);
    expect(unlockDelayMs(UNLOCK_FREE_ATTEMPTS)).toBe(30_000);
    expect(unlockDelayMs(UNLOCK_FREE_ATTEMPTS + 2)).toBe(120_000);
    expect(mustWipeAfter(UNLOCK_WIPE_AFTER - 1)).toBe(false);
    expect(mustWipeAfter(UNLOCK_WIPE_AFTER)).toBe(true);
  });

  it('refuses offline unlock past the maximum offline period, or without any online authentication', () => {
    const now = Date.UTC(2026, 10, 24);
    expect(offlineUnlockAllowed(now - MAX_OFFLINE_MS, now)).toBe(true);
    expect(offlineUnlockAllowed(now - MAX_OFFLINE_MS - 1, now)).toBe(false);
    expect(offlineUnlockAllowed(undefined, now)).toBe(false);
  });
});
