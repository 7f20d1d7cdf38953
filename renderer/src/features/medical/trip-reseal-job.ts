import { useEffect, useRef } from 'react';
import { debounceTime, merge, Subject } from 'rxjs';
import { adoptSectionlessKeys, resealClearTrips } from '../../core/medical/index';
import { useSession } from '../../session/index';
import { useMedicalContext } from './medical-data';
import { serialRunner } from './serial-runner';

/**
 * Seals the medical details of trips stored before schema version 3 (core/medical/trip-reseal.ts) whenever trips,
 * key wraps, clients or consents change, so that they leave the server's clear storage without waiting for someone
 * to edit the trip; then writes the section of a key made without one once its client's consent is in force.
 * Failures are retried on the next change; nothing is logged (the ids are a client's).
 */
export function useTripReseal(): void {
  const ctx = useMedicalContext();
  const { device } = useSession();
  const runner = useRef(serialRunner());
  useEffect(() => {
    if (ctx === undefined) return;
    const { store } = device.session;
    const { current } = runner;
    const start = new Subject<void>();
    // The clients too: a trip skipped because its client had not arrived yet (trip-reseal.ts) is taken then. The
    // consents: a key made without a section gets its section once a medical consent is in force.
    const subscription = merge(start, store.trips.$, store.keyWraps.$, store.clients.$, store.consents.$)
      .pipe(debounceTime(1_000))
      .subscribe(
        () =>
          void current.run(() =>
            resealClearTrips(ctx)
              .then(() => adoptSectionlessKeys(ctx))
              .then(
                () => undefined,
                () => undefined,
              ),
          ),
      );
    start.next();
    return () => subscription.unsubscribe();
  }, [ctx, device]);
}
