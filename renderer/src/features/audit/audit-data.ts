import { useCallback, useEffect, useMemo, useState } from 'react';
import { can } from '../../../../shared/auth/roles';
import { loadSodium } from '../../../../shared/crypto/index';
import {
  AUDIT_EXPORT_FORMAT,
  type AuditCheckpoint,
  type AuditExport,
  type AuditExportEnd,
} from '../../../../shared/crypto/audit-verify';
import type { AuditEntryInput, AuditEvent } from '../../../../shared/domain/audit';
import {
  auditPaths,
  type AuditChainStop,
  type AuditDeviceKey,
  auditEntriesCursor,
  auditEntriesSearch,
  AUDIT_ENTRIES_MAX,
  type AuditEntriesPage,
  type AuditEntriesQuery,
  type AuditKeyRotation,
  STAFF_EVENTS_PAGE,
  type ServerLedgersCheck,
  type StaffEventView,
} from '../../../../shared/domain/audit-api';
import type { Client } from '../../../../shared/domain/client';
import {
  incidentPaths,
  type AffectedContact,
  type Incident,
  type RecordIncidentRequest,
  type RecordNotificationRequest,
  type UpdateIncidentRequest,
} from '../../../../shared/domain/incident';
import type { StaffView } from '../../../../shared/index';
import { logAccess } from '../../core/audit/log-access';
import { useSession } from '../../session/index';
import { useHiddenClients, withoutHidden } from '../erasure/erasure-data';
import {
  heldBeyondEnd,
  verifyWithWitness,
  type HeldBeyond,
  type WitnessedVerification,
} from './audit-witness';

/**
 * The access log and breach register's data layer: the log as the local store holds it (synced; the admin and
 * managers read it all), the server's routes (staff and device events, receipts, keys, checkpoints, incidents),
 * and the commands (a review, logging an export, verifying). The only code of the feature that touches the store.
 */

/** Whether the signed-in role reads the console (the admin, and managers read-only) and writes in it. */
export function useAuditRole(): { reads: boolean; manages: boolean } {
  const { identity } = useSession();
  return { reads: can(identity.role, 'readAuditLog'), manages: can(identity.role, 'manageIncidents') };
}

/** Every entry of the log on this device, newest first, live. */
export function useAuditEntries(enabled = true): AuditEvent[] | undefined {
  const { store } = useSession();
  const [entries, setEntries] = useState<AuditEvent[] | undefined>();
  useEffect(() => {
    if (!enabled) return;
    const subscription = store.auditEvents
      .find({ sort: [{ at: 'desc' }] })
      .$.subscribe((docs) => setEntries(docs.map((doc) => doc.toJSON() as AuditEvent)));
    return () => subscription.unsubscribe();
  }, [store, enabled]);
  return entries;
}

/**
 * Clients by id, live (names for the log, assignees for the review); a client whose erasure is scheduled is left out
 * (named by id, as one this device does not hold).
 */
export function useClientsById(enabled = true): ReadonlyMap<string, Client> {
  const { store } = useSession();
  const hidden = useHiddenClients();
  const [clients, setClients] = useState<Map<string, Client>>(new Map());
  useEffect(() => {
    if (!enabled) return;
    const subscription = store.clients
      .find()
      .$.subscribe((docs) => setClients(new Map(docs.map((doc) => [doc.id, doc.toJSON() as Client]))));
    return () => subscription.unsubscribe();
  }, [store, enabled]);
  return useMemo(() => withoutHidden(clients, hidden), [clients, hidden]);
}

/** A server read, fetched once and again on `reload()`; undefined until it answers, the error if it fails. */
function useServer<T>(path: string | undefined): { data?: T; error?: unknown; reload(): void } {
  const { staff } = useSession();
  const [state, setState] = useState<{ data?: T; error?: unknown }>({});
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return;
    let live = true;
    staff.send<T>('GET', path).then(
      (data) => live && setState({ data }),
      (error: unknown) => live && setState({ error }),
    );
    return () => {
      live = false;
    };
  }, [staff, path, tick]);
  return { ...state, reload: useCallback(() => setTick((n) => n + 1), []) };
}

/**
 * The server's staff and device events, newest first, a page at a time (STAFF_EVENTS_PAGE): `more()` loads the
 * page before the oldest shown; `done` once a page came back short.
 */
export function useStaffEvents(enabled: boolean): {
  data?: StaffEventView[];
  error?: unknown;
  done: boolean;
  more(): void;
} {
  const { staff } = useSession();
  const [state, setState] = useState<{ data?: StaffEventView[]; error?: unknown; done: boolean }>({
    done: false,
  });
  const [before, setBefore] = useState<number | undefined>();
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const query = `limit=${STAFF_EVENTS_PAGE}${before !== undefined ? `&before=${before}` : ''}`;
    staff.send<StaffEventView[]>('GET', `${auditPaths.staffEvents}?${query}`).then(
      (page) =>
        live &&
        setState((s) => ({
          data: before === undefined ? page : [...(s.data ?? []), ...page],
          done: page.length < STAFF_EVENTS_PAGE,
        })),
      (error: unknown) => live && setState((s) => ({ ...s, error })),
    );
    return () => {
      live = false;
    };
  }, [staff, enabled, before]);
  const oldest = state.data?.at(-1)?.id;
  return {
    ...state,
    more: useCallback(() => {
      if (oldest !== undefined) setBefore(oldest);
    }, [oldest]),
  };
}
export const useServerLedgers = (enabled: boolean) =>
  useServer<ServerLedgersCheck>(enabled ? auditPaths.ledgers : undefined);
export const useChainStops = (enabled: boolean) =>
  useServer<AuditChainStop[]>(enabled ? auditPaths.chainStops : undefined);
export const useStaffList = (enabled: boolean) => useServer<StaffView[]>(enabled ? '/staff' : undefined);

/**
 * A page of the log as the server filters it (GET /audit/entries: every entry it holds, not this device's copy),
 * fetched again whenever this device's copy of the log changes (a sync brought entries) and every `everyMs`.
 */
export function useAuditEntriesPage(
  query: AuditEntriesQuery,
  everyMs = 10_000,
): { data?: AuditEntriesPage; error?: unknown } {
  const { staff, store } = useSession();
  const [state, setState] = useState<{ data?: AuditEntriesPage; error?: unknown }>({});
  const [tick, setTick] = useState(0);
  const path = auditEntriesSearch(query);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const subscription = store.auditEvents.$.subscribe(() => {
      clearTimeout(timer);
      timer = setTimeout(() => setTick((n) => n + 1), 400);
    });
    const poll = setInterval(() => setTick((n) => n + 1), everyMs);
    return () => {
      subscription.unsubscribe();
      clearTimeout(timer);
      clearInterval(poll);
    };
  }, [store, everyMs]);
  useEffect(() => {
    let live = true;
    staff.send<AuditEntriesPage>('GET', path).then(
      (data) => live && setState({ data }),
      (error: unknown) => live && setState((s) => ({ ...s, error })),
    );
    return () => {
      live = false;
    };
  }, [staff, path, tick]);
  return state;
}
export const useIncidents = (enabled: boolean) =>
  useServer<Incident[]>(enabled ? incidentPaths.incidents : undefined);

/** The console's commands. */
export function useAuditCommands() {
  const { device, staff, store } = useSession();
  return useMemo(() => {
    /**
     * The whole log as this device holds it, cut at a signed end the server makes now (AuditExportEnd): waits (up
     * to `waitMs`) for the synced copy to reach every head the end names, so the export is complete; one that
     * cannot catch up fails the verifier as truncated, which is what it is.
     */
    async function cutExport(waitMs = 20_000): Promise<{ log: AuditExport; heldBeyond: HeldBeyond[] }> {
      // Read before the end is cut: what this copy held then, the server held too (heldBeyondEnd).
      const held = await allEntries();
      const [devices, checkpoints, key, end] = await Promise.all([
        staff.send<AuditDeviceKey[]>('GET', auditPaths.devices),
        staff.send<AuditCheckpoint[]>('GET', auditPaths.checkpoints),
        staff.send<{ publicKey: string; retired?: string[] }>('GET', auditPaths.serverKey),
        staff.send<AuditExportEnd>('POST', auditPaths.exportEnd),
      ]);
      const deadline = nowMs() + waitMs;
      let entries = cutAtEnd(await allEntries(), end);
      while (!reachesEnd(entries, end) && nowMs() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        entries = cutAtEnd(await allEntries(), end);
      }
      const log: AuditExport = {
        format: AUDIT_EXPORT_FORMAT,
        exportedAt: nowMs(),
        entries,
        devices: devices.map(({ deviceId, signPublicKey }) => ({ deviceId, signPublicKey })),
        checkpoints: checkpoints.filter((c) => c.id !== end.checkpoint.id),
        serverPublicKey: key.publicKey,
        retiredServerKeys: key.retired ?? [],
        end,
      };
      return { log, heldBeyond: heldBeyondEnd(held, end, device.session.deviceId) };
    }
    const exportLog = async () => (await cutExport()).log;
    const allEntries = async () =>
      (await store.auditEvents.find().exec()).map((doc) => doc.toJSON() as AuditEvent);
    return {
      exportLog,
      /** Every entry the server holds that matches `query`, newest first, read a bounded page at a time. */
      async matching(query: AuditEntriesQuery): Promise<AuditEntriesPage['entries']> {
        const all: AuditEntriesPage['entries'] = [];
        for (;;) {
          const last = all[all.length - 1]?.entry;
          const page = await staff.send<AuditEntriesPage>(
            'GET',
            auditEntriesSearch({
              ...query,
              offset: undefined,
              ...(last ? { before: auditEntriesCursor(last) } : {}),
              limit: AUDIT_ENTRIES_MAX,
            }),
          );
          all.push(...page.entries);
          if (page.entries.length < AUDIT_ENTRIES_MAX) return all;
        }
      },
      /** Appends an entry to this device's log (a review, an export). */
      log: (entry: AuditEntryInput) => logAccess(device.session, entry),
      /**
       * The whole log as an export, with device keys, checkpoints and its signed end, checked offline, and held to
       * the last end this device verified (audit-witness.ts: a log now ending before it was cut).
       */
      async verify(): Promise<WitnessedVerification> {
        const { log, heldBeyond } = await cutExport();
        const keys = device.session.deviceKeys();
        try {
          return verifyWithWitness(await loadSodium(), log, keys, localStorage, heldBeyond);
        } finally {
          keys.signSecretKey.fill(0);
          keys.boxSecretKey.fill(0);
        }
      },
      /** Has the server sign every device's chain head now (the admin; answers the latest if nothing moved). */
      checkpointNow: () => staff.send<AuditCheckpoint>('POST', auditPaths.checkpoints),
      /** The server's checkpoint key now, and the retired ones. */
      serverKey: () => staff.send<{ publicKey: string; retired?: string[] }>('GET', auditPaths.serverKey),
      /** Rotates the checkpoint key (the DPO): the old key signs a handover naming the new (docs/audit.md). */
      rotateServerKey: () => staff.send<AuditKeyRotation>('POST', auditPaths.serverKeyRotation),
      recordIncident: (request: RecordIncidentRequest) =>
        staff.send<Incident>('POST', incidentPaths.incidents, request),
      updateIncident: (id: string, request: UpdateIncidentRequest) =>
        staff.send<Incident>('POST', incidentPaths.incident(id), request),
      recordNotification: (id: string, request: RecordNotificationRequest) =>
        staff.send<Incident>('POST', incidentPaths.notifications(id), request),
      contacts: (id: string) => staff.send<AffectedContact[]>('GET', incidentPaths.contacts(id)),
      reachable: (deviceId: string) => staff.send<string[]>('GET', incidentPaths.reachable(deviceId)),
    };
  }, [device, staff, store]);
}

/** The entries an export ends with: every legacy one, and each device's chain up to the head the end names. */
export function cutAtEnd(entries: readonly AuditEvent[], end: AuditExportEnd): AuditEvent[] {
  const heads = new Map(end.checkpoint.heads.map((head) => [head.deviceId, head.seq]));
  // Each device's entries in chain order; legacy entries first.
  return entries
    .filter((e) => e.legacy || e.seq <= (heads.get(e.deviceId) ?? 0))
    .sort((a, b) => a.seq - b.seq || a.at - b.at);
}

/**
 * Whether `entries` (cut at the end) hold every device's chain up to its head: its entry at the head's seq (a
 * resumed chain skips seqs, so a count would not say; entries arrive in the server's order, so the head comes last).
 */
export function reachesEnd(entries: readonly AuditEvent[], end: AuditExportEnd): boolean {
  const last = new Map<string, number>();
  for (const e of entries) if (!e.legacy) last.set(e.deviceId, Math.max(last.get(e.deviceId) ?? 0, e.seq));
  return end.checkpoint.heads.every((head) => last.get(head.deviceId) === head.seq);
}

/** Saves a text as a file the person downloads (JSON or CSV). */
export function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The time, for commands (event handlers). */
export const nowMs = () => Date.now();

/** The time for rendering clocks, moving every `everyMs`. */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(nowMs);
  useEffect(() => {
    const timer = setInterval(() => setNow(nowMs()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
