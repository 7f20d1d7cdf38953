import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from './dates';
import {
  appointmentsBeforeArrival,
  dateTimeInZone,
  dayTimeline,
  findOverlaps,
  dateTimeInstant,
  itemTimeProblems,
  zonedParts,
  type ItineraryItemTimes,
} from './itinerary-checks';

const item = (id: string, kind: string, start: string, end: string): ItineraryItemTimes => ({
  id,
  kind,
  start,
  end,
});

describe('dateTimeInstant', () => {
  it('reads date-times with an offset only, on real dates', () => {
    expect(dateTimeInstant('2026-04-02T09:30:00+09:00')).toBe(Date.UTC(2026, 3, 2, 0, 30));
    expect(dateTimeInstant('2026-04-02T00:30Z')).toBe(Date.UTC(2026, 3, 2, 0, 30));
    expect(dateTimeInstant('2026-04-02T00:30:15.250-04:00')).toBe(Date.UTC(2026, 3, 2, 4, 30, 15, 250));
    for (const text of [
      '2026-04-02T09:30:00',
      '2026-02-30T09:30:00Z',
      '2026-04-02 09:30Z',
      '2026-04-02',
      'soon',
    ]) {
      expect(dateTimeInstant(text), text).toBeNaN();
    }
  });

  it('names the items whose times cannot be used', () => {
    expect(
      itemTimeProblems([
        item('a', 'flight', '2026-04-02T09:30:00', '2026-04-02T10:00Z'),
        item('b', 'flight', '2026-04-02T09:30Z', 'later'),
        item('c', 'transfer', '2026-04-02T10:00+09:00', '2026-04-02T09:00+09:00'),
        item('d', 'transfer', '2026-04-02T10:00+09:00', '2026-04-02T01:00Z'),
      ]),
    ).toEqual([
      { id: 'a', problem: 'invalid-start' },
      { id: 'b', problem: 'invalid-end' },
      { id: 'c', problem: 'ends-before-start' },
    ]);
  });
});

describe('findOverlaps', () => {
  it('finds items at the same time, comparing instants across offsets', () => {
    const flight = item('flight', 'flight', '2026-04-01T12:00:00+01:00', '2026-04-02T09:00+09:00');
    const tooEarly = item('pickup-early', 'transfer', '2026-04-02T00:30:00+01:00', '2026-04-02T10:30+09:00');
    const onTime = item('pickup', 'transfer', '2026-04-02T00:00:00Z', '2026-04-02T10:30+09:00');
    expect(findOverlaps([onTime, tooEarly, flight])).toEqual([
      { first: 'flight', second: 'pickup-early' },
      { first: 'pickup-early', second: 'pickup' },
    ]);
    // Landing at 09:00 in Tokyo is midnight UTC: a pickup from then on does not clash with the flight.
    expect(findOverlaps([onTime, flight])).toEqual([]);
  });

  it('lets a hotel stay or free time run behind the day, but not two hotels at once', () => {
    const items = [
      item('hotel-1', 'hotel', '2026-04-02T15:00+09:00', '2026-04-05T11:00+09:00'),
      item('hotel-2', 'hotel', '2026-04-04T15:00+09:00', '2026-04-06T11:00+09:00'),
      item('free', 'free-time', '2026-04-03T09:00+09:00', '2026-04-03T18:00+09:00'),
      item('check-up', 'appointment', '2026-04-03T10:00+09:00', '2026-04-03T12:00+09:00'),
      item('therapy', 'therapy', '2026-04-03T11:30+09:00', '2026-04-03T13:00+09:00'),
    ];
    expect(findOverlaps(items)).toEqual([
      { first: 'hotel-1', second: 'hotel-2' },
      { first: 'check-up', second: 'therapy' },
    ]);
    expect(findOverlaps(items, { backgroundKinds: [] })).toHaveLength(7);
  });

  it('agrees with comparing every pair when nothing runs in the background', () => {
    const base = Date.UTC(2026, 3, 1);
    const arbitraryItem = fc
      .record({
        start: fc.integer({ min: 0, max: 48 }),
        length: fc.integer({ min: 0, max: 12 }),
        offset: fc.constantFrom('Z', '+09:00', '-05:00', '+05:30'),
      })
      .map(({ start, length, offset }) => ({
        start: base + start * 1_800_000,
        end: base + (start + length) * 1_800_000,
        offset,
      }));
    const format = (ms: number, offset: string) => {
      const shift =
        offset === 'Z'
          ? 0
          : (offset.startsWith('-') ? -1 : 1) *
            (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4))) *
            60_000;
      return new Date(ms + shift).toISOString().slice(0, 19) + offset;
    };
    fc.assert(
      fc.property(fc.array(arbitraryItem, { maxLength: 12 }), (raw) => {
        const items = raw.map((r, i) =>
          item(`i${i}`, 'appointment', format(r.start, r.offset), format(r.end, r.offset)),
        );
        const found = findOverlaps(items, { backgroundKinds: [] }).map(({ first, second }) =>
          [first, second].sort().join('+'),
        );
        const expected: string[] = [];
        for (let i = 0; i < raw.length; i++) {
          for (let j = i + 1; j < raw.length; j++) {
            const a = raw[i]!;
            const b = raw[j]!;
            const clash =
              a.start === a.end && b.start === b.end
                ? a.start === b.start
                : a.start === a.end
                  ? b.start < a.start && a.start < b.end
                  : b.start === b.end
                    ? a.start < b.start && b.start < a.end
                    : a.start < b.end && b.start < a.end;
            if (clash) expected.push([`i${i}`, `i${j}`].sort().join('+'));
          }
        }
        expect(found.sort()).toEqual(expected.sort());
      }),
    );
  });
});

describe('appointmentsBeforeArrival', () => {
  const arrival = item('arrival', 'flight', '2026-04-01T19:00+01:00', '2026-04-02T15:30+09:00');
  const items = [
    arrival,
    item('same-day-too-early', 'appointment', '2026-04-02T14:00+09:00', '2026-04-02T15:00+09:00'),
    item('scan', 'procedure', '2026-04-02T15:00+09:00', '2026-04-02T16:00+09:00'),
    item('after', 'appointment', '2026-04-03T10:00+09:00', '2026-04-03T11:00+09:00'),
    item('spa', 'therapy', '2026-04-02T10:00+09:00', '2026-04-02T11:00+09:00'),
    item('return', 'flight', '2026-04-09T10:00+09:00', '2026-04-09T14:00+01:00'),
  ];

  it('flags medical items that start before the arrival flight lands', () => {
    expect(appointmentsBeforeArrival(items)).toEqual([
      { id: 'same-day-too-early', reason: 'before-arrival' },
      { id: 'scan', reason: 'before-arrival' },
    ]);
    expect(
      appointmentsBeforeArrival(items, { medicalKinds: ['appointment', 'therapy'] }).map((e) => e.id),
    ).toEqual(['spa', 'same-day-too-early']);
  });

  it('flags medical items on a day before the trip starts, in the trip’s zone', () => {
    const noFlights = items.filter((i) => i.kind !== 'flight');
    expect(
      appointmentsBeforeArrival(noFlights, { tripStart: { date: '2026-04-03', timeZone: 'Asia/Tokyo' } }),
    ).toEqual([
      { id: 'same-day-too-early', reason: 'before-trip-start' },
      { id: 'scan', reason: 'before-trip-start' },
    ]);
    // 2026-04-03T00:30+09:00 is still April 2nd in London.
    const early = [item('early', 'appointment', '2026-04-03T00:30+09:00', '2026-04-03T01:00+09:00')];
    expect(
      appointmentsBeforeArrival(early, { tripStart: { date: '2026-04-03', timeZone: 'Asia/Tokyo' } }),
    ).toEqual([]);
    expect(
      appointmentsBeforeArrival(early, { tripStart: { date: '2026-04-03', timeZone: 'Europe/London' } }),
    ).toEqual([{ id: 'early', reason: 'before-trip-start' }]);
  });
});

describe('zonedParts', () => {
  it('tells date, time and offset in a zone', () => {
    const instant = Date.UTC(2026, 6, 1, 23, 30);
    expect(zonedParts(instant, 'Asia/Tokyo')).toEqual({
      date: '2026-07-02',
      time: '08:30',
      offset: '+09:00',
    });
    expect(zonedParts(instant, 'Europe/London')).toEqual({
      date: '2026-07-02',
      time: '00:30',
      offset: '+01:00',
    });
    expect(zonedParts(instant, 'America/New_York')).toEqual({
      date: '2026-07-01',
      time: '19:30',
      offset: '-04:00',
    });
    expect(zonedParts(instant, 'UTC')).toEqual({ date: '2026-07-01', time: '23:30', offset: '+00:00' });
    expect(() => zonedParts(instant, 'Nowhere/Special')).toThrow(RangeError);
  });
});

describe('dayTimeline', () => {
  const flight = item('flight', 'flight', '2026-04-01T19:00+01:00', '2026-04-02T15:30+09:00');
  const checkUp = item('check-up', 'appointment', '2026-04-03T10:00+09:00', '2026-04-03T12:00+09:00');
  const summary = (days: ReturnType<typeof dayTimeline>) =>
    days.map((day) => [day.date, day.entries.map((e) => `${e.item.id} ${e.from}-${e.to} ${e.offset}`)]);

  it('shows a flight crossing midnight on both days, in the client’s zone and in Japan’s', () => {
    expect(summary(dayTimeline([checkUp, flight], 'Europe/London'))).toEqual([
      ['2026-04-01', ['flight 19:00-24:00 +01:00']],
      ['2026-04-02', ['flight 00:00-07:30 +01:00']],
      ['2026-04-03', ['check-up 02:00-04:00 +01:00']],
    ]);
    expect(summary(dayTimeline([checkUp, flight], 'Asia/Tokyo'))).toEqual([
      ['2026-04-02', ['flight 03:00-15:30 +09:00']],
      ['2026-04-03', ['check-up 10:00-12:00 +09:00']],
    ]);
    const [first, second] = dayTimeline([flight], 'Europe/London');
    expect(first!.entries[0]).toMatchObject({ continuesFromPreviousDay: false, continuesToNextDay: true });
    expect(second!.entries[0]).toMatchObject({ continuesFromPreviousDay: true, continuesToNextDay: false });
  });

  it('follows London’s clocks across the March change (a 23-hour day)', () => {
    // Clocks go forward at 01:00 UTC on 2026-03-29: 00:30 GMT is followed by 02:30 BST an hour later.
    const night = item('night-transfer', 'transfer', '2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z');
    const stay = item('stay', 'hotel', '2026-03-28T15:00:00Z', '2026-03-30T10:00:00+01:00');
    expect(summary(dayTimeline([night, stay], 'Europe/London'))).toEqual([
      ['2026-03-28', ['stay 15:00-24:00 +00:00']],
      ['2026-03-29', ['stay 00:00-24:00 +00:00', 'night-transfer 00:30-02:30 +00:00']],
      ['2026-03-30', ['stay 00:00-10:00 +01:00']],
    ]);
  });

  it('follows New York’s clocks, and puts the same instants on other days than Tokyo', () => {
    // Clocks go forward at 07:00 UTC on 2026-03-08.
    const call = item('video-consultation', 'appointment', '2026-03-08T06:30:00Z', '2026-03-08T07:30:00Z');
    expect(summary(dayTimeline([call], 'America/New_York'))).toEqual([
      ['2026-03-08', ['video-consultation 01:30-03:30 -05:00']],
    ]);
    expect(summary(dayTimeline([call], 'Asia/Tokyo'))).toEqual([
      ['2026-03-08', ['video-consultation 15:30-16:30 +09:00']],
    ]);
    const late = item('dinner', 'free-time', '2026-04-02T20:00-04:00', '2026-04-02T22:00-04:00');
    expect(summary(dayTimeline([late], 'Asia/Tokyo'))).toEqual([
      ['2026-04-03', ['dinner 09:00-11:00 +09:00']],
    ]);
  });

  it('does not carry an item ending at midnight into the next day, and fills the days between', () => {
    const evening = item('evening', 'free-time', '2026-04-02T20:00+09:00', '2026-04-03T00:00+09:00');
    const later = item('later', 'appointment', '2026-04-05T09:00+09:00', '2026-04-05T10:00+09:00');
    expect(summary(dayTimeline([later, evening], 'Asia/Tokyo'))).toEqual([
      ['2026-04-02', ['evening 20:00-24:00 +09:00']],
      ['2026-04-03', []],
      ['2026-04-04', []],
      ['2026-04-05', ['later 09:00-10:00 +09:00']],
    ]);
    expect(dayTimeline([], 'Asia/Tokyo')).toEqual([]);
    expect(summary(dayTimeline([later], 'Asia/Tokyo', { from: '2026-04-04', to: '2026-04-06' }))).toEqual([
      ['2026-04-04', []],
      ['2026-04-05', ['later 09:00-10:00 +09:00']],
      ['2026-04-06', []],
    ]);
  });

  it('puts every item on each day it touches, once, on consecutive days in order', () => {
    const zones = [
      'Asia/Tokyo',
      'Europe/London',
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
    ];
    const base = Date.UTC(2026, 2, 27); // around the European change, and Lord Howe's half-hour shift in April
    const arbitraryItem = fc
      .record({ start: fc.integer({ min: 0, max: 24 * 12 }), length: fc.integer({ min: 0, max: 24 * 6 }) })
      .map(({ start, length }) => ({
        start: new Date(base + start * 900_000 * 4).toISOString(),
        end: new Date(base + (start + length) * 900_000 * 4).toISOString(),
      }));
    fc.assert(
      fc.property(fc.array(arbitraryItem, { maxLength: 8 }), fc.constantFrom(...zones), (raw, zone) => {
        const items = raw.map((r, i) => item(`i${i}`, 'appointment', r.start, r.end));
        const days = dayTimeline(items, zone);
        days.forEach((day, i) => {
          if (i > 0) expect(daysBetween(days[i - 1]!.date, day.date)).toBe(1);
        });
        for (const it of items) {
          const onDays = days.filter((day) => day.entries.some((e) => e.item === it));
          expect(onDays.length).toBeGreaterThan(0);
          for (const day of onDays) {
            const entries = day.entries.filter((e) => e.item === it);
            expect(entries).toHaveLength(1);
            // No empty slice of a real interval. Equal wall times would mean one: items last whole hours and the
            // only clock going back in this window (Lord Howe, April 5th) goes back half an hour.
            if (it.start !== it.end) expect(entries[0]!.from).not.toBe(entries[0]!.to);
          }
          const first = onDays[0]!;
          const last = onDays[onDays.length - 1]!;
          expect(daysBetween(first.date, last.date)).toBe(onDays.length - 1);
          const start = zonedParts(dateTimeInstant(it.start), zone);
          expect(first.date).toBe(start.date);
          expect(first.entries.find((e) => e.item === it)!.from).toBe(start.time);
          const end = zonedParts(dateTimeInstant(it.end), zone);
          const lastEntry = last.entries.find((e) => e.item === it)!;
          if (lastEntry.to === '24:00') expect(addDays(last.date, 1)).toBe(end.date);
          else expect([last.date, lastEntry.to]).toEqual([end.date, end.time]);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('dateTimeInZone', () => {
  it('stores a wall-clock time with the offset in force in that zone on that day', () => {
    expect(dateTimeInZone('2026-04-01', '19:00', 'Europe/London')).toBe('2026-04-01T19:00:00+01:00');
    expect(dateTimeInZone('2026-01-15', '19:00', 'Europe/London')).toBe('2026-01-15T19:00:00+00:00');
    expect(dateTimeInZone('2026-04-02', '16:00', 'Asia/Tokyo')).toBe('2026-04-02T16:00:00+09:00');
    expect(dateTimeInZone('2026-07-01', '08:15', 'America/New_York')).toBe('2026-07-01T08:15:00-04:00');
    expect(dateTimeInZone('2026-07-01', '08:15', 'Asia/Kathmandu')).toBe('2026-07-01T08:15:00+05:45');
  });

  it('refuses a time the clocks skip, and takes the first of a time that happens twice', () => {
    // Europe/London: 01:00 → 02:00 on 29 March 2026, 02:00 → 01:00 on 25 October 2026.
    expect(dateTimeInZone('2026-03-29', '01:30', 'Europe/London')).toBeUndefined();
    expect(dateTimeInZone('2026-10-25', '01:30', 'Europe/London')).toBe('2026-10-25T01:30:00+01:00');
    expect(dateTimeInZone('2026-10-25', '02:30', 'Europe/London')).toBe('2026-10-25T02:30:00+00:00');
  });

  it('refuses what is not a date and an HH:mm time', () => {
    expect(dateTimeInZone('2026-02-30', '10:00', 'Asia/Tokyo')).toBeUndefined();
    expect(dateTimeInZone('2026-04-02', '24:00', 'Asia/Tokyo')).toBeUndefined();
    expect(dateTimeInZone('2026-04-02', '9:30', 'Asia/Tokyo')).toBeUndefined();
  });

  it('names the instant that reads as the same wall-clock time in that zone', () => {
    const zones = ['Europe/London', 'Asia/Tokyo', 'America/Los_Angeles', 'Australia/Lord_Howe'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.constantFrom(...zones),
        (epochMs, zone) => {
          const parts = zonedParts(epochMs - (epochMs % 60_000), zone);
          const stored = dateTimeInZone(parts.date, parts.time, zone);
          expect(stored).toBeDefined();
          const back = zonedParts(dateTimeInstant(stored!), zone);
          expect([back.date, back.time]).toEqual([parts.date, parts.time]);
        },
      ),
    );
  });
});
