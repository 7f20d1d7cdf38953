import { describe, expect, it } from 'vitest';
import { keyWrapRule } from './key-wrap-push-rule';
import type { AnyDocument, PushCaller, PushFacts } from './push-rules';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const CLIENT = uuid(1);
const concierge: PushCaller = { staffId: uuid(10), deviceId: uuid(11), role: 'concierge' };
const coordinator: PushCaller = { staffId: uuid(20), deviceId: uuid(21), role: 'coordinator' };
const admin: PushCaller = { staffId: uuid(30), deviceId: uuid(31), role: 'admin' };
const otherDevice = uuid(41);

/** Client CLIENT, as the server holds it, assigned to `assignedStaffIds`. */
const clientDocument = (assignedStaffIds: string[]): AnyDocument => ({
  id: CLIENT,
  names: { latin: 'Client' },
  status: 'active',
  assignedStaffIds,
  createdAt: 1,
  updatedAt: 1,
  _deleted: false,
});

function facts(
  documents: AnyDocument[] = [],
  wraps: AnyDocument[] = [],
  clients: AnyDocument[] = [clientDocument([concierge.staffId])],
): PushFacts {
  return {
    document: async (_collection, id) => documents.find((doc) => doc.id === id),
    keyWrapsOfClient: async (clientId) => wraps.filter((w) => w.clientId === clientId && !w._deleted),
    client: async (clientId) => {
      const client = clients.find((doc) => doc.id === clientId);
      return client && { client, formerAssignees: [] };
    },
    clientHeld: async () => false,
    consentsOfClient: async () => [],
    notices: async () => [],
    deviceSignKey: async () => undefined,
    staffActive: async () => true,
    now: () => 1_000,
  };
}

function wrap(granterId: string, recipientId: string, overrides: Record<string, unknown> = {}): AnyDocument {
  return {
    id: `${CLIENT}.k1.${recipientId}`,
    v: 1,
    keyId: 'k1',
    clientId: CLIENT,
    recipientId,
    granterId,
    sealed: 'c2VhbGVk',
    signature: 'A'.repeat(86),
    assignedStaffIds: [concierge.staffId],
    createdAt: 1,
    updatedAt: 1,
    _deleted: false,
    ...overrides,
  };
}

describe('key wrap push rule', () => {
  it('lets a granting role wrap to anyone, as its own device', async () => {
    const next = wrap(coordinator.deviceId, otherDevice);
    expect(
      await keyWrapRule({ caller: coordinator, master: undefined, next, facts: facts() }),
    ).toBeUndefined();
  });

  it('refuses a wrap whose granter is not the pushing device, whoever pushes it', async () => {
    const next = wrap(otherDevice, coordinator.deviceId);
    expect(await keyWrapRule({ caller: coordinator, master: undefined, next, facts: facts() })).toEqual({
      rule: 'granter',
      reason: 'wrap-granter-not-caller',
    });
  });

  it('refuses a wrap filed under an id its contents do not name', async () => {
    const next = { ...wrap(coordinator.deviceId, otherDevice), id: `${CLIENT}.k1.${uuid(99)}` };
    expect(await keyWrapRule({ caller: coordinator, master: undefined, next, facts: facts() })).toMatchObject(
      {
        reason: 'wrap-id-mismatch',
      },
    );
  });

  it('lets a role without the capability create a client’s first key, to itself and to recovery only', async () => {
    const own = wrap(concierge.deviceId, concierge.deviceId);
    const recovery = wrap(concierge.deviceId, 'org-recovery');
    expect(
      await keyWrapRule({ caller: concierge, master: undefined, next: own, facts: facts() }),
    ).toBeUndefined();
    // The second wrap of the first key, pushed after the first one landed.
    expect(
      await keyWrapRule({ caller: concierge, master: undefined, next: recovery, facts: facts([], [own]) }),
    ).toBeUndefined();
    // A wrap for someone else's device is a grant.
    const grant = wrap(concierge.deviceId, otherDevice);
    expect(await keyWrapRule({ caller: concierge, master: undefined, next: grant, facts: facts() })).toEqual({
      rule: 'grant',
      reason: 'wrap-grant-not-allowed',
    });
  });

  it('refuses the first-key exception once the client has a key from someone else', async () => {
    const existing = wrap(coordinator.deviceId, 'org-recovery');
    const own = wrap(concierge.deviceId, concierge.deviceId);
    expect(
      await keyWrapRule({ caller: concierge, master: undefined, next: own, facts: facts([], [existing]) }),
    ).toMatchObject({ reason: 'wrap-grant-not-allowed' });
    // Nor for a client outside the concierge's medical scope, nor for the admin (who writes no medical data).
    // The client's assignees decide, as the server holds them, not those the wrap carries.
    const unassigned = wrap(concierge.deviceId, concierge.deviceId);
    const anothers = facts([], [], [clientDocument([uuid(50)])]);
    expect(
      await keyWrapRule({ caller: concierge, master: undefined, next: unassigned, facts: anothers }),
    ).toMatchObject({ reason: 'wrap-grant-not-allowed' });
    expect(
      await keyWrapRule({ caller: concierge, master: undefined, next: unassigned, facts: facts([], [], []) }),
    ).toMatchObject({ reason: 'wrap-grant-not-allowed' });
    const adminOwn = wrap(admin.deviceId, admin.deviceId);
    expect(
      await keyWrapRule({ caller: admin, master: undefined, next: adminOwn, facts: facts() }),
    ).toMatchObject({ reason: 'wrap-grant-not-allowed' });
  });

  it('keeps deletions (revocations) to granting roles, and lets assignees change without a grant', async () => {
    const master = wrap(coordinator.deviceId, concierge.deviceId);
    const deleted = { ...master, _deleted: true };
    expect(await keyWrapRule({ caller: concierge, master, next: deleted, facts: facts() })).toEqual({
      rule: 'grant',
      reason: 'wrap-delete-not-allowed',
    });
    expect(await keyWrapRule({ caller: coordinator, master, next: deleted, facts: facts() })).toBeUndefined();
    const reassigned = { ...master, assignedStaffIds: [concierge.staffId, uuid(50)], updatedAt: 2 };
    expect(
      await keyWrapRule({ caller: concierge, master, next: reassigned, facts: facts() }),
    ).toBeUndefined();
    const resealed = { ...master, sealed: 'b3RoZXI' };
    expect(await keyWrapRule({ caller: concierge, master, next: resealed, facts: facts() })).toMatchObject({
      rule: 'granter',
    });
  });
});
