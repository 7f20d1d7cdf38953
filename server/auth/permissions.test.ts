import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authPaths,
  CAPABILITIES,
  can,
  legalHoldPaths,
  PERMISSIONS,
  ROLES,
  SYNCED_COLLECTION_NAMES,
  type Capability,
  type Client,
  type PullResponse,
  type Role,
  type ShareRequest,
  shareRequestPaths,
  type SyncedCollectionName,
  type Trip,
  type WireDocument,
} from '../../shared/index';
import type { AuditEvent } from '../../shared/domain/audit';
import type { KeyWrapDocument } from '../../shared/domain/key-wraps';
import type { MedicalSection } from '../../shared/domain/medical';
import type { LuminaServer } from '../app';
import type { Database } from '../db/database';
import { testEngines } from '../../tests/support/server/engines';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';

const clientId = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const tripId = (n: number) => `00000000-0000-4000-9000-${n.toString(16).padStart(12, '0')}`;

const consentId = (n: number) => `00000000-0000-4000-a000-${n.toString(16).padStart(12, '0')}`;
const medicalId = (n: number) => `00000000-0000-4000-b000-${n.toString(16).padStart(12, '0')}`;
const eventId = (n: number) => `00000000-0000-4000-c000-${n.toString(16).padStart(12, '0')}`;
/** The medical-data consent a medical section `n` is written under (seeded before the table is walked). */
const sectionConsentId = (n: number) => `00000000-0000-4000-d000-${n.toString(16).padStart(12, '0')}`;
const wrapId = (n: number) => `${clientId(n)}.k${n}.org-recovery`;
const envelope = (n: number) => `1.k${n}.${'A'.repeat(60)}`;

function consentDocument(id: string, n: number, assignedStaffIds: string[], witness: string) {
  return {
    id,
    clientId: clientId(n),
    purpose: 'medical-data',
    policyVersion: '2026-01',
    method: 'written',
    givenAt: 1,
    witnessStaffId: witness,
    assignedStaffIds,
    createdAt: 1,
    updatedAt: 1,
    _deleted: false,
  };
}

/**
 * Document `n` of each synced collection, for seeding and pushing as `by` (the push rules want key wraps granted
 * by the pushing device, consents witnessed and audit events written by the pusher); every collection needs a
 * maker here.
 */
const documentMakers: {
  [C in SyncedCollectionName]: {
    id(n: number): string;
    make(n: number, assignedStaffIds: string[], by: TestStaff): object;
  };
} = {
  clients: {
    id: clientId,
    make: (n, assignedStaffIds): WireDocument<Client> => ({
      id: clientId(n),
      names: { latin: `Client ${n}` },
      status: 'active',
      assignedStaffIds,
      createdAt: 1,
      updatedAt: 1,
      _deleted: false,
    }),
  },
  trips: {
    id: tripId,
    make: (n, assignedStaffIds): WireDocument<Trip> => ({
      id: tripId(n),
      clientId: clientId(n),
      assignedStaffIds,
      title: `Trip ${n}`,
      startDate: '2026-04-01',
      endDate: '2026-04-08',
      timeZone: 'Asia/Tokyo',
      items: [
        {
          id: clientId(1000 + n),
          kind: 'procedure',
          start: '2026-04-02T09:30:00+09:00',
          end: '2026-04-02T11:00:00+09:00',
          title: 'Check-up',
        },
      ],
      createdAt: 1,
      updatedAt: 1,
      _deleted: false,
    }),
  },
  medical: {
    id: medicalId,
    make: (n, assignedStaffIds): WireDocument<MedicalSection> => ({
      id: medicalId(n),
      clientId: clientId(n),
      keyId: `k${n}`,
      history: envelope(n),
      currentMedications: envelope(n),
      allergies: envelope(n),
      conditions: envelope(n),
      documentNotes: envelope(n),
      plannedTreatments: envelope(n),
      consentId: sectionConsentId(n),
      assignedStaffIds,
      createdAt: 1,
      updatedAt: 1,
      _deleted: false,
    }),
  },
  keyWraps: {
    id: wrapId,
    // The recovery wrap of the client's first key, granted by the pusher's device: what any role that writes
    // medical sections may push; roles that grant may push any wrap of their own device.
    make: (n, assignedStaffIds, by): WireDocument<KeyWrapDocument> => ({
      id: wrapId(n),
      v: 1,
      keyId: `k${n}`,
      clientId: clientId(n),
      recipientId: 'org-recovery',
      granterId: by.deviceId,
      sealed: 'c2VhbGVk',
      signature: 'A'.repeat(86),
      assignedStaffIds,
      createdAt: 1,
      updatedAt: 1,
      _deleted: false,
    }),
  },
  consents: {
    id: consentId,
    make: (n, assignedStaffIds, by) => consentDocument(consentId(n), n, assignedStaffIds, by.staffId),
  },
  auditEvents: {
    id: eventId,
    make: (n, assignedStaffIds, by): WireDocument<AuditEvent> => ({
      id: eventId(n),
      kind: 'medical-unsealed',
      staffId: by.staffId,
      deviceId: by.deviceId,
      clientId: clientId(n),
      fields: ['history'],
      at: 1,
      assignedStaffIds,
      _deleted: false,
    }),
  },
};

/** How each capability is exercised against the server: the request, and the status that means "allowed". */
type Probe = (server: LuminaServer, as: TestStaff, everyone: Record<Role, TestStaff>) => Promise<number>;
const allowedStatus: Record<Capability, number> = {
  grantMedicalAccess: 200,
  approveShares: 200,
  manageStaff: 201,
  approveDevices: 200,
  runRetention: 201,
  exportData: 200,
};
/** A key wrap of client `n`'s key `kg`, for `recipientId`, granted by `granterId`, assigned to `assignedStaffIds`. */
function grantWrap(n: number, recipientId: string, granterId: string, assignedStaffIds: string[]) {
  return {
    ...documentMakers.keyWraps.make(n, assignedStaffIds, { deviceId: granterId } as TestStaff),
    id: `${clientId(n)}.kg.${recipientId}`,
    keyId: 'kg',
    recipientId,
  };
}

const pushAs = (server: LuminaServer, as: TestStaff, collection: SyncedCollectionName, docs: object[]) =>
  server.app.inject({
    method: 'POST',
    url: `/sync/${collection}/push`,
    headers: as.headers,
    payload: docs.map((newDocumentState) => ({ newDocumentState })),
  });

const probes: Record<Capability, Probe> = {
  // Wrapping a client's key (of a client assigned to the granter, so that scope is not what decides) to another
  // staff member's device: a grant.
  grantMedicalAccess: async (server, as, everyone) => {
    const other = as.role === 'concierge' ? everyone.coordinator : everyone.concierge;
    const n = 300 + ROLES.indexOf(as.role);
    return (await pushAs(server, as, 'keyWraps', [grantWrap(n, other.deviceId, as.deviceId, [as.staffId])]))
      .statusCode;
  },
  manageStaff: async (server, as) =>
    (
      await server.app.inject({
        method: 'POST',
        url: authPaths.invitations,
        headers: as.headers,
        payload: { displayName: 'Probe person', role: 'concierge' },
      })
    ).statusCode,
  // Deciding a request another staff member made (about client 1, which the concierge is assigned): an approval.
  approveShares: async (server, as, everyone) => {
    const requester = as.role === 'concierge' ? everyone.coordinator : everyone.concierge;
    const asked = await server.app.inject({
      method: 'POST',
      url: shareRequestPaths.requests,
      headers: requester.headers,
      payload: { clientId: clientId(1), partnerName: 'Probe clinic', purpose: 'Probe', fields: ['names'] },
    });
    expect(asked.statusCode).toBe(201);
    return (
      await server.app.inject({
        method: 'POST',
        url: shareRequestPaths.approve(asked.json<ShareRequest>().id),
        headers: as.headers,
        payload: {},
      })
    ).statusCode;
  },
  approveDevices: async (server, as) =>
    (await server.app.inject({ method: 'GET', url: authPaths.enrolments, headers: as.headers })).statusCode,
  runRetention: async (server, as) =>
    (
      await server.app.inject({
        method: 'POST',
        url: legalHoldPaths.holds,
        headers: as.headers,
        payload: { clientId: clientId(1), reason: 'Probe matter' },
      })
    ).statusCode,
  exportData: async (server, as) =>
    (
      await server.app.inject({
        method: 'GET',
        url: authPaths.clientExport(clientId(1)),
        headers: as.headers,
      })
    ).statusCode,
};

for (const engine of testEngines) {
  describe(`the permission table, enforced by the server on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      // The consents every medical section of the walk is written under (sections 1 and 2, and those the roles
      // push below), as the coordinator.
      const sectionNumbers = [1, 2, ...ROLES.flatMap((_, i) => [100 + i, 110 + i, 120 + i])];
      const consents = await server.app.inject({
        method: 'POST',
        url: '/sync/consents/push',
        headers: staff.coordinator.headers,
        payload: sectionNumbers.map((n) => ({
          newDocumentState: consentDocument(sectionConsentId(n), n, [], staff.coordinator.staffId),
        })),
      });
      expect(consents.json()).toEqual([]);
      // Seed every collection as the coordinator (writes everything): document 1 assigned to the concierge,
      // document 2 to nobody.
      for (const collection of SYNCED_COLLECTION_NAMES) {
        const { make } = documentMakers[collection];
        const seeded = await server.app.inject({
          method: 'POST',
          url: `/sync/${collection}/push`,
          headers: staff.coordinator.headers,
          payload: [
            { newDocumentState: make(1, [staff.concierge.staffId], staff.coordinator) },
            { newDocumentState: make(2, [], staff.coordinator) },
          ],
        });
        expect(seeded.json()).toEqual([]);
      }
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const documents = async (db: Database) =>
      (await db.query<{ id: string; data: unknown }>('SELECT id, data FROM sync_documents ORDER BY id')).map(
        (row) => JSON.stringify(row),
      );

    for (const role of ROLES) {
      for (const collection of SYNCED_COLLECTION_NAMES) {
        const { read, write } = PERMISSIONS[role].collections[collection];
        const { id: docId, make: doc } = documentMakers[collection];

        it(`${role} reads ${collection}: ${read}`, async () => {
          const res = await server.app.inject({
            method: 'GET',
            url: `/sync/${collection}/pull?after=0`,
            headers: staff[role].headers,
          });
          if (read === 'none') {
            expect(res.statusCode).toBe(403);
            expect(res.json()).toMatchObject({ reason: 'forbidden', needs: `read:${collection}` });
            return;
          }
          expect(res.statusCode).toBe(200);
          const ids = res
            .json<PullResponse<{ id: string }>>()
            .documents.map((pulled) => pulled.id)
            .sort();
          // Earlier write tests add documents: hold the pull to what the database holds now.
          const stored = await handle.db.query<{ id: string; data: { assignedStaffIds: string[] } }>(
            'SELECT id, data FROM sync_documents WHERE collection = $1',
            [collection],
          );
          const reachable = stored
            .filter((row) => read === 'all' || row.data.assignedStaffIds.includes(staff[role].staffId))
            .map((row) => row.id)
            .sort();
          expect(ids).toEqual(reachable);
          expect(ids.includes(docId(2))).toBe(read === 'all');
          if (role === 'concierge') expect(ids).toContain(docId(1));
        });

        it(`${role} writes ${collection}: ${write}`, async () => {
          const before = await documents(handle.db);
          const n = 100 + ROLES.indexOf(role);
          const pushAs = (rows: unknown[]) =>
            server.app.inject({
              method: 'POST',
              url: `/sync/${collection}/push`,
              headers: staff[role].headers,
              payload: rows,
            });
          // A new document assigned to nobody, and a new one assigned to the writer.
          const me = staff[role];
          const unassigned = await pushAs([{ newDocumentState: doc(n, [], me) }]);
          const own = await pushAs([{ newDocumentState: doc(n + 10, [me.staffId], me) }]);
          if (write === 'all') {
            expect([unassigned.statusCode, own.statusCode]).toEqual([200, 200]);
            return;
          }
          expect(unassigned.statusCode).toBe(403);
          if (write === 'none') {
            expect(own.statusCode).toBe(403);
            expect(own.json()).toMatchObject({ needs: `write:${collection}` });
            expect(await documents(handle.db)).toEqual(before);
            return;
          }
          expect(own.statusCode).toBe(200);
          // 'assigned': neither taking over another's document, nor a push that mixes allowed and refused rows.
          // (Compared with the state after `own`: a new client also gives its documents its assignees.)
          const beforeTakeOver = await documents(handle.db);
          const takeOver = await pushAs([
            { newDocumentState: doc(n + 20, [me.staffId], me) },
            { newDocumentState: doc(2, [me.staffId], me), assumedMasterState: doc(2, [], me) },
          ]);
          expect(takeOver.statusCode).toBe(403);
          const after = await documents(handle.db);
          expect(after).toEqual(beforeTakeOver);
          expect(after.filter((row) => !before.includes(row)).length).toBeGreaterThanOrEqual(1);
          // By id: other collections' documents name the same client.
          expect(after.some((row) => (JSON.parse(row) as { id: string }).id === docId(n + 20))).toBe(false);
        });
      }

      for (const capability of CAPABILITIES) {
        const probe = probes[capability];
        it(`${role} ${can(role, capability) ? 'may' : 'may not'} ${capability}`, async () => {
          const status = await probe(server, staff[role], staff);
          if (can(role, capability)) {
            expect(status).toBe(allowedStatus[capability]);
          } else {
            expect(status).toBe(403);
          }
        });
      }
    }

    it("refuses a wrap that the pushing device did not grant, whatever the pusher's role", async () => {
      const { coordinator, manager } = staff;
      const res = await pushAs(server, coordinator, 'keyWraps', [
        grantWrap(400, coordinator.deviceId, manager.deviceId, [coordinator.staffId]),
      ]);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({
        reason: 'wrap-granter-not-caller',
        needs: 'write:keyWraps:granter',
      });
    });

    it("lets a concierge create a client's first key (own device, recovery) and nothing more", async () => {
      const { concierge, coordinator } = staff;
      const mine = [concierge.staffId];
      // The two wraps of the first key, in two pushes: the second meets the first on the server.
      const own = await pushAs(server, concierge, 'keyWraps', [
        grantWrap(410, concierge.deviceId, concierge.deviceId, mine),
      ]);
      expect(own.statusCode).toBe(200);
      const recovery = await pushAs(server, concierge, 'keyWraps', [
        grantWrap(410, 'org-recovery', concierge.deviceId, mine),
      ]);
      expect(recovery.statusCode).toBe(200);
      // Wrapping it for a colleague is a grant; deleting a wrap is a revocation; neither is a concierge's.
      const grant = await pushAs(server, concierge, 'keyWraps', [
        grantWrap(410, coordinator.deviceId, concierge.deviceId, mine),
      ]);
      expect(grant.statusCode).toBe(403);
      expect(grant.json()).toMatchObject({ reason: 'wrap-grant-not-allowed' });
      const ownWrap = grantWrap(410, concierge.deviceId, concierge.deviceId, mine);
      const revoke = await server.app.inject({
        method: 'POST',
        url: '/sync/keyWraps/push',
        headers: concierge.headers,
        payload: [{ newDocumentState: { ...ownWrap, _deleted: true }, assumedMasterState: ownWrap }],
      });
      expect(revoke.statusCode).toBe(403);
      expect(revoke.json()).toMatchObject({ reason: 'wrap-delete-not-allowed' });
      // A client whose key a coordinator made already: no first key for the concierge.
      const coordinators = await pushAs(server, coordinator, 'keyWraps', [
        grantWrap(411, 'org-recovery', coordinator.deviceId, mine),
      ]);
      expect(coordinators.statusCode).toBe(200);
      const late = await pushAs(server, concierge, 'keyWraps', [
        grantWrap(411, concierge.deviceId, concierge.deviceId, mine),
      ]);
      expect(late.statusCode).toBe(403);
    });

    it('keeps audit events to their actor, written once', async () => {
      const { concierge, coordinator } = staff;
      const event = documentMakers.auditEvents.make(420, [concierge.staffId], concierge);
      const forged = await pushAs(server, concierge, 'auditEvents', [
        documentMakers.auditEvents.make(421, [concierge.staffId], coordinator),
      ]);
      expect(forged.statusCode).toBe(403);
      expect(forged.json()).toMatchObject({ reason: 'audit-actor-not-caller' });
      expect((await pushAs(server, concierge, 'auditEvents', [event])).statusCode).toBe(200);
      // A retry is accepted; a change is not.
      expect((await pushAs(server, concierge, 'auditEvents', [event])).statusCode).toBe(200);
      const changed = await server.app.inject({
        method: 'POST',
        url: '/sync/auditEvents/push',
        headers: concierge.headers,
        payload: [{ newDocumentState: { ...event, fields: ['allergies'] }, assumedMasterState: event }],
      });
      expect(changed.statusCode).toBe(403);
      expect(changed.json()).toMatchObject({ reason: 'audit-event-immutable' });
    });

    it('has consents witnessed by whoever records them, and medical data written under one', async () => {
      const { concierge, coordinator } = staff;
      const mine = [concierge.staffId];
      const witnessedByAnother = await pushAs(server, concierge, 'consents', [
        consentDocument(consentId(430), 430, mine, coordinator.staffId),
      ]);
      expect(witnessedByAnother.statusCode).toBe(403);
      expect(witnessedByAnother.json()).toMatchObject({ reason: 'consent-witness-not-caller' });
      const section = { ...documentMakers.medical.make(430, mine, concierge), consentId: consentId(430) };
      const before = await pushAs(server, concierge, 'medical', [section]);
      expect(before.statusCode).toBe(403);
      expect(before.json()).toMatchObject({
        reason: 'medical-consent-missing',
        needs: 'write:medical:consent',
      });
      const consent = consentDocument(consentId(430), 430, mine, concierge.staffId);
      expect((await pushAs(server, concierge, 'consents', [consent])).statusCode).toBe(200);
      expect((await pushAs(server, concierge, 'medical', [section])).statusCode).toBe(200);
      const withdrawn = { ...consent, withdrawnAt: 5, withdrawalRecordedBy: concierge.staffId, updatedAt: 5 };
      const withdraw = await server.app.inject({
        method: 'POST',
        url: '/sync/consents/push',
        headers: concierge.headers,
        payload: [{ newDocumentState: withdrawn, assumedMasterState: consent }],
      });
      expect(withdraw.statusCode).toBe(200);
      const edit = { ...section, history: envelope(431), updatedAt: 6 };
      const after = await server.app.inject({
        method: 'POST',
        url: '/sync/medical/push',
        headers: concierge.headers,
        payload: [{ newDocumentState: edit, assumedMasterState: section }],
      });
      expect(after.statusCode).toBe(403);
      expect(after.json()).toMatchObject({ reason: 'medical-consent-withdrawn' });
    });

    it("exports a client's documents of every collection that names the client", async () => {
      const res = await server.app.inject({
        method: 'GET',
        url: authPaths.clientExport(clientId(1)),
        headers: staff.admin.headers,
      });
      expect(res.statusCode).toBe(200);
      const exported = res.json<{ documents: Record<string, Array<{ id: string }>> }>().documents;
      expect(exported.clients?.map((d) => d.id)).toEqual([clientId(1)]);
      expect(exported.trips?.map((d) => d.id)).toEqual([tripId(1)]);
      expect(exported.medical?.map((d) => d.id)).toEqual([medicalId(1)]);
      expect(exported.keyWraps?.map((d) => d.id)).toEqual([wrapId(1)]);
      expect(exported.auditEvents?.map((d) => d.id)).toEqual([eventId(1)]);
    });

    it('has a probe and an allowed status for every capability', () => {
      for (const capability of CAPABILITIES) {
        expect(typeof probes[capability], capability).toBe('function');
        expect(allowedStatus[capability], capability).toBeGreaterThanOrEqual(200);
      }
    });
  });
}
