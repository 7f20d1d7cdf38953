import { describe, expect, it } from 'vitest';
import { keyWrapRule } from './key-wrap-push-rule';
import type { AnyDocument, PushCaller, PushFacts } from './push-rules';

/** keyWrapRule for a role that may recover but not grant (the admin): what a restore from the recovery sheet writes. */
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const CLIENT = uuid(1);
const admin: PushCaller = { staffId: uuid(30), deviceId: uuid(31), role: 'admin' };
const creatorDevice = uuid(21);
const lostDevice = uuid(22);
const newHolder = uuid(41);

function facts(wraps: AnyDocument[], server: { sections?: string[]; approved?: string[] } = {}): PushFacts {
  return {
    ...(server.sections && { medicalKeyIdsOfClient: async () => server.sections! }),
    ...(server.approved && { deviceApproved: async (id: string) => server.approved!.includes(id) }),
    document: async () => undefined,
    keyWrapsOfClient: async (clientId) => wraps.filter((w) => w.clientId === clientId && !w._deleted),
    client: async () => undefined,
    clientHeld: async () => false,
    consentsOfClient: async () => [],
    notices: async () => [],
    deviceSignKey: async () => undefined,
    staffActive: async () => true,
    now: () => 1_000,
  };
}

const wrap = (granterId: string, recipientId: string, keyId = 'k1', sealed = 'c2VhbGVk'): AnyDocument => ({
  id: `${CLIENT}.${keyId}.${recipientId}`,
  v: 1,
  keyId,
  clientId: CLIENT,
  recipientId,
  granterId,
  sealed,
  signature: 'A'.repeat(86),
  assignedStaffIds: [],
  createdAt: 1,
  updatedAt: 1,
  _deleted: false,
});

// The client's key as a lost laptop left it: the creator's own wrap and the recovery wrap.
const held = [wrap(creatorDevice, creatorDevice), wrap(creatorDevice, 'org-recovery')];

describe('key wraps pushed by the admin (recovery)', () => {
  it('takes a new wrap of a key the server holds the recovery wrap of, granted by the admin’s device', async () => {
    const restored = wrap(admin.deviceId, newHolder);
    expect(await keyWrapRule({ caller: admin, master: undefined, next: restored, facts: facts(held) })).toBe(
      undefined,
    );
  });

  it('refuses a wrap of a key without a recovery wrap, or of another key than the recovery wrap’s', async () => {
    const refusal = { rule: 'grant', reason: 'wrap-grant-not-allowed' };
    const restored = wrap(admin.deviceId, newHolder);
    const noRecovery = facts([wrap(creatorDevice, creatorDevice)]);
    expect(
      await keyWrapRule({ caller: admin, master: undefined, next: restored, facts: noRecovery }),
    ).toEqual(refusal);
    const otherKey = wrap(admin.deviceId, newHolder, 'k2');
    expect(
      await keyWrapRule({ caller: admin, master: undefined, next: otherKey, facts: facts(held) }),
    ).toEqual(refusal);
  });

  it('refuses any change of a wrap the server holds: the recovery wrap, or someone’s own', async () => {
    const refusal = { rule: 'recover', reason: 'wrap-change-not-allowed' };
    for (const master of held) {
      const replaced = { ...master, granterId: admin.deviceId, sealed: 'b3RoZXI' };
      expect(await keyWrapRule({ caller: admin, master, next: replaced, facts: facts(held) })).toEqual(
        refusal,
      );
    }
  });

  it('refuses a wrap signed for another device, and every deletion', async () => {
    const forged = wrap(lostDevice, newHolder);
    expect(await keyWrapRule({ caller: admin, master: undefined, next: forged, facts: facts(held) })).toEqual(
      {
        rule: 'granter',
        reason: 'wrap-granter-not-caller',
      },
    );
    const [own] = held;
    expect(
      await keyWrapRule({
        caller: admin,
        master: own,
        next: { ...own!, _deleted: true },
        facts: facts(held),
      }),
    ).toEqual({ rule: 'grant', reason: 'wrap-delete-not-allowed' });
  });

  it('plants no key: never a recovery wrap, only the key of the client’s live section, only to an approved device', async () => {
    const onServer = { sections: ['k1'], approved: [newHolder, creatorDevice] };
    const push = (next: AnyDocument, wraps = held) =>
      keyWrapRule({ caller: admin, master: undefined, next, facts: facts(wraps, onServer) });
    expect(await push(wrap(admin.deviceId, newHolder))).toBeUndefined();
    // A key of the admin's own making, for a client without one: its recovery wrap, then a wrap to a concierge.
    const planted = { sections: [] as string[], approved: [newHolder] };
    expect(
      await keyWrapRule({
        caller: admin,
        master: undefined,
        next: wrap(admin.deviceId, 'org-recovery', 'k9'),
        facts: facts([], planted),
      }),
    ).toEqual({ rule: 'recover', reason: 'wrap-recovery-not-allowed' });
    expect(await push(wrap(admin.deviceId, 'org-recovery', 'k2'))).toEqual({
      rule: 'recover',
      reason: 'wrap-recovery-not-allowed',
    });
    // A key the server holds a recovery wrap of, but not the section's (rotated out): refused.
    const rotatedOut = [...held, wrap(creatorDevice, 'org-recovery', 'k0')];
    expect(await push(wrap(admin.deviceId, newHolder, 'k0'), rotatedOut)).toEqual({
      rule: 'recover',
      reason: 'wrap-key-not-current',
    });
    // A revoked (or unknown) device gets nothing.
    expect(await push(wrap(admin.deviceId, lostDevice))).toEqual({
      rule: 'recover',
      reason: 'wrap-recipient-not-approved',
    });
  });
});
