import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { accessRemovedStub, SYNCED_COLLECTION_NAMES, syncedCollections } from '../sync/collections';
import { wireSchemaOf } from '../sync/wire-schema';
import {
  checkTrip,
  costProblem,
  currencyMinorDigits,
  instantOf,
  isKnownTimeZone,
  itineraryOrder,
  TRIP_ITEMS_MAX,
  tripSchema,
  type Trip,
  type TripItem,
} from './trip';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

function item(n: number, overrides: Partial<TripItem> = {}): TripItem {
  return {
    id: uuid(1000 + n),
    kind: 'transfer',
    start: '2026-04-02T09:30:00+09:00',
    end: '2026-04-02T11:00:00+09:00',
    title: `Item ${n}`,
    ...overrides,
  };
}

/** A syntactically valid field envelope (version 1, a key id, 54+ base64url characters): no real key behind it. */
const SEALED = `1.k1.${'A'.repeat(80)}`;

function sealedItem(n: number, overrides: Partial<TripItem> = {}): TripItem {
  const rest = item(n, { kind: 'appointment' });
  delete rest.title;
  return { ...rest, sealedDetails: SEALED, ...overrides };
}

function trip(overrides: Partial<Trip> = {}): Trip {
  return {
    id: uuid(1),
    clientId: uuid(2),
    assignedStaffIds: [uuid(3)],
    title: 'Spring check-up in Tokyo',
    startDate: '2026-04-01',
    endDate: '2026-04-08',
    timeZone: 'Asia/Tokyo',
    items: [
      item(1, {
        kind: 'flight',
        // Each end in its own airport's time: 12:00 in London is 20:00 in Tokyo the same day.
        start: '2026-04-01T12:00:00+01:00',
        end: '2026-04-02T08:00:00+09:00',
        title: 'LHR to HND',
        partnerId: uuid(9),
      }),
      // A medical item: its title, place and notes are sealed (trip-medical.ts), not in clear.
      sealedItem(2),
    ],
    createdAt: 1,
    updatedAt: 2,
    ...overrides,
  };
}

// As the server reads it: unknown fields refused, nothing coerced.
const ajv = new Ajv({ allErrors: true, strict: true, coerceTypes: false, removeAdditional: false });
const validateWire = ajv.compile(wireSchemaOf(tripSchema));
const onWire = (doc: unknown) => ({ ...(doc as object), _deleted: false });

describe('the trip schema', () => {
  it('accepts a trip with its itinerary, and one with open conflicts', () => {
    expect(validateWire(onWire(trip())), JSON.stringify(validateWire.errors)).toBe(true);
    const conflicted = trip({
      conflicts: [{ path: ['title'], values: [{ value: 'A', at: 1 }, { value: 'B' }] }],
    });
    expect(validateWire(onWire(conflicted))).toBe(true);
    expect(validateWire(onWire(trip({ items: [] })))).toBe(true);
  });

  it('accepts items with a cost and the zones their times were entered in (schema version 1)', () => {
    const withCost = trip({
      items: [
        item(1, {
          kind: 'hotel',
          cost: { amount: 180000, currency: 'JPY' },
          startTimeZone: 'Europe/London',
          endTimeZone: 'Asia/Tokyo',
        }),
      ],
    });
    expect(tripSchema.version).toBeGreaterThanOrEqual(1);
    expect(validateWire(onWire(withCost)), JSON.stringify(validateWire.errors)).toBe(true);
    expect(checkTrip(withCost)).toEqual({ ok: true, value: withCost });
  });

  it.each([
    ['an unknown field on the trip', { ...trip(), budget: 10 }],
    ['an unknown field on an item', trip({ items: [{ ...item(1), price: 3 } as TripItem] })],
    ['an unknown item kind', trip({ items: [item(1, { kind: 'party' as TripItem['kind'] })] })],
    ['a start without an offset', trip({ items: [item(1, { start: '2026-04-02T09:30:00' })] })],
    ['a start that is a date only', trip({ items: [item(1, { start: '2026-04-02' })] })],
    ['a start date in another format', trip({ startDate: '02/04/2026' })],
    ['a thirteenth month', trip({ endDate: '2026-13-01' })],
    ['a zone that is no IANA name', trip({ timeZone: 'Tokyo time' })],
    ['an empty title', trip({ title: '' })],
    ['an item without a title', trip({ items: [{ ...item(1), title: undefined } as unknown as TripItem] })],
    ['a malformed partner id', trip({ items: [item(1, { partnerId: 'hotel-okura' })] })],
    ['too many items', trip({ items: Array.from({ length: TRIP_ITEMS_MAX + 1 }, (_, i) => item(i)) })],
    ['a missing client id', { ...trip(), clientId: undefined }],
    [
      'a cost without a currency',
      trip({ items: [{ ...item(1), cost: { amount: 5 } } as unknown as TripItem] }),
    ],
    ['a negative cost', trip({ items: [item(1, { cost: { amount: -1, currency: 'JPY' } })] })],
    ['a currency in lower case', trip({ items: [item(1, { cost: { amount: 1, currency: 'jpy' } })] })],
    ['an entry zone that is no IANA name', trip({ items: [item(1, { startTimeZone: 'JST' })] })],
    [
      'a medical item with neither a title nor sealed details',
      trip({ items: [sealedItem(1, { sealedDetails: undefined })] }),
    ],
    ['sealed details on an item of another kind', trip({ items: [item(1, { sealedDetails: SEALED })] })],
    ['sealed details that are no envelope', trip({ items: [sealedItem(1, { sealedDetails: 'procedure' })] })],
    ['a re-seal digest on an item of another kind', trip({ items: [item(1, { resealOf: 'a'.repeat(64) })] })],
    ['a re-seal digest that is no SHA-256', trip({ items: [sealedItem(1, { resealOf: 'procedure' })] })],
  ])('refuses %s', (_label, doc) => {
    expect(validateWire(onWire(doc))).toBe(false);
  });

  it('accepts a medical item written before version 3, its details in clear (the push rule refuses it as a new state)', () => {
    const legacy = trip({
      items: [item(1, { kind: 'procedure', title: 'Knee arthroscopy', notes: 'Fasting' })],
    });
    expect(tripSchema.version).toBe(4);
    expect(validateWire(onWire(legacy)), JSON.stringify(validateWire.errors)).toBe(true);
    // Version 4: a sealed item may carry the digest of the clear details it re-seals.
    const resealed = trip({ items: [sealedItem(1, { resealOf: 'a'.repeat(64) })] });
    expect(validateWire(onWire(resealed)), JSON.stringify(validateWire.errors)).toBe(true);
  });

  it('keeps every indexed field required and bounded, as Dexie needs', () => {
    const properties = tripSchema.properties as Record<string, { maxLength?: number; maximum?: number }>;
    for (const field of tripSchema.indexes) {
      expect(tripSchema.required).toContain(field);
      const bounded = properties[field]!.maxLength ?? properties[field]!.maximum;
      expect(bounded, field).toBeGreaterThan(0);
    }
  });
});

describe('checkTrip', () => {
  it('accepts a trip whose flight ends, in Tokyo time, after it starts in London time', () => {
    expect(checkTrip(trip())).toEqual({ ok: true, value: trip() });
  });

  it.each([
    ['time-zone-unknown', 'timeZone', 'zone-unknown', trip({ timeZone: 'Mars/Olympus_Mons' })],
    [
      'end-before-start',
      'endDate',
      'end-before-start',
      trip({ startDate: '2026-04-08', endDate: '2026-04-01' }),
    ],
    ['item-id-repeated', 'items.1.id', 'repeated', trip({ items: [item(1), item(1, { title: 'Again' })] })],
    [
      // 10:00 in Tokyo is 02:00 in London: this transfer would end before it starts.
      'item-ends-before-it-starts',
      'items.0.end',
      'end-before-start',
      trip({ items: [item(1, { start: '2026-04-02T09:00:00+01:00', end: '2026-04-02T10:00:00+09:00' })] }),
    ],
    ['item-time-invalid', 'items.0.end', 'time-invalid', trip({ items: [item(1, { end: 'tomorrow' })] })],
    ['date-invalid', 'startDate', 'date-invalid', trip({ startDate: '2026-02-30' })],
    [
      'time-zone-unknown',
      'items.0.endTimeZone',
      'zone-unknown',
      trip({ items: [item(1, { endTimeZone: 'Asia/Atlantis' })] }),
    ],
    [
      'item-cost-invalid',
      'items.0.cost.amount',
      'amount-too-precise',
      trip({ items: [item(1, { cost: { amount: 100.5, currency: 'JPY' } })] }),
    ],
    [
      'item-cost-invalid',
      'items.0.cost.currency',
      'currency-unknown',
      trip({ items: [item(1, { cost: { amount: 10, currency: 'XYZ' } })] }),
    ],
  ])('refuses a trip with %s, naming the field (%s: %s)', (_reason, path, code, doc) => {
    expect(checkTrip(doc)).toEqual({ ok: false, errors: [{ path, code }] });
  });

  it.each(['appointment', 'procedure', 'therapy'] as const)(
    'refuses a %s whose details are in clear, or missing, and an item of another kind that is sealed',
    (kind) => {
      const clear = trip({ items: [item(1, { kind, title: 'Knee arthroscopy' })] });
      expect(checkTrip(clear)).toEqual({
        ok: false,
        errors: [{ path: 'items.0.title', code: 'medical-unsealed' }],
      });
      const placeOnly = trip({ items: [sealedItem(1, { kind, location: 'Clinic' })] });
      expect(checkTrip(placeOnly)).toEqual({
        ok: false,
        errors: [{ path: 'items.0.title', code: 'medical-unsealed' }],
      });
      const nothing = trip({ items: [sealedItem(1, { kind, sealedDetails: undefined })] });
      expect(checkTrip(nothing)).toEqual({
        ok: false,
        errors: [{ path: 'items.0.title', code: 'required' }],
      });
      const sealedHotel = trip({ items: [item(1, { kind: 'hotel', sealedDetails: SEALED })] });
      expect(checkTrip(sealedHotel)).toEqual({
        ok: false,
        errors: [{ path: 'items.0.title', code: 'sealed-not-medical' }],
      });
    },
  );

  it('names every problem of a trip at once', () => {
    const doc = trip({
      timeZone: 'Tokyo',
      startDate: '2026-04-08',
      endDate: '2026-04-01',
      items: [item(1, { start: 'soon' }), item(1, { startTimeZone: 'JST' })],
    });
    expect(checkTrip(doc)).toEqual({
      ok: false,
      errors: [
        { path: 'timeZone', code: 'zone-unknown' },
        { path: 'endDate', code: 'end-before-start' },
        { path: 'items.0.start', code: 'time-invalid' },
        { path: 'items.1.id', code: 'repeated' },
        { path: 'items.1.startTimeZone', code: 'zone-unknown' },
      ],
    });
  });

  it('knows each currency by its minor unit and checks costs against it', () => {
    expect(currencyMinorDigits('JPY')).toBe(0);
    expect(currencyMinorDigits('GBP')).toBe(2);
    expect(currencyMinorDigits('BHD')).toBe(3);
    expect(currencyMinorDigits('XYZ')).toBeUndefined();
    expect(costProblem({ amount: 1200.5, currency: 'GBP' })).toBeUndefined();
    expect(costProblem({ amount: 0.1 + 0.2, currency: 'GBP' })).toBeUndefined();
    expect(costProblem({ amount: 1200.505, currency: 'GBP' })).toBe('amount-too-precise');
    expect(costProblem({ amount: Number.NaN, currency: 'GBP' })).toBe('amount-invalid');
    expect(costProblem({ amount: 5, currency: 'ABC' })).toBe('currency-unknown');
  });

  it('knows real zones and refuses others', () => {
    expect(isKnownTimeZone('Asia/Tokyo')).toBe(true);
    expect(isKnownTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isKnownTimeZone('UTC')).toBe(true);
    expect(isKnownTimeZone('Asia/Atlantis')).toBe(false);
  });

  it('orders an itinerary by instant, whatever the offsets, ties by id', () => {
    const late = item(3, { start: '2026-04-02T10:00:00+09:00' });
    // 02:30 in London is 10:30 in Tokyo.
    const london = item(4, { start: '2026-04-02T02:30:00+01:00' });
    const tie = item(2, { start: '2026-04-02T01:00:00Z' });
    expect(itineraryOrder([london, late, tie]).map((i) => i.id)).toEqual([tie.id, late.id, london.id]);
    expect(instantOf('2026-04-02T10:00:00+09:00')).toBe(Date.UTC(2026, 3, 2, 1));
    expect(instantOf('2026-04-02T10:00:00')).toBeNaN();
  });
});

describe('the removal stub of every synced collection', () => {
  it.each(SYNCED_COLLECTION_NAMES)('is a valid %s document that carries nothing of the original', (name) => {
    const validate = ajv.compile(wireSchemaOf(syncedCollections[name]));
    const original = name === 'trips' ? trip() : undefined;
    // A key wrap's id names client, key and recipient; documents written once (audit events, consent records)
    // have no updatedAt.
    const id = name === 'keyWraps' ? `${uuid(1)}.k1.org-recovery` : uuid(1);
    const stub = accessRemovedStub(name, { id, updatedAt: 7 });
    expect(validate(stub), JSON.stringify(validate.errors)).toBe(true);
    const changes = 'updatedAt' in syncedCollections[name].properties;
    expect(stub).toMatchObject({ id, _deleted: true, ...(changes ? { updatedAt: 7 } : {}) });
    if (original) {
      for (const [key, value] of Object.entries(original)) {
        if (key !== 'id' && key !== 'updatedAt') expect(stub[key], key).not.toEqual(value);
      }
    }
  });
});
