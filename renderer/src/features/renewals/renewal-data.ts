import { useEffect, useMemo, useState } from 'react';
import { loadSodium, type Sodium } from '../../../../shared/crypto/index';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import type { Client } from '../../../../shared/index';
import { countsForGates, type SignKeys } from '../../core/medical/consent-gate';
import { useHiddenClients } from '../erasure/erasure-data';
import { useSession } from '../../session/session-context';
import { useConsentCommands, type ConsentCommands } from '../consents/consent-data';
import { useNotices, useNow } from '../notices/notice-data';
import { clientsNeedingRenewal, renewalList, type RenewalEntry } from './renewal-list';
import { cachedValidity } from './validity-cache';

/**
 * The renewals feature's data layer: the only renewals code that reads the local store. The notice versions come
 * from the notices feature; records are written only through the consents feature's commands (built, checked and
 * signed there).
 */

/**
 * Every record on the device that a gate may read (its signature valid against the staff directory's device keys,
 * or legacy), live; undefined while loading. As the consents feature's ledger of all clients, but each record is
 * verified once (validity-cache.ts): lists across all clients fold the whole ledger on every change.
 */
export function useTrustedLedger(): ConsentRecord[] | undefined {
  const { store, device } = useSession();
  const { directory } = device.session;
  const [sodium, setSodium] = useState<Sodium | undefined>();
  const [keys, setKeys] = useState<SignKeys>(() => directory.keyDirectory());
  const [records, setRecords] = useState<ConsentRecord[] | undefined>();
  useEffect(() => {
    let live = true;
    void loadSodium().then((loaded) => live && setSodium(loaded));
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    const subscription = directory.entries$.subscribe(() => setKeys(directory.keyDirectory()));
    return () => subscription.unsubscribe();
  }, [directory]);
  useEffect(() => {
    const subscription = store.consents
      .find()
      .$.subscribe((docs) => setRecords(docs.map((doc) => doc.toJSON() as ConsentRecord)));
    return () => subscription.unsubscribe();
  }, [store]);
  return useMemo(
    () =>
      sodium === undefined || records === undefined
        ? undefined
        : records.filter((record) => countsForGates(cachedValidity(sodium, record, keys))),
    [sodium, records, keys],
  );
}

export interface RenewalRow extends RenewalEntry {
  /** The client's record on this device (its name, languages, contact); undefined if not held. */
  client?: Client;
}

/** Clients whose medical consent needs renewing, with their record, live; undefined while loading. */
export function useRenewalRows(): { rows: RenewalRow[] | undefined; now: number } {
  const { store } = useSession();
  const now = useNow();
  const ledger = useTrustedLedger();
  const notices = useNotices();
  // A client scheduled for erasure is shown nowhere during the grace period (issue 17).
  const hidden = useHiddenClients();
  const entries = useMemo(
    () =>
      ledger === undefined || notices === undefined
        ? undefined
        : renewalList(ledger, notices, now).filter((entry) => !hidden.has(entry.clientId)),
    [ledger, notices, now, hidden],
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
  const ledger = useTrustedLedger();
  const notices = useNotices();
  return useMemo(
    () =>
      ledger === undefined || notices === undefined
        ? new Set<string>()
        : clientsNeedingRenewal(renewalList(ledger, notices, now)),
    [ledger, notices, now],
  );
}

/** Recording that a client was told, renewed or refused: the consents feature's signed records. */
export function useRenewalCommands(): Pick<ConsentCommands, 'record'> {
  return useConsentCommands();
}
