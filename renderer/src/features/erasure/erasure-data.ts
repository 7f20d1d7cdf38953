import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { RxCollection } from 'rxdb';
import {
  ERASURE_REDUCERS,
  erasurePaths,
  type Erasure,
  type ErasureCertificate,
  type PendingErasure,
  type ScheduleErasureRequest,
} from '../../../../shared/domain/erasure';
import {
  can,
  legalHoldPaths,
  sameDocument,
  SYNCED_COLLECTION_NAMES,
  type LegalHold,
  type Role,
} from '../../../../shared/index';
import { collectionRegistry } from '../../../../shared/sync/registry';
import { erasureEntry } from '../../../../shared/domain/audit-entries';
import { logAccess, type AuditLogSession } from '../../core/audit/log-access';
import type { LocalStore } from '../../store/local-store';
import type { ParkedChanges } from '../../sync/parked-changes';
import { useSession } from '../../session/index';
import { useSyncStatus } from '../../state/sync-status';

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

/**
 * The collections holding rows of a client (by `clientId`) that its erasure removes from a device, or reduces (the
 * request register and the law's provision records, `ERASURE_REDUCERS`). Not the access log, which names the
 * client by id only and is kept (docs/erasure.md).
 */
export const ERASED_CLIENT_COLLECTIONS = SYNCED_COLLECTION_NAMES.filter(
  (name) => name !== 'auditEvents' && 'clientId' in collectionRegistry[name].schema.properties,
);

/** RxDB's bookkeeping on a stored row: not the replicated content. */
function contentOf(row: Record<string, unknown>): Record<string, unknown> {
  const { _meta, _rev, _attachments, _deleted, ...content } = row;
  void _meta;
  void _rev;
  void _attachments;
  void _deleted;
  return content;
}

/**
 * Whether the device still holds a row of the erased client, not counting what the erasure keeps: the client
 * itself, or a trip, medical section, key wrap or consent (their stubs not pulled yet), or a request as it was
 * before it was reduced. Read after the cleanup, so a tombstone is not a row.
 */
export async function clientRowsLeft(store: LocalStore, clientId: string): Promise<boolean> {
  const [client] = await store.clients.storageInstance.findDocumentsById([clientId], true);
  if (client) return true;
  for (const name of ERASED_CLIENT_COLLECTIONS) {
    const collection = store[name] as unknown as RxCollection<Record<string, unknown>>;
    const rows = await collection.find({ selector: { clientId } }).exec();
    const reduce = (ERASURE_REDUCERS as Partial<Record<string, (typeof ERASURE_REDUCERS)['requests']>>)[name];
    const left = rows.filter((row) => {
      const content = contentOf(row.toMutableJSON(true) as Record<string, unknown>);
      return !reduce || !sameDocument(reduce(content, Number(content.updatedAt)), content);
    });
    if (left.length > 0) return true;
  }
  return false;
}

/**
 * Purges the executed erasures whose client's tombstone has arrived: every tombstone of every collection leaves
 * the store (the client's, its trips', medical section's, key wraps'...). A purge is logged and confirmed only once
 * no row of the client is left in any collection (`clientRowsLeft`): the client's tombstone may arrive before the
 * stubs of its trips or key wraps, and the confirmation, on the certificate, says the device holds nothing of it.
 * Returns the ids confirmed.
 */
export async function purgeErased(
  store: LocalStore,
  erasures: readonly PendingErasure[],
  confirm: (erasureId: string) => Promise<unknown>,
  log: (erasure: PendingErasure) => Promise<unknown>,
  parked?: Pick<ParkedChanges, 'forgetClient'>,
): Promise<string[]> {
  const due: PendingErasure[] = [];
  for (const erasure of erasures.filter((e) => e.executed)) {
    const [row] = await store.clients.storageInstance.findDocumentsById([erasure.clientId], true);
    if (!row || row._deleted) due.push(erasure);
  }
  if (due.length === 0) return [];
  for (const name of SYNCED_COLLECTION_NAMES) await store[name].storageInstance.cleanup(0);
  const done: string[] = [];
  for (const erasure of due) {
    if (await clientRowsLeft(store, erasure.clientId)) continue;
    parked?.forgetClient(erasure.clientId);
    await log(erasure);
    await confirm(erasure.id);
    done.push(erasure.id);
  }
  return done;
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
