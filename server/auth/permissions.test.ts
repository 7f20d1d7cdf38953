import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifiedRequestFor } from '../../tests/support/server/verified-request';
import {
  authPaths,
  CAPABILITIES,
  can,
  legalHoldPaths,
  PERMISSIONS,
  ROLES,
  SYNCED_COLLECTION_NAMES,
  type Capability,
  type PullResponse,
  type Role,
  type ShareRequest,
  shareRequestPaths,
} from '../../shared/index';
import type { Database } from '../db/database';
import {
  clientId,
  makerOf,
  grantWrap,
  pushAs,
  PARTNER_JP,
  seedClients,
  seedEveryCollection,
  shareConsents,
} from '../../tests/support/server/permission-documents';
import {
  bookedFor,
  partnerDocument,
  seedBookedTrip,
  seedPartners,
} from '../../tests/support/server/share-partners';
import type { LuminaServer } from '../app';
import { auditPaths } from '../../shared/domain/audit-api';
import { incidentPaths } from '../../shared/domain/incident';
import { erasurePaths } from '../../shared/domain/erasure';
import { testEngines } from '../../tests/support/server/engines';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';

/** How each capability is exercised against the server: the request, and the status that means "allowed". */
type Probe = (server: LuminaServer, as: TestStaff, everyone: Record<Role, TestStaff>) => Promise<number>;
const allowedStatus: Record<Capability, number> = {
  grantMedicalAccess: 200,
  recoverMedicalAccess: 200,
  approveShares: 200,
  manageStaff: 201,
  approveDevices: 200,
  runRetention: 201,
  eraseClients: 200,
  exportData: 200,
  readAuditLog: 200,
  manageIncidents: 201,
};
const probes: Record<Capability, Probe> = {
  // Wrapping a client's key (of a client assigned to the granter, so that scope is not what decides) to another
  // staff member's device: a grant.
  grantMedicalAccess: async (server, as, everyone) => {
    const other = as.role === 'concierge' ? everyone.coordinator : everyone.concierge;
    const n = 300 + ROLES.indexOf(as.role);
    await seedClients(server, everyone.coordinator, [[n, [as.staffId]]]);
    return (await pushAs(server, as, 'keyWraps', [grantWrap(n, other.deviceId, as.deviceId, [as.staffId])]))
      .statusCode;
  },
  // Wrapping to another staff member's device a key whose recovery wrap the server holds (what a restore with the
  // recovery sheet writes), on a client whose only other wrap is that recovery wrap, made by a coordinator.
  recoverMedicalAccess: async (server, as, everyone) => {
    const other = as.role === 'concierge' ? everyone.coordinator : everyone.concierge;
    const n = 320 + ROLES.indexOf(as.role);
    await seedClients(server, everyone.coordinator, [[n, [as.staffId]]]);
    const recovery = grantWrap(n, 'org-recovery', everyone.coordinator.deviceId, [as.staffId]);
    expect((await pushAs(server, everyone.coordinator, 'keyWraps', [recovery])).statusCode).toBe(200);
    // The client's live medical section is under that key: a restore reaches only the current key.
    const section = { ...makerOf('medical').make(n, [as.staffId], everyone.coordinator), keyId: 'kg' };
    expect((await pushAs(server, everyone.coordinator, 'medical', [section])).statusCode).toBe(200);
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
    // Issue 15: the partner in the directory, and a trip item of client 1 booked with it.
    await seedPartners(server, everyone.manager, [await partnerDocument(everyone.manager, PARTNER_JP, 'JP')]);
    await pushAs(
      server,
      everyone.coordinator,
      'consents',
      shareConsents(everyone.coordinator, 1, PARTNER_JP, 'JP', []),
    );
    await seedBookedTrip(server, everyone.coordinator, 1, PARTNER_JP, []);
    const asked = await server.app.inject({
      method: 'POST',
      url: shareRequestPaths.requests,
      headers: requester.headers,
      payload: {
        clientId: clientId(1),
        partnerName: 'Probe clinic',
        partnerId: PARTNER_JP,
        partnerCountry: 'JP',
        purpose: 'Treatment planning',
        purposeCode: 'treatment-arrangement',
        fields: ['names'],
        ...bookedFor(1),
      },
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
  eraseClients: async (server, as) =>
    (await server.app.inject({ method: 'GET', url: erasurePaths.erasures, headers: as.headers })).statusCode,
  // A request of client 1 verified by the DPO: nothing is exported before (issue 16 review).
  exportData: async (server, as, staff) =>
    (
      await server.app.inject({
        method: 'GET',
        url: authPaths.clientExport(clientId(1), await verifiedRequestFor(server, staff.admin, clientId(1))),
        headers: as.headers,
      })
    ).statusCode,
  readAuditLog: async (server, as) =>
    (await server.app.inject({ method: 'GET', url: auditPaths.staffEvents, headers: as.headers })).statusCode,
  // Recording an incident in the breach register.
  manageIncidents: async (server, as) =>
    (
      await server.app.inject({
        method: 'POST',
        url: incidentPaths.incidents,
        headers: as.headers,
        payload: {
          discoveredAt: 1,
          discoveredBy: as.staffId,
          facts: {
            summary: 'Probe',
            cause: 'other',
            dataCategories: [],
            clientIds: [],
            euClientIds: [],
            encrypted: false,
            keyExposed: false,
            wrongfulPurpose: false,
            financialHarmRisk: false,
          },
        },
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
      await seedEveryCollection(server, staff);
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
        const { id: docId, make: doc } = makerOf(collection);

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
          const n = 100 + ROLES.indexOf(role);
          // A client's documents are scoped by their client: clients n (nobody's) and n + 10 (the writer's).
          if (collection !== 'clients') {
            await seedClients(server, staff.coordinator, [
              [n, []],
              [n + 10, [staff[role].staffId]],
            ]);
          }
          const before = await documents(handle.db);
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
          if (write === 'all' && collection === 'keyWraps' && !can(role, 'grantMedicalAccess')) {
            // A role that may recover but not grant (the admin) writes only what a restore writes (the
            // recoverMedicalAccess probe below): never a recovery wrap, which would plant a key of its own making.
            for (const res of [unassigned, own]) {
              expect(res.statusCode).toBe(403);
              expect(res.json()).toMatchObject({ reason: 'wrap-recovery-not-allowed' });
            }
            expect(await documents(handle.db)).toEqual(before);
            return;
          }
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

    it('has a probe and an allowed status for every capability', () => {
      for (const capability of CAPABILITIES) {
        expect(typeof probes[capability], capability).toBe('function');
        expect(allowedStatus[capability], capability).toBeGreaterThanOrEqual(200);
      }
    });
  });
}
