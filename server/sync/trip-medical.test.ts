import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSodium, newDataKey } from '../../shared/crypto/index';
import type { Trip, TripItem } from '../../shared/domain/trip';
import { sealTripItem } from '../../shared/domain/trip-medical';
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
      const res = await pushAs(server, coordinator, 'clients', [client]);
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
  });
}
