import { describe, expect, it } from 'vitest';
import { arrivalFlight, springTrip, uuid } from '../../tests/support/trip-fixtures';
import type { Client } from './client';
import { newClient } from './client-record';
import { daySchedule } from './day-schedule';
import type { Trip, TripItem } from './trip';

const client = (id: string, latin: string, passportExpiry?: string): Client => ({
  ...newClient(id, { latin }, 1, []),
  ...(passportExpiry ? { passport: { number: 'X1234567', country: 'GB', expiryDate: passportExpiry } } : {}),
});

const item = (
  id: number,
  kind: TripItem['kind'],
  start: string,
  end: string,
  more: Partial<TripItem> = {},
) => ({
  id: uuid(id),
  kind,
  title: `${kind} ${id}`,
  start,
  end,
  ...more,
});

const OPTIONS = { today: '2026-04-02', days: 2, officeZone: 'Asia/Tokyo' };

describe('the day schedule', () => {
  it('lists the items of two days in the office zone, in time order across clients', () => {
    const sophie = client(uuid(2), 'Sophie Martin');
    const other = client(uuid(3), 'Ahmed Karimi');
    const first: Trip = springTrip([
      arrivalFlight,
      item(11, 'transfer', '2026-04-02T17:00:00+09:00', '2026-04-02T18:00:00+09:00', { partnerId: uuid(90) }),
      item(12, 'appointment', '2026-04-03T09:00:00+09:00', '2026-04-03T10:00:00+09:00', {
        location: 'Clinic',
        partnerId: uuid(91),
      }),
    ]);
    const second: Trip = {
      ...springTrip([item(20, 'therapy', '2026-04-02T10:00:00+09:00', '2026-04-02T11:00:00+09:00')]),
      id: uuid(4),
      clientId: other.id,
      timeZone: 'America/New_York',
    };
    const days = daySchedule([first, second], new Map([sophie, other].map((c) => [c.id, c])), OPTIONS);
    expect(days.map((d) => d.date)).toEqual(['2026-04-02', '2026-04-03']);
    // The flight left London on the 1st at 19:00 (Tokyo: the 2nd, 03:00) and lands at 16:00: both ends that day.
    expect(days[0]!.entries.map((e) => [e.clientName, e.kind, e.edge])).toEqual([
      ['Sophie Martin', 'flight', 'start'],
      ['Ahmed Karimi', 'therapy', 'start'],
      ['Sophie Martin', 'flight', 'end'],
      ['Sophie Martin', 'transfer', 'start'],
    ]);
    expect(days[1]!.entries.map((e) => e.kind)).toEqual(['appointment']);
    expect(days[0]!.entries[1]!.clientZone).toBe('America/New_York');
    expect(days[0]!.entries[0]!.at).toBe(Date.parse('2026-04-01T19:00:00+01:00'));
  });

  it('keeps medical titles and places off the overview', () => {
    const sophie = client(uuid(2), 'Sophie Martin');
    const trip = springTrip([
      item(12, 'procedure', '2026-04-02T09:00:00+09:00', '2026-04-02T10:00:00+09:00', { location: 'Ward 3' }),
      item(13, 'transfer', '2026-04-02T08:00:00+09:00', '2026-04-02T08:30:00+09:00', { location: 'Hotel' }),
    ]);
    const [today] = daySchedule([trip], new Map([[sophie.id, sophie]]), OPTIONS);
    const procedure = today!.entries.find((e) => e.kind === 'procedure')!;
    expect(procedure.title).toBeUndefined();
    expect(procedure.location).toBeUndefined();
    expect(today!.entries.find((e) => e.kind === 'transfer')).toMatchObject({
      title: 'transfer 13',
      location: 'Hotel',
    });
  });

  it('shows a stay on its first and last day only, and never free time', () => {
    const sophie = client(uuid(2), 'Sophie Martin');
    const trip = springTrip([
      item(30, 'hotel', '2026-03-31T15:00:00+09:00', '2026-04-03T11:00:00+09:00', { partnerId: uuid(92) }),
      item(31, 'free-time', '2026-04-02T13:00:00+09:00', '2026-04-02T17:00:00+09:00'),
    ]);
    const days = daySchedule([trip], new Map([[sophie.id, sophie]]), OPTIONS);
    expect(days[0]!.entries).toEqual([]);
    expect(days[1]!.entries.map((e) => [e.kind, e.edge])).toEqual([['hotel', 'end']]);
  });

  it('flags overlaps, medical items before arrival, passports and items without a partner', () => {
    const sophie = client(uuid(2), 'Sophie Martin', '2026-04-05');
    const trip = springTrip([
      arrivalFlight,
      item(40, 'appointment', '2026-04-02T15:00:00+09:00', '2026-04-02T16:30:00+09:00'),
      item(41, 'transfer', '2026-04-02T16:00:00+09:00', '2026-04-02T17:00:00+09:00', { partnerId: uuid(93) }),
    ]);
    const [today] = daySchedule([trip], new Map([[sophie.id, sophie]]), OPTIONS);
    const appointment = today!.entries.find((e) => e.kind === 'appointment')!;
    expect(appointment.flags).toEqual({
      overlap: true,
      early: 'before-arrival',
      passport: 'expires-before-trip-end',
      noPartner: true,
    });
    expect(today!.entries.find((e) => e.kind === 'transfer')!.flags.noPartner).toBe(false);
    expect(today!.entries.filter((e) => e.kind === 'flight').map((e) => e.flags.noPartner)).toEqual([
      false,
      false,
    ]);
  });

  it('leaves out trips of clients not at hand and items with unusable times', () => {
    const trip = springTrip([item(50, 'transfer', 'not a time', '2026-04-02T10:00:00+09:00')]);
    expect(daySchedule([trip], new Map(), OPTIONS).flatMap((d) => d.entries)).toEqual([]);
    const sophie = client(uuid(2), 'Sophie Martin');
    expect(daySchedule([trip], new Map([[sophie.id, sophie]]), OPTIONS).flatMap((d) => d.entries)).toEqual(
      [],
    );
  });
});
