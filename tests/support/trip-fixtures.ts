import type { Trip, TripItem } from '../../shared/domain/trip';

/** A uuid made from a number, so fixtures name their documents readably. */
export const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** A week's trip from London to Tokyo, with the given items. */
export function springTrip(items: TripItem[] = []): Trip {
  return {
    id: uuid(1),
    clientId: uuid(2),
    assignedStaffIds: [],
    title: 'Spring in Tokyo',
    startDate: '2026-04-01',
    endDate: '2026-04-08',
    timeZone: 'Europe/London',
    items,
    createdAt: 1,
    updatedAt: 1,
  };
}

/** The trip's arrival flight: leaves London at 19:00, lands in Tokyo at 16:00 the next day. */
export const arrivalFlight: TripItem = {
  id: uuid(10),
  kind: 'flight',
  title: 'LHR to HND',
  start: '2026-04-01T19:00:00+01:00',
  end: '2026-04-02T16:00:00+09:00',
  startTimeZone: 'Europe/London',
  endTimeZone: 'Asia/Tokyo',
};
