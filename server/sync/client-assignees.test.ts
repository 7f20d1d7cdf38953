import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PullResponse, StreamEvent, SyncedCollectionName } from '../../shared/index';
import { buildServer, type LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import { addStaff, resetDatabase, setUpOrganisation, type TestStaff } from '../../tests/support/server/staff';
import { ChangeFeed } from './change-feed';
import { EMPTY_CHAIN, chainNextEntry } from '../../shared/crypto/audit-chain';
import { loadSodium, type StaffIdentity } from '../../shared/crypto/index';

const sodium = await loadSodium();
import { CLIENT_DOCUMENTS_QUERY } from './change-store';
import { writeDocuments } from './documents';
import { consentDocument, ensureTestNotice } from '../../tests/support/server/permission-documents';

const uuid = (prefix: string, n: number) =>
  `00000000-0000-4000-${prefix}-${n.toString(16).padStart(12, '0')}`;
const CLIENT = uuid('8000', 1);
const OTHER_CLIENT = uuid('8000', 2);
const CONSENT = uuid('a000', 1);
const SECTION = uuid('b000', 1);
const EVENT = uuid('c000', 1);
const trip = (n: number, clientId: string, assignedStaffIds: string[], deleted = false) => ({
  id: uuid('9000', n),
  clientId,
  assignedStaffIds,
  title: `Trip ${n}`,
  startDate: '2026-04-01',
  endDate: '2026-04-08',
  timeZone: 'Asia/Tokyo',
  items: [],
  createdAt: 1,
  updatedAt: 1,
  _deleted: deleted,
});
const client = (id: string, assignedStaffIds: string[], name = 'Guest') => ({
  id,
  names: { latin: name },
  status: 'active',
  assignedStaffIds,
  createdAt: 1,
  updatedAt: 1,
  _deleted: false,
});

type Doc = Record<string, unknown> & { id: string; _deleted: boolean };

for (const engine of testEngines) {
  describe(`a client's documents follow its assignees, on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let coordinator: TestStaff;
    let a: TestStaff;
    let b: TestStaff;

    beforeAll(async () => {
      handle = await engine.open();
    });
    afterAll(async () => {
      await handle.drop();
    });
    beforeEach(async () => {
      await resetDatabase(handle.db);
      let setupCode = '';
      server = await buildServer({
        db: handle.db,
        allowedOrigins: [],
        logLevel: 'silent',
        onSetupCode: (code) => (setupCode = code),
      });
      const admin = await setUpOrganisation(server.app, setupCode);
      coordinator = await addStaff(server.app, admin, 'coordinator');
      a = await addStaff(server.app, admin, 'concierge');
      b = await addStaff(server.app, admin, 'concierge');
    });
    afterEach(async () => {
      await server.close();
    });

    async function push(collection: SyncedCollectionName, rows: object[], as = coordinator) {
      const res = await server.app.inject({
        method: 'POST',
        url: `/sync/${collection}/push`,
        headers: as.headers,
        payload: rows,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual([]);
    }
    const pushNew = (collection: SyncedCollectionName, docs: object[]) =>
      push(
        collection,
        docs.map((newDocumentState) => ({ newDocumentState })),
      );
    async function pull(as: TestStaff, collection: SyncedCollectionName, after = 0) {
      const res = await server.app.inject({
        method: 'GET',
        url: `/sync/${collection}/pull?after=${after}`,
        headers: as.headers,
      });
      expect(res.statusCode).toBe(200);
      return res.json<PullResponse<Doc>>();
    }
    /** Every stored row's seq and assignees, by collection and id. */
    const stored = async () =>
      Object.fromEntries(
        (
          await handle.db.query<{ collection: string; id: string; seq: string | number; data: Doc }>(
            'SELECT collection, id, seq, data FROM sync_documents',
          )
        ).map((row) => [
          `${row.collection}/${row.id}`,
          { seq: Number(row.seq), assignees: row.data.assignedStaffIds },
        ]),
      );
    const lastSeq = async () =>
      Number((await handle.db.query<{ n: string }>('SELECT max(seq)::text AS n FROM sync_documents'))[0]!.n);

    /** Client 1 with a consent, a medical section, two key wraps, trips and an audit event; all assigned to A. */
    async function seedClientOfA() {
      const wrap = (recipientId: string) => ({
        id: `${CLIENT}.k1.${recipientId}`,
        v: 1,
        keyId: 'k1',
        clientId: CLIENT,
        recipientId,
        granterId: coordinator.deviceId,
        sealed: 'c2VhbGVk',
        signature: 'A'.repeat(86),
        assignedStaffIds: [a.staffId],
        createdAt: 1,
        updatedAt: 1,
        _deleted: false,
      });
      const envelope = `1.k1.${'A'.repeat(60)}`;
      await pushNew('clients', [client(CLIENT, [a.staffId]), client(OTHER_CLIENT, [a.staffId])]);
      await ensureTestNotice(server);
      await pushNew('consents', [consentDocument(CONSENT, 1, [a.staffId], coordinator)]);
      await pushNew('medical', [
        {
          id: SECTION,
          clientId: CLIENT,
          keyId: 'k1',
          history: envelope,
          currentMedications: envelope,
          allergies: envelope,
          conditions: envelope,
          documentNotes: envelope,
          plannedTreatments: envelope,
          consentId: CONSENT,
          assignedStaffIds: [a.staffId],
          createdAt: 1,
          updatedAt: 1,
          _deleted: false,
        },
      ]);
      await pushNew('keyWraps', [wrap(a.deviceId), wrap('org-recovery')]);
      await pushNew('trips', [
        trip(1, CLIENT, [a.staffId]),
        // Deleted: stays as it is.
        trip(2, CLIENT, [a.staffId], true),
        // Another client's: untouched.
        trip(3, OTHER_CLIENT, [a.staffId]),
      ]);
      // An access-log entry about the client, the first of the coordinator's device chain.
      const { entry } = chainNextEntry(
        sodium,
        EMPTY_CHAIN,
        {
          id: EVENT,
          kind: 'medical-unsealed',
          staffId: coordinator.staffId,
          deviceId: coordinator.deviceId,
          clientId: CLIENT,
          fields: ['history'],
          at: 1,
          assignedStaffIds: [a.staffId],
        },
        { staffId: coordinator.deviceId, signSecretKey: coordinator.keys.signSecretKey } as StaffIdentity,
      );
      await pushNew('auditEvents', [{ ...entry, _deleted: false }]);
    }

    it('moves the trip, medical section, consent and key wraps from A to B when the client is re-assigned', async () => {
      await seedClientOfA();
      // A trip of the client that already lists B alone needs no rewrite.
      // (Written as the server held such documents before a document's assignees had to be its client's.)
      const { _deleted: deleted, ...data } = trip(4, CLIENT, [b.staffId]);
      await writeDocuments(handle.db, 'trips', [{ id: data.id, deleted, data, former_assignees: [] }]);
      const before = await stored();
      const seqBefore = await lastSeq();
      // What the server's own feed hears: the notifications of the push's transaction.
      const feed = new ChangeFeed(handle.db);
      await feed.start();
      const announced = new Map<string, number>();
      const feedHeard = new Promise<void>((resolve) =>
        feed.subscribe((event) => {
          if (event === 'resync') return;
          announced.set((event as StreamEvent).collection, (event as StreamEvent).seq);
          if (announced.size === 5) resolve();
        }),
      );

      await push('clients', [
        {
          assumedMasterState: client(CLIENT, [a.staffId]),
          newDocumentState: { ...client(CLIENT, [b.staffId]), updatedAt: 2 },
        },
      ]);

      const clientDocs: Record<string, string[]> = {
        trips: [uuid('9000', 1), uuid('9000', 4)],
        medical: [SECTION],
        consents: [CONSENT],
        keyWraps: [`${CLIENT}.k1.${a.deviceId}`, `${CLIENT}.k1.org-recovery`],
      };
      for (const [collection, ids] of Object.entries(clientDocs)) {
        const pulled = await pull(b, collection as SyncedCollectionName);
        expect(pulled.documents.map((doc) => doc.id).sort(), collection).toEqual([...ids].sort());
        for (const doc of pulled.documents) {
          expect(doc.assignedStaffIds).toEqual([b.staffId]);
          expect(doc._deleted).toBe(false);
          // The device's time of the last edit, not the server's (a consent record is never edited: it has none).
          expect(doc.updatedAt).toBe(collection === 'consents' ? undefined : 1);
        }
        // A hears of each document it had: a removal without content.
        const removed = await pull(a, collection as SyncedCollectionName, seqBefore);
        const hadIt = ids.filter((id) => id !== uuid('9000', 4));
        expect(removed.documents.map((doc) => doc.id).sort(), collection).toEqual(hadIt.sort());
        for (const doc of removed.documents) {
          expect(doc._deleted).toBe(true);
          expect(doc.assignedStaffIds).toEqual([]);
          expect(JSON.stringify(doc)).not.toMatch(/Trip 1|c2VhbGVk|2026-01/);
        }
      }
      // The content is the server's, only the assignees changed.
      const [bTrip] = (await pull(b, 'trips')).documents.filter((doc) => doc.id === uuid('9000', 1));
      expect(bTrip).toEqual({ ...trip(1, CLIENT, [b.staffId]) });

      const after = await stored();
      for (const unchanged of [
        `trips/${uuid('9000', 2)}`,
        `trips/${uuid('9000', 3)}`,
        `trips/${uuid('9000', 4)}`,
        `auditEvents/${EVENT}`,
        `clients/${OTHER_CLIENT}`,
      ]) {
        expect(after[unchanged], unchanged).toEqual(before[unchanged]);
      }
      // The client's change first, then one per rewritten document: 1 + trip + section + consent + 2 wraps.
      expect(await lastSeq()).toBe(seqBefore + 6);
      const former = await handle.db.query<{ id: string; former_assignees: string[] }>(
        `SELECT id, former_assignees FROM sync_documents WHERE collection = 'trips' AND id = $1`,
        [uuid('9000', 1)],
      );
      expect(former[0]!.former_assignees).toEqual([a.staffId]);

      await feedHeard;
      await feed.close();
      expect([...announced.keys()].sort()).toEqual(['clients', 'consents', 'keyWraps', 'medical', 'trips']);
      for (const [collection, seq] of announced) {
        const [row] = await handle.db.query<{ n: string }>(
          'SELECT max(seq)::text AS n FROM sync_documents WHERE collection = $1',
          [collection],
        );
        expect(seq, collection).toBe(Number(row!.n));
      }
    });

    it('rewrites nothing when a push leaves the assignees as they are, in whatever order', async () => {
      await seedClientOfA();
      await push('clients', [
        {
          assumedMasterState: client(CLIENT, [a.staffId]),
          newDocumentState: client(CLIENT, [a.staffId, b.staffId]),
        },
      ]);
      const before = await stored();
      const seqBefore = await lastSeq();
      // Renamed, and the same two people listed the other way round.
      await push('clients', [
        {
          assumedMasterState: client(CLIENT, [a.staffId, b.staffId]),
          newDocumentState: { ...client(CLIENT, [b.staffId, a.staffId], 'Renamed'), updatedAt: 2 },
        },
      ]);
      const after = await stored();
      expect(await lastSeq()).toBe(seqBefore + 1);
      for (const key of Object.keys(before).filter((key) => key !== `clients/${CLIENT}`)) {
        expect(after[key], key).toEqual(before[key]);
      }
      // The first push, which added B, did rewrite them.
      expect(after[`trips/${uuid('9000', 1)}`]!.assignees).toEqual([a.staffId, b.staffId]);
    });

    it("refuses a client's documents pushed before it (the device retries), then takes them with its assignees", async () => {
      // Issue 22: a document's scope comes from its client, so the client must be there first.
      const early = await server.app.inject({
        method: 'POST',
        url: '/sync/trips/push',
        headers: coordinator.headers,
        payload: [{ newDocumentState: trip(5, CLIENT, [a.staffId]) }],
      });
      expect(early.statusCode).toBe(403);
      expect(early.json()).toMatchObject({ reason: 'client-unknown' });
      await pushNew('clients', [client(CLIENT, [b.staffId])]);
      await pushNew('trips', [trip(5, CLIENT, [b.staffId])]);
      expect((await pull(b, 'trips')).documents).toEqual([trip(5, CLIENT, [b.staffId])]);
      expect((await pull(a, 'trips')).documents).toEqual([]);
    });
  });

  describe(`the look-up of a client's documents on ${engine.name}`, () => {
    let handle: Awaited<ReturnType<typeof engine.open>>;
    beforeAll(async () => {
      handle = await engine.open();
      await handle.db.exec(`
        INSERT INTO sync_documents (collection, id, seq, deleted, data)
        SELECT 'trips', 'trip-' || g, g, false,
               jsonb_build_object('clientId', 'client-' || (g % 1000), 'assignedStaffIds', jsonb_build_array('s'))
          FROM generate_series(1, 5000) AS g;
        ANALYZE sync_documents;
      `);
    });
    afterAll(async () => {
      await handle.drop();
    });

    it('is served by the index on (collection, clientId) of migration 5', async () => {
      const rows = await handle.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${CLIENT_DOCUMENTS_QUERY}`, [
        'trips',
        JSON.stringify(['client-7', 'client-8']),
      ]);
      const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(plan).toContain('sync_documents_client');
      expect(plan).not.toMatch(/Seq Scan on sync_documents/);
      const found = await handle.db.query<{ id: string }>(CLIENT_DOCUMENTS_QUERY, [
        'trips',
        JSON.stringify(['client-7']),
      ]);
      expect(found).toHaveLength(5);
    });
  });
}
