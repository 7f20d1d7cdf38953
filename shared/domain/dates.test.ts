import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  calendarDateIn,
  daysBetween,
  formatCalendarDate,
  isCalendarDate,
  parseCalendarDate,
} from './dates';

/** Real dates from years 1 to 9999 (parts that name no date, such as February 30th, are skipped). */
const calendarDate = fc
  .record({
    year: fc.integer({ min: 1, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .map(formatCalendarDate)
  .filter(isCalendarDate);

describe('calendar dates', () => {
  it('accepts real dates only, in the YYYY-MM-DD shape', () => {
    expect(parseCalendarDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(isCalendarDate('2000-02-29')).toBe(true);
    for (const text of [
      '2026-02-29',
      '1900-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-4-01',
      '0000-01-01',
      ' 2026-04-01',
      '2026-04-01T00:00',
      '',
    ]) {
      expect(isCalendarDate(text), text).toBe(false);
    }
  });

  it('moves by days across months, years and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('0001-01-02', -1)).toBe('0001-01-01');
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
    expect(() => addDays('0001-01-01', -1)).toThrow(RangeError);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('moves by months with the day clamped to the month end', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-03-15', -3)).toBe('2025-12-15');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
  });

  it('counts days between dates as the inverse of addDays', () => {
    fc.assert(
      fc.property(calendarDate, fc.integer({ min: -20_000, max: 20_000 }), (date, days) => {
        let moved: string;
        try {
          moved = addDays(date, days);
        } catch {
          return; // outside years 1–9999
        }
        expect(isCalendarDate(moved)).toBe(true);
        expect(daysBetween(date, moved)).toBe(days);
        expect(moved < date).toBe(days < 0);
      }),
    );
  });

  it('agrees with the platform calendar for modern dates', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
        const iso = new Date(ms).toISOString().slice(0, 10);
        expect(addDays(iso, 1)).toBe(new Date(ms + 86_400_000).toISOString().slice(0, 10));
      }),
    );
  });

  it('tells the date of an instant in a time zone', () => {
    const instant = Date.parse('2026-04-01T20:00:00Z');
    expect(calendarDateIn(instant, 'Asia/Tokyo')).toBe('2026-04-02');
    expect(calendarDateIn(instant, 'America/New_York')).toBe('2026-04-01');
    expect(() => calendarDateIn(instant, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
