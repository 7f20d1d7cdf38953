import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../auth/roles';
import { missingWraps, policyNamesRole, type KeyPerson } from './key-top-up';

const uuid = (n: number) => `00000000-0000-4000-a000-${n.toString(16).padStart(12, '0')}`;
const device = (n: number, status = 'approved') => ({ id: uuid(100 + n), status });

const concierge: KeyPerson = {
  staffId: uuid(1),
  role: 'concierge',
  status: 'active',
  devices: [device(1), device(2), device(3, 'revoked'), device(4, 'pending')],
};
const otherConcierge: KeyPerson = {
  staffId: uuid(2),
  role: 'concierge',
  status: 'active',
  devices: [device(5)],
};
const manager: KeyPerson = {
  staffId: uuid(3),
  role: 'manager',
  status: 'active',
  devices: [device(6), device(7, 'denied'), device(8, 'expired')],
};
const coordinator: KeyPerson = {
  staffId: uuid(4),
  role: 'coordinator',
  status: 'active',
  devices: [device(9)],
};
const admin: KeyPerson = { staffId: uuid(5), role: 'admin', status: 'active', devices: [device(10)] };
const leftManager: KeyPerson = {
  staffId: uuid(6),
  role: 'manager',
  status: 'revoked',
  devices: [device(11)],
};
const invitedManager: KeyPerson = {
  staffId: uuid(7),
  role: 'manager',
  status: 'invited',
  devices: [device(12)],
};
const people = [concierge, otherConcierge, manager, coordinator, admin, leftManager, invitedManager];

const run = (wrapped: string[], holders: string[] = wrapped) =>
  missingWraps({ people, permissions: PERMISSIONS, wrapped: new Set(wrapped), holders: new Set(holders) });

describe('the key policy and the top-up decision', () => {
  it('names the roles that may grant medical access, not the admin or concierges', () => {
    expect(policyNamesRole('manager', PERMISSIONS)).toBe(true);
    expect(policyNamesRole('coordinator', PERMISSIONS)).toBe(true);
    expect(policyNamesRole('concierge', PERMISSIONS)).toBe(false);
    expect(policyNamesRole('admin', PERMISSIONS)).toBe(false);
  });

  it('at the first write: the policy holders’ approved devices, the creator’s other approved devices', () => {
    expect(run([uuid(101)])).toEqual([
      { deviceId: uuid(102), staffId: concierge.staffId, because: 'holder' },
      { deviceId: uuid(106), staffId: manager.staffId, because: 'policy' },
      { deviceId: uuid(109), staffId: coordinator.staffId, because: 'policy' },
    ]);
  });

  it('a person’s new device gets what their other device holds; a revoked or pending device never', () => {
    const missing = run([uuid(101), uuid(106), uuid(109)]);
    expect(missing).toEqual([{ deviceId: uuid(102), staffId: concierge.staffId, because: 'holder' }]);
    const ids = missing.map((m) => m.deviceId);
    for (const never of [103, 104, 107, 108, 111, 112, 110, 105]) expect(ids).not.toContain(uuid(never));
  });

  it('nothing when every device that should hold the key has a wrap: never the same key twice', () => {
    expect(run([uuid(101), uuid(102), uuid(106), uuid(109)])).toEqual([]);
  });

  it('a wrap that does not verify makes no one a holder, and its device is not wrapped again', () => {
    // The concierge's only wrap is on device 1 and does not verify: device 2 gets nothing on their account.
    expect(run([uuid(101), uuid(106), uuid(109)], [uuid(106), uuid(109)])).toEqual([]);
  });

  it('a wrap on a revoked device alone makes no one a holder', () => {
    expect(run([uuid(103), uuid(106), uuid(109)])).toEqual([]);
  });

  it('a staff member who is not active gets nothing, even where the policy would name them', () => {
    const missing = run([]);
    expect(missing.map((m) => m.staffId)).not.toContain(leftManager.staffId);
    expect(missing.map((m) => m.staffId)).not.toContain(invitedManager.staffId);
    expect(missing.map((m) => m.deviceId)).toEqual([uuid(106), uuid(109)]);
  });
});
