import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legalHoldPaths, type LegalHold, type Role } from '../../shared/index';
import {
  clientId,
  consentDocument,
  ensureTestNotice,
  makerOf,
  grantWrap,
  pushAs,
  sectionConsentId,
} from '../../tests/support/server/permission-documents';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import { addStaff, organisationServer, type TestStaff } from '../../tests/support/server/staff';

/** Issue 22, findings 2, 3 and 11: a child document's scope comes from the client it names, on the server. */

const CHILDREN = ['trips', 'medical', 'keyWraps', 'consents', 'auditEvents'] as const;
/** The children whose assignees are a copy of their client's (the registry's `assignees: 'client'`). */
const COPIES = ['trips', 'medical', 'keyWraps', 'consents'] as const;
const MINE = 1;
const THEIRS = 2;
const UNKNOWN = 99;

for (const engine of testEngines) {
  describe(`a child document is scoped by its client, on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;
    let other: TestStaff;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      other = await addStaff(server.app, staff.admin, 'concierge', 'Other concierge');
      const { coordinator, concierge } = staff;
      // Client 1 is the concierge's, client 2 the other concierge's; each with the consent medical data needs.
      const clients = await pushAs(server, coordinator, 'clients', [
        makerOf('clients').make(MINE, [concierge.staffId], coordinator),
        makerOf('clients').make(THEIRS, [other.staffId], coordinator),
      ]);
      expect(clients.json()).toEqual([]);
      await ensureTestNotice(server);
      const consents = await pushAs(server, coordinator, 'consents', [
        consentDocument(sectionConsentId(MINE), MINE, [concierge.staffId], coordinator),
        consentDocument(sectionConsentId(THEIRS), THEIRS, [other.staffId], coordinator),
      ]);
      expect(consents.json()).toEqual([]);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const stored = async (collection: string, id: string) =>
      (
        await handle.db.query('SELECT 1 FROM sync_documents WHERE collection = $1 AND id = $2', [
          collection,
          id,
        ])
      ).length;

    for (const collection of CHILDREN) {
      it(`refuses ${collection} naming a client the concierge may not write, whatever its assignees say`, async () => {
        const { concierge } = staff;
        const doc = makerOf(collection).make(THEIRS, [concierge.staffId], concierge);
        const res = await pushAs(server, concierge, collection, [doc]);
        expect(res.statusCode).toBe(403);
        expect(res.json()).toMatchObject({
          reason: 'client-not-in-scope',
          needs: `write:${collection}:client`,
        });
        expect(await stored(collection, makerOf(collection).id(THEIRS))).toBe(0);
      });

      it(`refuses ${collection} naming a client that does not exist`, async () => {
        const { coordinator } = staff;
        const doc = makerOf(collection).make(UNKNOWN, [], coordinator);
        const res = await pushAs(server, coordinator, collection, [doc]);
        expect(res.statusCode).toBe(403);
        expect(res.json()).toMatchObject({ reason: 'client-unknown', needs: `write:${collection}:client` });
      });
    }

    COPIES.forEach((collection, index) => {
      it(`stores ${collection} with its client's assignees, whatever the device sends (a trip shown to a colleague is not)`, async () => {
        const { concierge, coordinator } = staff;
        // A client of its own, so that no other test meets these documents (10, 11, ...).
        const n = 10 + index;
        const made = await pushAs(server, coordinator, 'clients', [
          makerOf('clients').make(n, [concierge.staffId], coordinator),
        ]);
        expect(made.json()).toEqual([]);
        if (collection === 'medical') {
          const consent = await pushAs(server, coordinator, 'consents', [
            consentDocument(sectionConsentId(n), n, [concierge.staffId], coordinator),
          ]);
          expect(consent.json()).toEqual([]);
        }
        const doc = makerOf(collection).make(n, [concierge.staffId, other.staffId], concierge);
        const res = await pushAs(server, concierge, collection, [doc]);
        expect(res.statusCode).toBe(200);
        const [row] = await handle.db.query<{ data: { assignedStaffIds: string[] } }>(
          'SELECT data FROM sync_documents WHERE collection = $1 AND id = $2',
          [collection, makerOf(collection).id(n)],
        );
        expect(row?.data.assignedStaffIds).toEqual([concierge.staffId]);
        const pulled = await server.app.inject({
          method: 'GET',
          url: `/sync/${collection}/pull?after=0&limit=1000`,
          headers: other.headers,
        });
        expect(pulled.statusCode).toBe(200);
        const ids = (pulled.json() as { documents: { id: string }[] }).documents.map((d) => d.id);
        expect(ids).not.toContain(makerOf(collection).id(n));
      });
    });

    it("does not let a concierge make the first key of another's client, and lets the rightful one", async () => {
      const { concierge } = staff;
      // The attack: the other concierge wraps a first key of client 1 to their own device and to recovery.
      for (const recipient of [other.deviceId, 'org-recovery']) {
        const hijack = await pushAs(server, other, 'keyWraps', [
          grantWrap(MINE, recipient, other.deviceId, [other.staffId]),
        ]);
        expect(hijack.statusCode).toBe(403);
        expect(hijack.json()).toMatchObject({ reason: 'client-not-in-scope' });
      }
      for (const recipient of [concierge.deviceId, 'org-recovery']) {
        const own = await pushAs(server, concierge, 'keyWraps', [
          grantWrap(MINE, recipient, concierge.deviceId, [concierge.staffId]),
        ]);
        expect(own.statusCode).toBe(200);
        expect(own.json()).toEqual([]);
      }
    });

    it('accepts children written within the client and with its assignees', async () => {
      const { concierge } = staff;
      // Key wraps: the first key above is the concierge's (another key would be a grant).
      for (const collection of CHILDREN.filter((name) => name !== 'keyWraps')) {
        const res = await pushAs(server, concierge, collection, [
          makerOf(collection).make(MINE, [concierge.staffId], concierge),
        ]);
        expect(res.statusCode, `${collection} ${res.body}`).toBe(200);
      }
    });

    it('refuses deleting a held client and its children until the hold is lifted', async () => {
      const { admin, concierge } = staff;
      const client = makerOf('clients').make(MINE, [concierge.staffId], concierge);
      const trip = makerOf('trips').make(MINE, [concierge.staffId], concierge);
      const applied = await server.app.inject({
        method: 'POST',
        url: legalHoldPaths.holds,
        headers: admin.headers,
        payload: { clientId: clientId(MINE), reason: 'Litigation' },
      });
      expect(applied.statusCode).toBe(201);
      const remove = (collection: 'clients' | 'trips', doc: object) =>
        server.app.inject({
          method: 'POST',
          url: `/sync/${collection}/push`,
          headers: concierge.headers,
          payload: [{ newDocumentState: { ...doc, _deleted: true }, assumedMasterState: doc }],
        });
      for (const [collection, doc] of [
        ['clients', client],
        ['trips', trip],
      ] as const) {
        const refused = await remove(collection, doc);
        expect(refused.statusCode).toBe(403);
        expect(refused.json()).toMatchObject({
          reason: 'client-held',
          needs: `write:${collection}:legal-hold`,
        });
      }
      // Edits of a held client go on: the hold keeps it, it does not freeze it.
      const edited = { ...client, names: { latin: 'Renamed' }, updatedAt: 2 };
      const edit = await server.app.inject({
        method: 'POST',
        url: '/sync/clients/push',
        headers: concierge.headers,
        payload: [{ newDocumentState: edited, assumedMasterState: client }],
      });
      expect(edit.json()).toEqual([]);
      const lifted = await server.app.inject({
        method: 'POST',
        url: legalHoldPaths.lift(applied.json<LegalHold>().id),
        headers: admin.headers,
        payload: { reason: 'Settled' },
      });
      expect(lifted.statusCode).toBe(200);
      expect((await remove('trips', trip)).json()).toEqual([]);
      expect((await remove('clients', edited)).json()).toEqual([]);
    });
  });
}
