import { useEffect, useMemo, useState } from 'react';
import type { Client } from '../../../../shared/index';
import { useSession } from '../../session/index';
import { useAllConsentRecords, useConsentCommands, type ConsentCommands } from '../consents/consent-data';
import { useNotices, useNow } from '../notices/notice-data';
import { clientsNeedingRenewal, renewalList, type RenewalEntry } from './renewal-list';

/**
 * The renewals feature's data layer: the only renewals code that reads the local store. The ledger (each record's
 * signature checked) comes from the consents feature, the notice versions from the notices feature; records are
 * written only through the consents feature's commands (built, checked and signed there).
 */

export interface RenewalRow extends RenewalEntry {
  /** The client's record on this device (its name, languages, contact); undefined if not held. */
  client?: Client;
}

/** Clients whose medical consent needs renewing, with their record, live; undefined while loading. */
export function useRenewalRows(): { rows: RenewalRow[] | undefined; now: number } {
  const { store } = useSession();
  const now = useNow();
  const ledger = useAllConsentRecords();
  const notices = useNotices();
  const entries = useMemo(
    () => (ledger.loading || notices === undefined ? undefined : renewalList(ledger.trusted, notices, now)),
    [ledger, notices, now],
  );
  const [clients, setClients] = useState<ReadonlyMap<string, Client> | undefined>();
  const ids = useMemo(() => entries?.map((entry) => entry.clientId) ?? [], [entries]);
  const key = ids.join(',');
  useEffect(() => {
    const subscription = store.clients
      .findByIds(key === '' ? [] : key.split(','))
      .$.subscribe((docs) =>
        setClients(new Map([...docs.values()].map((doc) => [doc.primary, doc.toJSON() as Client]))),
      );
    return () => subscription.unsubscribe();
  }, [store, key]);
  const rows = useMemo(
    () =>
      entries === undefined || clients === undefined
        ? undefined
        : entries.map((entry) => ({ ...entry, client: clients.get(entry.clientId) })),
    [entries, clients],
  );
  return { rows, now };
}

/** The ids of the clients needing renewal, live: the client list marks them. */
export function useClientsNeedingRenewal(): ReadonlySet<string> {
  const now = useNow(60_000);
  const ledger = useAllConsentRecords();
  const notices = useNotices();
  return useMemo(
    () =>
      ledger.loading || notices === undefined
        ? new Set<string>()
        : clientsNeedingRenewal(renewalList(ledger.trusted, notices, now)),
    [ledger, notices, now],
  );
}

/** Recording that a client was told, renewed or refused: the consents feature's signed records. */
export function useRenewalCommands(): Pick<ConsentCommands, 'record'> {
  return useConsentCommands();
}
