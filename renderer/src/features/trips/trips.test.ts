import { describe, expect, it } from 'vitest';
import type { TripItem } from '../../../../shared/index';
import { itineraryFlags } from './flags';
import { costTotals, formatCalendarDay, formatCost } from './format';
import { printedItem } from './print-content';
import { arrivalFlight, springTrip, uuid } from '../../../../tests/support/trip-fixtures';

const trip = springTrip;
const flight = arrivalFlight;

describe('the flags on items', () => {
  it('marks both overlapping items and an appointment before the arrival flight lands', () => {
    const early: TripItem = {
      id: uuid(20),
      kind: 'appointment',
      title: 'Check-up',
      start: '2026-04-01T10:00:00+01:00',
      end: '2026-04-01T11:00:00+01:00',
    };
    const scan: TripItem = {
      id: uuid(21),
      kind: 'procedure',
      title: 'MRI',
      start: '2026-04-03T10:00:00+09:00',
      end: '2026-04-03T11:30:00+09:00',
    };
    const massage: TripItem = {
      id: uuid(22),
      kind: 'therapy',
      title: 'Shiatsu',
      start: '2026-04-03T11:00:00+09:00',
      end: '2026-04-03T12:00:00+09:00',
    };
    const hotel: TripItem = {
      id: uuid(23),
      kind: 'hotel',
      title: 'Okura',
      start: '2026-04-02T17:00:00+09:00',
      end: '2026-04-06T11:00:00+09:00',
    };
    const flags = itineraryFlags(trip([flight, early, scan, massage, hotel]));
    expect(flags.get(early.id)).toEqual({ overlapsWith: [], early: 'before-arrival' });
    expect(flags.get(scan.id)).toEqual({ overlapsWith: [massage.id] });
    expect(flags.get(massage.id)).toEqual({ overlapsWith: [scan.id] });
    expect(flags.has(hotel.id)).toBe(false);
    expect(flags.has(flight.id)).toBe(false);
  });
});

describe('the printed itinerary', () => {
  const appointment: TripItem = {
    id: uuid(30),
    kind: 'appointment',
    title: 'Cardiology review',
    start: '2026-04-03T10:00:00+09:00',
    end: '2026-04-03T11:00:00+09:00',
    location: 'St Luke’s International Hospital',
    notes: 'Fasting from midnight',
  };

  it('leaves out the title, institution and notes of medical items unless asked to include them', () => {
    expect(printedItem(appointment, false)).toEqual({ medicalHidden: true });
    expect(printedItem({ ...appointment, kind: 'procedure' }, false)).toEqual({ medicalHidden: true });
    expect(printedItem(appointment, true)).toMatchObject({
      title: 'Cardiology review',
      location: appointment.location,
      notes: appointment.notes,
    });
    expect(printedItem(flight, false)).toMatchObject({ medicalHidden: false, title: 'LHR to HND' });
  });

  it('leaves out a therapy too, and never prints a medical item whose details stayed sealed', () => {
    expect(printedItem({ ...appointment, kind: 'therapy' }, false)).toEqual({ medicalHidden: true });
    const sealed: TripItem = { ...appointment, sealedDetails: `1.k1.${'A'.repeat(60)}` };
    delete sealed.title;
    delete sealed.location;
    delete sealed.notes;
    expect(printedItem(sealed, true)).toEqual({
      medicalHidden: true,
    });
  });
});

describe('formatting for the locale', () => {
  it('formats days and amounts in English and Japanese', () => {
    expect(formatCalendarDay('2026-04-01', 'en')).toBe('Wednesday, April 1, 2026');
    expect(formatCalendarDay('2026-04-01', 'ja')).toBe('2026年4月1日水曜日');
    expect(formatCost({ amount: 180000, currency: 'JPY' }, 'ja')).toBe('￥180,000');
    expect(formatCost({ amount: 180000, currency: 'JPY' }, 'en')).toBe('¥180,000');
    expect(formatCost({ amount: 1250.5, currency: 'GBP' }, 'en')).toBe('£1,250.50');
  });

  it('totals costs per currency, never across currencies', () => {
    expect(
      costTotals([
        { amount: 100, currency: 'JPY' },
        undefined,
        { amount: 5, currency: 'GBP' },
        { amount: 50, currency: 'JPY' },
      ]),
    ).toEqual([
      { amount: 150, currency: 'JPY' },
      { amount: 5, currency: 'GBP' },
    ]);
  });
});
