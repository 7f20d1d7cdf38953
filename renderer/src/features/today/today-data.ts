import { useEffect, useState } from 'react';
import type { Client } from '../../../../shared/domain/client';
import { calendarDateIn } from '../../../../shared/domain/dates';
import { daySchedule, type ScheduleDay } from '../../../../shared/domain/day-schedule';
import type { Trip } from '../../../../shared/domain/trip';
import { useSession } from '../../session/index';
import { useHiddenClients, withoutHidden } from '../erasure/erasure-data';

/** The office's zone: LUMINA works in Tokyo, and the day's schedule is Tokyo's day. */
export const OFFICE_ZONE = 'Asia/Tokyo';
const DAYS = 2;

/** Today's date in the office's zone, moving on at midnight there (checked every minute). */
function useOfficeToday(): string {
  const [today, setToday] = useState(() => calendarDateIn(Date.now(), OFFICE_ZONE));
  useEffect(() => {
    const timer = setInterval(() => setToday(calendarDateIn(Date.now(), OFFICE_ZONE)), 60_000);
    return () => clearInterval(timer);
  }, []);
  return today;
}

/**
 * Today's and tomorrow's schedule over the clients and trips in the local store (the person's own clients for a
 * concierge, all for the office: the store holds exactly what the role may read), live as edits and sync arrive.
 * Offline it reads what the device holds.
 */
export function useDaySchedule(): { days: ScheduleDay[]; loaded: boolean } {
  const { store } = useSession();
  const today = useOfficeToday();
  const [clients, setClients] = useState<ReadonlyMap<string, Client> | undefined>();
  const [trips, setTrips] = useState<Trip[] | undefined>();
  // A client scheduled for erasure is hidden here too (docs/erasure.md); its trips go with it.
  const hidden = useHiddenClients();
  useEffect(() => {
    const clientSubscription = store.clients
      .find()
      .$.subscribe((docs) => setClients(new Map(docs.map((doc) => [doc.primary, doc.toJSON() as Client]))));
    const tripSubscription = store.trips
      .find()
      .$.subscribe((docs) => setTrips(docs.map((doc) => doc.toJSON() as Trip)));
    return () => {
      clientSubscription.unsubscribe();
      tripSubscription.unsubscribe();
    };
  }, [store]);
  if (clients === undefined || trips === undefined) return { days: [], loaded: false };
  return {
    days: daySchedule(trips, withoutHidden(clients, hidden), { today, days: DAYS, officeZone: OFFICE_ZONE }),
    loaded: true,
  };
}
