import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import {
  erasurePaths,
  type Erasure,
  type ErasureCertificate,
  type PendingErasure,
  type ScheduleErasureRequest,
} from '../../../../shared/domain/erasure';
import { can, legalHoldPaths, type LegalHold, type Role } from '../../../../shared/index';
import { erasureEntry } from '../../../../shared/domain/audit-entries';
import { logAccess, type AuditLogSession } from '../../core/audit/log-access';
import { useSession } from '../../session/index';
import { useSyncStatus } from '../../state/sync-status';
import { purgeErased } from './purge';

/**
 * Erasure on the device (docs/erasure.md). The server's list of erasures (ids, clients, due times: nothing
 * personal) is kept in this device's local storage, so that a client scheduled for erasure stays hidden offline;
 * once an erasure is executed and its tombstones have arrived by sync, the device purges every tombstone from its
 * store (RxDB keeps a deleted row until cleanup), logs the purge and confirms it to the server.
 */
const STORAGE_KEY = 'lumina.erasures.v1';
const REFRESH_MS = 15_000;

interface Known {
  erasures: PendingErasure[];
  confirmed: string[];
}

function load(): Known {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '') as Known;
    if (Array.isArray(parsed.erasures) && Array.isArray(parsed.confirmed)) return parsed;
  } catch {
    // Nothing stored yet, or unreadable: start empty (the next refresh fills it).
  }
  return { erasures: [], confirmed: [] };
}

let known: Known | undefined;
let hidden: ReadonlySet<string> = new Set();
const listeners = new Set<() => void>();

function current(): Known {
  if (!known) {
    known = load();
    hidden = new Set(known.erasures.map((erasure) => erasure.clientId));
  }
  return known;
}

function save(next: Known): void {
  known = next;
  hidden = new Set(next.erasures.map((erasure) => erasure.clientId));
  localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  for (const listener of listeners) listener();
}

/** A map of clients without those hidden (scheduled for erasure or erased): for screens that list clients. */
export function withoutHidden<T>(
  clients: ReadonlyMap<string, T>,
  hidden: ReadonlySet<string>,
): ReadonlyMap<string, T> {
  if (hidden.size === 0) return clients;
  return new Map([...clients].filter(([id]) => !hidden.has(id)));
}

/** Hides a client at once on this device (its erasure was just scheduled here). */
export function hideClient(erasure: PendingErasure): void {
  const { erasures, confirmed } = current();
  save({ erasures: [...erasures.filter((e) => e.id !== erasure.id), erasure], confirmed });
}

/** The clients this device must not show: their erasure is scheduled or done. */
export function useHiddenClients(): ReadonlySet<string> {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => (current(), hidden),
  );
}

/** What logs a purge (purgeErased's `log`): the `erased` entry of this device's access log (erasureEntry). */
export const erasureLogger = (session: AuditLogSession) => (erasure: PendingErasure) =>
  logAccess(session, erasureEntry(erasure.id));

/** Keeps the list of erasures current and purges what is executed: mounted once while the device is unlocked. */
export function useErasureWatcher(): void {
  const { device, store, staff } = useSession();
  useEffect(() => {
    let stopped = false;
    let running = false;
    const tick = async () => {
      if (running || stopped) return;
      running = true;
      try {
        const erasures = await staff.get<PendingErasure[]>(erasurePaths.pending);
        const { confirmed } = current();
        save({ erasures, confirmed });
        // RxDB's cleanup drops every tombstone, a local deletion not yet pushed included: purge only once every
        // change of this device has been sent.
        if (useSyncStatus.getState().pending > 0) return;
        const open = erasures.filter((erasure) => !confirmed.includes(erasure.id));
        const done = await purgeErased(
          store,
          open,
          (id) => staff.send('POST', erasurePaths.confirm(id), {}),
          erasureLogger(device.session),
          device.session.parked,
          (collection, ids) => device.session.forgetReplicated(collection, ids),
          // Counted again right before each cleanup: a deletion made during the purge is not swept away unsent.
          (collection) => device.session.unsentIn(collection),
        );
        if (done.length > 0)
          save({ erasures: current().erasures, confirmed: [...current().confirmed, ...done] });
      } catch {
        // Offline or the server refused: the next tick tries again; what is hidden stays hidden.
      } finally {
        running = false;
      }
    };
    void tick();
    const timer = setInterval(() => void tick(), REFRESH_MS);
    const sub = store.clients.$.subscribe(() => void tick());
    return () => {
      stopped = true;
      clearInterval(timer);
      sub.unsubscribe();
    };
  }, [device, store, staff]);
}

export const mayErase = (role: Role | undefined) => role !== undefined && can(role, 'eraseClients');

/** The erasure commands and reads of the admin (eraseClients). */
export function useErasureCommands() {
  const { staff } = useSession();
  return {
    schedule: async (request: ScheduleErasureRequest) => {
      const erasure = await staff.send<Erasure>('POST', erasurePaths.erasures, request);
      // A part of the client (its medical section, its passport) hides nobody: only the whole client's does.
      if (erasure.scope === undefined)
        hideClient({ id: erasure.id, clientId: erasure.clientId, dueAt: erasure.dueAt, executed: false });
      return erasure;
    },
    cancel: (id: string) => staff.send<Erasure>('POST', erasurePaths.cancel(id), {}),
    holds: (clientId: string) =>
      staff.get<LegalHold[]>(`${legalHoldPaths.holds}?clientId=${encodeURIComponent(clientId)}`),
    certificate: (id: string) => staff.get<ErasureCertificate>(erasurePaths.certificate(id)),
  };
}

/** Every erasure, newest first, with a reload. */
export function useErasures(): { erasures: Erasure[] | undefined; error?: string; reload(): void } {
  const { staff } = useSession();
  const [state, setState] = useState<{ erasures?: Erasure[]; error?: string }>({});
  const reload = useCallback(() => {
    staff
      .get<Erasure[]>(erasurePaths.erasures)
      .then((erasures) => setState({ erasures: [...erasures].reverse() }))
      .catch((error: unknown) => setState({ error: String((error as { reason?: string }).reason ?? error) }));
  }, [staff]);
  useEffect(reload, [reload]);
  return { erasures: state.erasures, ...(state.error ? { error: state.error } : {}), reload };
}
