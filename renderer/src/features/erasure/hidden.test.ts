import { describe, expect, it, vi } from 'vitest';
import { newClient, type Client } from '../../../../shared/index';
import { daySchedule } from '../../../../shared/domain/day-schedule';
import type { Trip } from '../../../../shared/domain/trip';
import { arrivalFlight, springTrip, uuid } from '../../../../tests/support/trip-fixtures';
import { withoutHidden } from './erasure-data';

// The session module reads the host's bridge (a browser global); the helper needs neither.
vi.mock('../../session/index', () => ({ useSession: () => undefined }));

describe('a client scheduled for erasure', () => {
  it('leaves Today’s schedule, its trips with it; the other clients stay', () => {
    const erased: Client = newClient(uuid(2), { latin: 'Hidden Scheduled' }, 1, []);
    const kept: Client = newClient(uuid(3), { latin: 'Still Shown' }, 1, []);
    const trips: Trip[] = [
      springTrip([arrivalFlight]),
      { ...springTrip([arrivalFlight]), id: uuid(5), clientId: kept.id },
    ];
    expect(trips[0]!.clientId).toBe(erased.id);
    const clients = new Map([erased, kept].map((c) => [c.id, c]));
    const options = { today: '2026-04-02', days: 2, officeZone: 'Asia/Tokyo' };
    const names = (map: ReadonlyMap<string, Client>) =>
      new Set(daySchedule(trips, map, options).flatMap((day) => day.entries.map((e) => e.clientName)));

    expect(names(withoutHidden(clients, new Set()))).toEqual(new Set(['Hidden Scheduled', 'Still Shown']));
    expect(names(withoutHidden(clients, new Set([erased.id])))).toEqual(new Set(['Still Shown']));
    expect(withoutHidden(clients, new Set([erased.id])).has(erased.id)).toBe(false);
  });
});
