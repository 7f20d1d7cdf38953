import { beforeAll, describe, expect, it } from 'vitest';
import { thrown } from '../../tests/support/crypto-errors';
import { springTrip, uuid } from '../../tests/support/trip-fixtures';
import { envelopeKeyId, loadSodium, newDataKey, type Sodium, type SymmetricKey } from '../crypto/index';
import type { ConsentRecord } from './consent';
import { checkTrip, type Trip, type TripItem } from './trip';
import {
  openTripItemDetails,
  resealDigest,
  sealTripItem,
  sealTripMedical,
  tripSealedFields,
  withOpenedDetails,
  withRotatedTripFields,
  type TripItemDetails,
} from './trip-medical';

let sodium: Sodium;
let key: SymmetricKey;
beforeAll(async () => {
  sodium = await loadSodium();
  key = newDataKey(sodium);
});

const NOW = Date.UTC(2026, 2, 1);
const procedure: TripItem = {
  id: uuid(20),
  kind: 'procedure',
  start: '2026-04-03T09:00:00+09:00',
  end: '2026-04-03T12:00:00+09:00',
  title: 'Knee arthroscopy',
  location: 'St Luke’s International Hospital',
  notes: 'Fasting from midnight',
  partnerId: uuid(9),
};
const details: TripItemDetails = {
  title: 'Knee arthroscopy',
  location: 'St Luke’s International Hospital',
  notes: 'Fasting from midnight',
};

function medicalConsent(overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  return {
    id: uuid(30),
    clientId: springTrip().clientId,
    action: 'given',
    purpose: 'medical-data',
    noticeId: uuid(31),
    noticeVersion: 'v1',
    noticeHash: '0'.repeat(64),
    language: 'en',
    method: 'signed-paper',
    at: NOW - 1000,
    recordedBy: uuid(32),
    deviceId: uuid(33),
    recordedAt: NOW - 1000,
    assignedStaffIds: [],
    ...overrides,
  };
}

const request = (next: Trip, extra: Partial<Parameters<typeof sealTripMedical>[2]> = {}) => ({
  next,
  stored: undefined,
  shown: new Map<string, TripItemDetails>(),
  consents: [medicalConsent()],
  notices: [],
  now: NOW,
  ...extra,
});

describe('sealing the details of a medical trip item', () => {
  it('keeps kind, times, zones and partner readable and nothing of the details', () => {
    const sealed = sealTripItem(sodium, key, springTrip().id, procedure);
    expect(sealed).toEqual({
      id: procedure.id,
      kind: 'procedure',
      start: procedure.start,
      end: procedure.end,
      partnerId: procedure.partnerId,
      sealedDetails: expect.stringMatching(/^1\./),
    });
    expect(JSON.stringify(sealed)).not.toMatch(/arthroscopy|Luke|Fasting/i);
    expect(envelopeKeyId(sealed.sealedDetails!)).toBe(key.id);
    expect(openTripItemDetails(sodium, key, springTrip().id, sealed)).toEqual(details);
    expect(withOpenedDetails(sealed, details)).toMatchObject(details);
  });

  it('refuses an envelope moved to another item or another trip, and opens nothing under another key', () => {
    const tripId = springTrip().id;
    const sealed = sealTripItem(sodium, key, tripId, procedure);
    const other = sealTripItem(sodium, key, tripId, { ...procedure, id: uuid(21), title: 'Massage' });
    const moved = { ...other, sealedDetails: sealed.sealedDetails };
    expect(thrown(() => openTripItemDetails(sodium, key, tripId, moved)).code).toBe('tampered');
    expect(thrown(() => openTripItemDetails(sodium, key, uuid(99), sealed)).code).toBe('tampered');
    expect(thrown(() => openTripItemDetails(sodium, newDataKey(sodium), tripId, sealed)).code).toBe(
      'wrong-key',
    );
  });

  it('refuses to seal an item of another kind', () => {
    const hotel: TripItem = { ...procedure, kind: 'hotel' };
    expect(thrown(() => sealTripItem(sodium, key, springTrip().id, hotel)).code).toBe('invalid-input');
  });
});

describe('writing a trip under the consent gate', () => {
  it('seals every medical item with details in clear, and checkTrip accepts the result', () => {
    const next = springTrip([procedure, { ...procedure, id: uuid(22), kind: 'therapy', title: 'Shiatsu' }]);
    const written = sealTripMedical(sodium, key, request(next));
    expect(written.ok).toBe(true);
    if (!written.ok) return;
    expect(written.consent?.id).toBe(medicalConsent().id);
    expect(JSON.stringify(written.trip)).not.toMatch(/arthroscopy|Luke|Fasting|Shiatsu/i);
    expect(checkTrip(written.trip).ok).toBe(true);
  });

  it.each([
    ['no consent', [], 'no-consent'],
    [
      'a withdrawn consent',
      [
        medicalConsent(),
        medicalConsent({ id: uuid(34), action: 'withdrawn', refersTo: uuid(30), at: NOW - 10 }),
      ],
      'consent-withdrawn',
    ],
  ] as const)('refuses new details with %s, saying why', (_label, consents, reason) => {
    const written = sealTripMedical(
      sodium,
      key,
      request(springTrip([procedure]), { consents: [...consents] }),
    );
    expect(written).toEqual({ ok: false, reason });
  });

  it('keeps unchanged details in their envelope byte for byte, with no consent needed', () => {
    const stored = springTrip([sealTripItem(sodium, key, springTrip().id, procedure)]);
    const shown = new Map([[procedure.id, details]]);
    const next = springTrip([{ ...procedure, start: '2026-04-03T10:00:00+09:00' }]);
    const written = sealTripMedical(sodium, key, request(next, { stored, shown, consents: [] }));
    expect(written.ok && written.trip.items[0]!.sealedDetails).toBe(stored.items[0]!.sealedDetails);
    // Changed details are a medical write: refused without a consent.
    const changed = springTrip([{ ...procedure, notes: 'Bring the referral letter' }]);
    expect(sealTripMedical(sodium, key, request(changed, { stored, shown, consents: [] }))).toEqual({
      ok: false,
      reason: 'no-consent',
    });
  });

  it('moves unchanged details under an older key to the current one only with a consent, and never with a digest', () => {
    const older = newDataKey(sodium);
    const stored = springTrip([sealTripItem(sodium, older, springTrip().id, procedure)]);
    const shown = new Map([[procedure.id, details]]);
    const renamed = { ...springTrip([procedure]), title: 'Renamed' };
    // The server sees a changed envelope as a medical write: without a consent the envelope stays as it was.
    const kept = sealTripMedical(sodium, key, request(renamed, { stored, shown, consents: [] }));
    expect(kept).toEqual({ ok: true, trip: { ...renamed, items: stored.items } });
    const moved = sealTripMedical(sodium, key, request(renamed, { stored, shown }));
    expect(moved.ok && moved.consent?.id).toBe(medicalConsent().id);
    if (!moved.ok) return;
    const item = moved.trip.items[0]!;
    expect(envelopeKeyId(item.sealedDetails!)).toBe(key.id);
    expect(openTripItemDetails(sodium, key, stored.id, item)).toEqual(details);
    // The details were never in clear on the trip: no digest of them is added.
    expect(item.resealOf).toBeUndefined();
  });

  it('seals details a trip held in clear before version 3, even without a consent (nothing is lost)', () => {
    const stored = springTrip([procedure]);
    const written = sealTripMedical(sodium, key, request(stored, { stored, consents: [] }));
    expect(written.ok).toBe(true);
    if (!written.ok) return;
    expect(written.trip.items[0]!.title).toBeUndefined();
    expect(openTripItemDetails(sodium, key, stored.id, written.trip.items[0]!)).toEqual(details);
  });

  it('marks a re-seal with the digest of the clear details, and new details with none', () => {
    const stored = springTrip([procedure]);
    const resealed = sealTripMedical(sodium, key, request(stored, { stored, consents: [] }));
    expect(resealed.ok && resealed.trip.items[0]!.resealOf).toBe(
      resealDigest(sodium, stored.id, procedure.id, details),
    );
    expect(resealDigest(sodium, stored.id, procedure.id, { ...details, notes: 'x' })).not.toBe(
      resealDigest(sodium, stored.id, procedure.id, details),
    );
    // Other details over the clear ones are a medical write: refused without a consent, and no digest with one.
    const changed = springTrip([{ ...procedure, title: 'Hip replacement' }]);
    expect(sealTripMedical(sodium, key, request(changed, { stored, consents: [] }))).toEqual({
      ok: false,
      reason: 'no-consent',
    });
    const fresh = sealTripMedical(sodium, key, request(changed, { stored }));
    expect(fresh.ok && fresh.trip.items[0]!.resealOf).toBeUndefined();
    expect(fresh.ok && fresh.trip.items[0]!.sealedDetails).toBeDefined();
    // Written again later, the item drops its digest.
    if (!resealed.ok) return;
    const later = sealTripMedical(
      sodium,
      key,
      request(springTrip([withOpenedDetails(resealed.trip.items[0]!, { ...details, notes: 'n' })]), {
        stored: resealed.trip,
        shown: new Map([[procedure.id, details]]),
      }),
    );
    expect(later.ok && later.trip.items[0]!.resealOf).toBeUndefined();
  });
});

describe('rotating the key of sealed trip details', () => {
  it('takes the fields under the old key and puts the re-sealed ones back, leaving edited items alone', () => {
    const tripId = springTrip().id;
    const a = sealTripItem(sodium, key, tripId, procedure);
    const b = sealTripItem(sodium, key, tripId, { ...procedure, id: uuid(23), title: 'MRI' });
    const trip = springTrip([a, b]);
    const fields = tripSealedFields(trip, key.id);
    expect(fields.map((f) => f.context.fieldPath)).toEqual([
      `items.${a.id}.details`,
      `items.${b.id}.details`,
    ]);
    const next = newDataKey(sodium);
    const rotated = fields.map(({ context }, i) => ({
      context,
      envelope: sealTripItem(
        sodium,
        next,
        tripId,
        i === 0 ? procedure : { ...procedure, id: b.id, title: 'MRI' },
      ).sealedDetails!,
    }));
    // Item b changed meanwhile: it keeps its own envelope.
    const edited = springTrip([
      a,
      { ...b, sealedDetails: sealTripItem(sodium, key, tripId, { ...procedure, id: b.id }).sealedDetails },
    ]);
    const result = withRotatedTripFields(edited, fields, rotated);
    expect(openTripItemDetails(sodium, next, tripId, result.items[0]!)).toEqual(details);
    expect(result.items[1]!.sealedDetails).toBe(edited.items[1]!.sealedDetails);
    expect(
      thrown(() =>
        withRotatedTripFields(springTrip([a]), fields, [
          { ...rotated[0]!, context: { ...rotated[0]!.context, documentId: uuid(99) } },
        ]),
      ).code,
    ).toBe('invalid-input');
  });
});
