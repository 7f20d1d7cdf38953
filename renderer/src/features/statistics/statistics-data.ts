import { useEffect, useState } from 'react';
import {
  anonymisedStatistics,
  type StatisticsClient,
  type StatisticsTable,
  type StatisticsTrip,
} from '../../../../shared/domain/statistics';
import type { Role } from '../../../../shared/index';
import { useSession } from '../../session/index';
import { useHiddenClients } from '../erasure/erasure-data';

/** Managers and the admin read the anonymised statistics (they read every client and trip anyway). */
export const seesStatistics = (role: Role | undefined) => role === 'manager' || role === 'admin';

/**
 * The anonymised statistics over this device's clients and trips, live; clients whose erasure is scheduled or done
 * are left out. Computed on the device from what the role already reads: nothing leaves the device.
 */
export function useStatistics(today: string): StatisticsTable[] | undefined {
  const { store } = useSession();
  const hidden = useHiddenClients();
  const [tables, setTables] = useState<StatisticsTable[] | undefined>();
  useEffect(() => {
    let clients: StatisticsClient[] | undefined;
    let trips: StatisticsTrip[] | undefined;
    const update = () => {
      if (clients && trips) setTables(anonymisedStatistics(clients, trips, today));
    };
    const a = store.clients.find().$.subscribe((docs) => {
      clients = docs
        .filter((doc) => !hidden.has(doc.primary))
        .map((doc) => ({ id: doc.id, nationality: doc.nationality, dateOfBirth: doc.dateOfBirth }));
      update();
    });
    const b = store.trips.find().$.subscribe((docs) => {
      trips = docs.map((doc) => ({
        clientId: doc.clientId,
        startDate: doc.startDate,
        items: [...doc.toJSON().items] as StatisticsTrip['items'],
      }));
      update();
    });
    return () => {
      a.unsubscribe();
      b.unsubscribe();
    };
  }, [store, hidden, today]);
  return tables;
}
