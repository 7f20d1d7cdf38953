import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, formatCalendarDate, isCalendarDate } from './dates';
import { loadSodium, newDataKey } from '../crypto/index';
import { checkTrip, isMedicalTripKind, TRIP_ITEM_KINDS, tripSchema, type Trip, type TripItem } from './trip';
import {
  itemDraftOf,
  newItemDraft,
  parseAmount,
  validateItemDraft,
  validateTripDraft,
  type ItemDraft,
  type TripDraft,
} from './trip-form';
import { sealTripItem } from './trip-medical';
import { onWire, wireValidator } from '../../tests/support/wire-schema';
import { arrivalFlight, springTrip, uuid } from '../../tests/support/trip-fixtures';

const trip = springTrip;
const flight = arrivalFlight;

describe('the item form', () => {
  it('stores each end with the offset of the zone it was entered in, and reads it back in that zone', () => {
    const draft = {
      ...newItemDraft(trip()),
      title: 'LHR to HND',
      startTime: '19:00',
      endDate: '2026-04-02',
      endTime: '16:00',
      endZone: 'Asia/Tokyo',
      amount: '1,250.50',
      currency: 'gbp',
    };
    const result = validateItemDraft(draft, flight.id);
    expect(result).toEqual({ ok: true, value: { ...flight, cost: { amount: 1250.5, currency: 'GBP' } } });
    if (result.ok)
      expect(itemDraftOf(result.value, 'Europe/London')).toEqual({
        ...draft,
        amount: '1250.5',
        currency: 'GBP',
      });
  });

  it('takes a zone picked by city ("Tokyo (Asia/Tokyo)"), a city or an IANA name, and stores the IANA name', () => {
    const result = validateItemDraft(
      {
        ...newItemDraft(trip()),
        title: 'Car',
        startTime: '10:00',
        endTime: '11:00',
        startZone: '東京 (Asia/Tokyo)',
        endZone: 'tokyo',
      },
      uuid(12),
    );
    expect(result.ok && [result.value.startTimeZone, result.value.endTimeZone]).toEqual([
      'Asia/Tokyo',
      'Asia/Tokyo',
    ]);
    const tripResult = validateTripDraft({
      title: 'T',
      startDate: '2026-04-01',
      endDate: '2026-04-02',
      timeZone: 'London (Europe/London)',
    });
    expect(tripResult.ok && tripResult.value.timeZone).toBe('Europe/London');
  });

  it('names every problem against its field and produces nothing', () => {
    const result = validateItemDraft(
      {
        ...newItemDraft(trip()),
        title: ' ',
        startTime: '10:00',
        endTime: '09:00',
        endZone: 'Atlantis',
        amount: '12.5',
        currency: 'JPY',
      },
      uuid(11),
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: 'title', code: 'required' },
        { path: 'endZone', code: 'zone-unknown' },
        { path: 'amount', code: 'amount-too-precise' },
      ],
    });
    const backwards = validateItemDraft(
      { ...newItemDraft(trip()), title: 'Transfer', startTime: '10:00', endTime: '09:00' },
      uuid(11),
    );
    expect(backwards).toEqual({ ok: false, errors: [{ path: 'endTime', code: 'end-before-start' }] });
    const skipped = validateItemDraft(
      {
        ...newItemDraft(trip()),
        title: 'x',
        startDate: '2026-03-29',
        startTime: '01:30',
        endDate: '2026-03-29',
        endTime: '03:00',
      },
      uuid(11),
    );
    expect(skipped).toEqual({ ok: false, errors: [{ path: 'startTime', code: 'time-skipped' }] });
    const halfCost = validateItemDraft(
      { ...newItemDraft(trip()), title: 'x', startTime: '10:00', endTime: '11:00', amount: '100' },
      uuid(11),
    );
    expect(halfCost).toEqual({ ok: false, errors: [{ path: 'currency', code: 'currency-required' }] });
  });

  it('refuses a kind it does not offer', () => {
    const odd = validateItemDraft(
      {
        ...newItemDraft(trip()),
        kind: 'party' as ItemDraft['kind'],
        title: 'x',
        startTime: '10:00',
        endTime: '11:00',
      },
      uuid(11),
    );
    expect(odd).toEqual({ ok: false, errors: [{ path: 'kind', code: 'unknown-option' }] });
  });

  it('reads amounts typed with separators or full-width digits, and nothing else', () => {
    expect(parseAmount('180,000')).toBe(180000);
    expect(parseAmount('１８００００')).toBe(180000);
    expect(parseAmount('-5')).toBeUndefined();
    expect(parseAmount('12e3')).toBeUndefined();
  });

  it('checks the trip form', () => {
    expect(
      validateTripDraft({
        title: 'x',
        startDate: '2026-04-08',
        endDate: '2026-04-01',
        timeZone: 'Asia/Tokyo',
      }),
    ).toEqual({
      ok: false,
      errors: [{ path: 'endDate', code: 'end-before-start' }],
    });
    expect(
      validateTripDraft({ title: '', startDate: '', endDate: '2026-04-01', timeZone: 'Nowhere' }),
    ).toEqual({
      ok: false,
      errors: [
        { path: 'title', code: 'required' },
        { path: 'startDate', code: 'date-invalid' },
        { path: 'timeZone', code: 'zone-unknown' },
      ],
    });
  });
});

describe('the trip forms and the schema agree', () => {
  const validateWire = wireValidator(tripSchema);
  const garbage = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.string({ minLength: 190, maxLength: 600 }),
  );
  /** Mostly plausible input for a field, sometimes anything at all. */
  const field = (...plausible: fc.Arbitrary<string>[]) =>
    fc.oneof({ arbitrary: fc.oneof(...plausible), weight: 9 }, { arbitrary: garbage, weight: 1 });
  const title = field(
    fc.constantFrom('Spring in Tokyo', ' LHR to HND ', 'Check-up 人間ドック', '\u3000'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
    fc.string({ minLength: 195, maxLength: 205 }).map((text) => `x${text}`),
  );
  const date = field(
    fc
      .record({
        year: fc.integer({ min: 2024, max: 2028 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 31 }),
      })
      .map(formatCalendarDate),
    fc
      .record({
        year: fc.integer({ min: 1, max: 9999 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 28 }),
      })
      .map(formatCalendarDate),
    fc.constantFrom('2026-02-29', '2028-02-29', '2026-3-1', '01/04/2026'),
  );
  const zone = field(
    fc.constantFrom(
      'Asia/Tokyo',
      'Europe/London',
      ' Asia/Tokyo ',
      'America/Argentina/Buenos_Aires',
      'Asia/Kathmandu',
      'Pacific/Chatham',
      'Etc/GMT+9',
      'UTC',
      'Etc/UTC',
      'GMT',
      'EST5EDT',
      'US/Pacific',
      'asia/tokyo',
      'Tokyo',
      'Asia/Atlantis',
    ),
    fc.constantFrom(...Intl.supportedValuesOf('timeZone')),
  );
  const wallClock = fc
    .record({ hour: fc.integer({ min: 0, max: 23 }), minute: fc.integer({ min: 0, max: 59 }) })
    .map(({ hour, minute }) => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`);
  const time = field(
    wallClock,
    wallClock,
    wallClock,
    fc.constantFrom('', '24:00', '9:30', '09:30:00', '01:30', '02:30'),
  );
  const amount = field(
    fc.constantFrom(
      '',
      '',
      '180,000',
      '１８００００',
      '1 200.50',
      '0',
      '12.5',
      '1e3',
      '-5',
      '0.001',
      '1'.repeat(20),
    ),
    fc.integer({ min: 0, max: 10_000_000 }).map(String),
    fc.double({ min: 0, max: 1e6, noNaN: true }).map(String),
  );
  const currency = field(fc.constantFrom('', '', 'JPY', 'gbp', ' usd ', 'BHD', 'XYZ', 'EURO', 'Jp'));
  const text = (max: number) =>
    field(
      fc.constant(''),
      fc.string({ maxLength: 80 }),
      fc.string({ minLength: max - 5, maxLength: max + 5 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
    );

  /** A first and a last day in order (most forms are filled in sensibly; the free-form drafts cover the rest). */
  const dayRange = fc
    .record({ first: date, days: fc.integer({ min: 0, max: 20 }) })
    .map(({ first, days }) => ({
      first,
      last: isCalendarDate(first) && first < '9999-12-01' ? addDays(first, days) : first,
    }));
  const tripDraft: fc.Arbitrary<TripDraft> = fc.oneof(
    fc.record({ title, startDate: date, endDate: date, timeZone: zone }),
    fc.record({ title, range: dayRange, timeZone: zone }).map(({ title, range, timeZone }) => ({
      title,
      startDate: range.first,
      endDate: range.last,
      timeZone,
    })),
  );
  const freeItemDraft: fc.Arbitrary<ItemDraft> = fc.record({
    kind: fc.oneof(
      { arbitrary: fc.constantFrom(...TRIP_ITEM_KINDS), weight: 9 },
      { arbitrary: fc.constant('party' as ItemDraft['kind']), weight: 1 },
    ),
    title,
    startDate: date,
    startTime: time,
    startZone: zone,
    endDate: date,
    endTime: time,
    endZone: zone,
    location: text(500),
    notes: text(4000),
    amount,
    currency,
  });
  /**
   * An item filled in sensibly: its end after its start in one zone, a cost whole or left out, short notes. Only
   * the title, the days, the times and the text lengths stay free, so boundaries (a skipped hour, a long title) still come up.
   */
  const orderedItemDraft: fc.Arbitrary<ItemDraft> = fc
    .record({
      item: freeItemDraft,
      range: dayRange,
      zone: fc.constantFrom('Asia/Tokyo', 'Europe/London', 'America/New_York', 'Asia/Kathmandu'),
      from: time,
      to: time,
      cost: fc.oneof(
        fc.constant({ amount: '', currency: '' }),
        fc.record({ amount, currency }),
        fc.constantFrom(
          { amount: '180,000', currency: 'JPY' },
          { amount: '1 200.50', currency: 'gbp' },
          { amount: '0.125', currency: 'BHD' },
        ),
      ),
      notes: fc.oneof(
        fc.constant(''),
        fc.string({ maxLength: 80 }),
        fc.string({ minLength: 3995, maxLength: 4005 }),
      ),
      location: fc.oneof(
        fc.constant(''),
        fc.string({ maxLength: 80 }),
        fc.string({ minLength: 495, maxLength: 505 }).map((text) => `x${text}`),
      ),
    })
    .map(({ item, range, zone, from, to, cost, notes, location }) => ({
      ...item,
      ...cost,
      notes,
      location,
      kind: TRIP_ITEM_KINDS.includes(item.kind) ? item.kind : 'hotel',
      startDate: range.first,
      endDate: range.last,
      startZone: zone,
      endZone: zone,
      startTime: from < to ? from : to,
      endTime: from < to ? to : from,
    }));
  const itemDraft = fc.oneof(freeItemDraft, { arbitrary: orderedItemDraft, weight: 3 });

  it('whatever the trip and item forms accept, the server schema accepts (and checkTrip too)', async () => {
    const sodium = await loadSodium();
    const key = newDataKey(sodium);
    // How often each form produced something to store: the property means little if it rarely does.
    const accepted = { trips: 0, items: 0, costs: 0 };
    const base: TripDraft = {
      title: 'Spring in Tokyo',
      startDate: '2026-04-01',
      endDate: '2026-04-08',
      timeZone: 'Asia/Tokyo',
    };
    fc.assert(
      fc.property(tripDraft, fc.array(itemDraft, { maxLength: 4 }), (draft, itemDrafts) => {
        const read = validateTripDraft(draft);
        if (!read.ok) expect(read.errors.length).toBeGreaterThan(0);
        else accepted.trips += 1;
        const items: TripItem[] = [];
        itemDrafts.forEach((itemDraft, index) => {
          const item = validateItemDraft(itemDraft, uuid(100 + index));
          if (!item.ok) {
            expect(item.errors.length).toBeGreaterThan(0);
            return;
          }
          items.push(item.value);
          if (item.value.cost !== undefined) accepted.costs += 1;
        });
        accepted.items += items.length;
        // An accepted item is held to the schema inside an accepted trip, whether or not this draft was one.
        const doc: Trip = {
          ...trip(items),
          ...(read.ok ? read.value : base),
          createdAt: 1_700_000_000_000,
          updatedAt: 1_700_000_000_000,
        };
        expect(validateWire(onWire(doc)), JSON.stringify(validateWire.errors)).toBe(true);
        // The trip as the app stores it: a medical item's details sealed (trip-medical.ts) before checkTrip.
        const stored: Trip = {
          ...doc,
          items: doc.items.map((item) =>
            isMedicalTripKind(item.kind) ? sealTripItem(sodium, key, doc.id, item) : item,
          ),
        };
        expect(validateWire(onWire(stored)), JSON.stringify(validateWire.errors)).toBe(true);
        expect(checkTrip(stored)).toEqual({ ok: true, value: stored });
      }),
      { numRuns: 400 },
    );
    expect(accepted.trips).toBeGreaterThan(50);
    expect(accepted.items).toBeGreaterThan(50);
    expect(accepted.costs).toBeGreaterThan(25);
  });
});
