import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSodium, newDataKey } from '../../shared/crypto/index';
import type { Trip, TripItem } from '../../shared/domain/trip';
import { resealDigest, sealTripItem } from '../../shared/domain/trip-medical';
import { seedDocuments } from '../../tests/support/server/seed';
import {
  clientId,
  consentDocument,
  consentId,
  ensureTestNotice,
  makerOf,
  pushAs,
  tripId,
} from '../../tests/support/server/permission-documents';
import { testEngines } from '../../tests/support/server/engines';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import type { LuminaServer } from '../app';

/**
 * Issue 14, item 8: the server never stores the title, place or notes of a medical trip item in clear. A push
 * carrying them is refused whole; a sealed one is stored, and its database row holds none of them.
 */

// Distinctive enough that finding them anywhere can only mean the plaintext leaked.
const PROCEDURE = 'Xylocarpa-5521 knee arthroscopy';
const PLACE = 'Quillfeather-8830 Orthopaedic Clinic';
const NOTE = 'Vortigern-1194 fasting from midnight';

const CLIENT = 1;
/** A client without any medical consent. */
const NO_CONSENT_CLIENT = 2;

function tripWith(n: number, items: TripItem[]): Trip & { _deleted: false } {
  return {
    id: tripId(n),
    clientId: clientId(CLIENT),
    assignedStaffIds: [],
    title: 'Spring in Tokyo',
    startDate: '2026-04-01',
    endDate: '2026-04-08',
    timeZone: 'Asia/Tokyo',
    items,
    createdAt: 1,
    updatedAt: 1,
    _deleted: false,
  };
}

const procedure: TripItem = {
  id: clientId(500),
  kind: 'procedure',
  start: '2026-04-03T09:00:00+09:00',
  end: '2026-04-03T12:00:00+09:00',
  title: PROCEDURE,
  location: PLACE,
  notes: NOTE,
};

for (const engine of testEngines) {
  describe(`medical trip details on the server, on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let coordinator: TestStaff;

    beforeAll(async () => {
      handle = await engine.open();
      const made = await organisationServer(handle.db);
      server = made.server;
      coordinator = made.staff.coordinator;
      const client = makerOf('clients').make(CLIENT, [], coordinator);
      const other = makerOf('clients').make(NO_CONSENT_CLIENT, [], coordinator);
      const res = await pushAs(server, coordinator, 'clients', [client, other]);
      expect(res.statusCode, res.body).toBe(200);
      // Medical details are written under the client's medical consent (the trips push rule asks the ledger).
      await ensureTestNotice(server);
      const consent = await pushAs(server, coordinator, 'consents', [
        consentDocument(consentId(CLIENT), CLIENT, [], coordinator),
      ]);
      expect(consent.statusCode, consent.body).toBe(200);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const rowsText = async () =>
      JSON.stringify(
        await handle.db.query("SELECT id, data FROM sync_documents WHERE collection = 'trips'", []),
      );

    it('refuses a trip whose procedure carries its name, place or notes in clear, and stores nothing', async () => {
      const sodium = await loadSodium();
      const sealed = sealTripItem(sodium, newDataKey(sodium), tripId(1), procedure);
      // In clear as before version 3, or beside its sealed details: refused by the trips push rule.
      for (const item of [
        { ...sealed, sealedDetails: undefined, title: PROCEDURE },
        { ...sealed, title: PROCEDURE },
        { ...sealed, location: PLACE },
        { ...sealed, notes: NOTE },
      ]) {
        const res = await pushAs(server, coordinator, 'trips', [
          tripWith(1, [JSON.parse(JSON.stringify(item)) as TripItem]),
        ]);
        expect(res.statusCode).toBe(403);
        expect(res.json()).toMatchObject({
          reason: 'medical-details-in-clear',
          needs: 'write:trips:medical-details',
        });
      }
      expect(await rowsText()).not.toContain(tripId(1));
    });

    it('stores a sealed procedure, and its row holds no procedure name, place or note', async () => {
      const sodium = await loadSodium();
      const key = newDataKey(sodium);
      const sealed = sealTripItem(sodium, key, tripId(2), procedure);
      const hotel: TripItem = { ...procedure, id: clientId(501), kind: 'hotel', title: 'Hotel Okura' };
      const hotelItem = { ...hotel };
      delete hotelItem.location;
      delete hotelItem.notes;
      const res = await pushAs(server, coordinator, 'trips', [tripWith(2, [sealed, hotelItem])]);
      expect(res.statusCode, res.body).toBe(200);
      const text = await rowsText();
      expect(text).toContain(tripId(2));
      expect(text).toContain('Hotel Okura');
      for (const secret of [PROCEDURE, PLACE, NOTE, 'Xylocarpa', 'Quillfeather', 'Vortigern']) {
        expect(text).not.toContain(secret);
      }
    });

    it('takes a re-seal of a trip held in clear for one only with the digest of those details (no consent needed)', async () => {
      const sodium = await loadSodium();
      const key = newDataKey(sodium);
      // A trip written before version 3, its procedure in clear, of a client with no medical consent.
      const legacy = { ...tripWith(3, [procedure]), clientId: clientId(NO_CONSENT_CLIENT) };
      const stored: Partial<typeof legacy> = { ...legacy };
      delete stored._deleted;
      await seedDocuments(handle.db, 'trips', [stored as Trip]);
      const sealed = sealTripItem(sodium, key, tripId(3), procedure);
      const resealed = (item: TripItem) => ({ ...legacy, items: [item], updatedAt: 2 });
      const push = (item: TripItem) =>
        server.app.inject({
          method: 'POST',
          url: '/sync/trips/push',
          headers: coordinator.headers,
          payload: [{ assumedMasterState: legacy, newDocumentState: resealed(item) }],
        });
      // New details (or a digest of others) over the clear ones: a medical write, refused without a consent.
      for (const item of [
        sealed,
        { ...sealed, resealOf: resealDigest(sodium, tripId(3), procedure.id, { title: 'Hip replacement' }) },
      ]) {
        const refused = await push(item);
        expect(refused.statusCode).toBe(403);
        expect(refused.json()).toMatchObject({ reason: 'medical-consent-missing' });
      }
      expect(await rowsText()).toContain(PROCEDURE);
      const digest = resealDigest(sodium, tripId(3), procedure.id, {
        title: PROCEDURE,
        location: PLACE,
        notes: NOTE,
      });
      const ok = await push({ ...sealed, resealOf: digest });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toEqual([]);
      const text = await rowsText();
      expect(text).toContain(digest);
      for (const secret of [PROCEDURE, PLACE, NOTE]) expect(text).not.toContain(secret);
    });

    it('refuses medical details written through a conflict: in clear, or sealed without a consent (trips and sections)', async () => {
      const sodium = await loadSodium();
      // A trip and a medical section of a client with no medical consent, as the server holds them.
      const hotel = {
        id: clientId(502),
        kind: 'hotel',
        start: procedure.start,
        end: procedure.end,
        title: 'Hotel Okura',
      };
      const trip = { ...tripWith(4, [hotel as TripItem]), clientId: clientId(NO_CONSENT_CLIENT) };
      const section = makerOf('medical').make(NO_CONSENT_CLIENT, [], coordinator) as { history: string };
      for (const [collection, doc] of [
        ['trips', trip],
        ['medical', section],
      ] as const) {
        const stored: Record<string, unknown> = { ...doc };
        delete stored._deleted;
        await seedDocuments(handle.db, collection, [stored as { id: string }]);
      }
      const push = (collection: 'trips' | 'medical', master: object, conflicts: unknown) =>
        server.app.inject({
          method: 'POST',
          url: `/sync/${collection}/push`,
          headers: coordinator.headers,
          payload: [{ assumedMasterState: master, newDocumentState: { ...master, conflicts, updatedAt: 2 } }],
        });
      const onItems = (items: unknown[]) => [
        { path: ['items'], values: [{ value: [hotel] }, { value: items }] },
      ];
      const sealed = sealTripItem(sodium, newDataKey(sodium), tripId(4), procedure);
      const refusals = [
        [await push('trips', trip, onItems([procedure])), 'medical-details-in-clear'],
        [await push('trips', trip, onItems([sealed])), 'medical-consent-missing'],
        [
          await push('medical', section, [
            { path: ['history'], values: [{ value: section.history }, { value: PROCEDURE }] },
          ]),
          'medical-conflict-not-sealed',
        ],
        [
          await push('medical', section, [
            { path: ['history'], values: [{ value: section.history }, { value: `1.k9.${'B'.repeat(60)}` }] },
          ]),
          'medical-consent-missing',
        ],
      ] as const;
      for (const [res, reason] of refusals) {
        expect(res.statusCode, res.body).toBe(403);
        expect(res.json()).toMatchObject({ reason });
      }
      const rows = JSON.stringify(
        await handle.db.query("SELECT data FROM sync_documents WHERE collection IN ('trips', 'medical')", []),
      );
      expect(rows).not.toContain(PROCEDURE);
      expect(rows).not.toContain('"conflicts"');
    });
  });
}
