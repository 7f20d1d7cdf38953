import { openJson, sealJson, type Sodium } from '../../../shared/crypto/index';
import type { SyncedCollectionName } from '../../../shared/index';
import type { VaultKeyHolder } from '../store/vault-storage';
import type { RefusedRow } from './refusals';

/** Where the parked changes are kept: sealed with the vault key, so they survive a lock and are wiped with it. */
export const PARKED_CHANGES_STORAGE_KEY = 'lumina.parked-changes.v1';

/**
 * A change the server refused for good (refusals.ts), kept on this device until the person discards it: what they
 * wrote, what the server holds (the state the document went back to) and why it was refused. A local-only list, not
 * a collection (docs/data-model.md's budget): it is the device's own and is never synced.
 */
export interface ParkedChange {
  /** Unique in the list: the collection, the document and when it was parked. */
  key: string;
  collection: SyncedCollectionName;
  documentId: string;
  /** The refused state, as it was pushed. */
  refused: Record<string, unknown>;
  /** The server's state the document went back to; undefined when the server never had the document. */
  server: Record<string, unknown> | undefined;
  status: number;
  /** The server's reason code and, for a 403, what was needed (`write:clients`, `write:consents:ledger`...). */
  reason: string;
  needs?: string;
  parkedAt: number;
  /**
   * A ledger's record (refusals.ts, LEDGER_COLLECTIONS): kept on this device as written, never reset; the ledger
   * stopped at it. It cannot be discarded; `later` counts the records held after it since.
   */
  kept?: true;
  later?: number;
}

export function parkedChangeOf(
  collection: SyncedCollectionName,
  refusedRow: RefusedRow<{ id: string }>,
  now: number,
): ParkedChange {
  const { row, error } = refusedRow;
  const documentId = row.newDocumentState.id;
  const kept = (refusedRow as RefusedRow<{ id: string }>).kept;
  return {
    ...(kept ? { kept, later: 0 } : {}),
    key: `${collection}:${documentId}:${now}`,
    collection,
    documentId,
    refused: row.newDocumentState,
    server: row.assumedMasterState,
    status: error.status,
    reason: error.reason,
    ...(error.refusal.needs ? { needs: error.refusal.needs } : {}),
    parkedAt: now,
  };
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The parked changes of this device, sealed in local storage under the vault key. */
export class ParkedChanges {
  private listeners = new Set<(changes: ParkedChange[]) => void>();
  private changes: ParkedChange[];

  constructor(
    private readonly sodium: Sodium,
    private readonly vault: VaultKeyHolder,
    private readonly storage: Storage = localStorage,
  ) {
    this.changes = this.read();
  }

  list(): ParkedChange[] {
    return [...this.changes];
  }

  /**
   * Adds refused changes. A ledger's stop is told once: records refused after a kept one of the same collection
   * (they could not link) only count in its `later`.
   */
  park(changes: ParkedChange[]): void {
    if (changes.length === 0) return;
    const next = [...this.changes];
    for (const change of changes) {
      const at = change.kept ? next.findIndex((c) => c.kept && c.collection === change.collection) : -1;
      if (at >= 0) next[at] = { ...next[at]!, later: (next[at]!.later ?? 0) + 1 };
      else next.push(change);
    }
    this.changes = next;
    this.write();
  }

  /** Forgets a refused change; a ledger's kept record is never discarded (the ledger stopped at it). */
  discard(key: string): void {
    this.changes = this.changes.filter((change) => change.key !== key || change.kept);
    this.write();
  }

  /**
   * Forgets every refused change of an erased client (the client itself, or a document naming it): an erasure
   * leaves no copy behind, not even a refused edit. A ledger's kept record (ids only) stays.
   */
  forgetClient(clientId: string): void {
    const ofClient = (change: ParkedChange) =>
      (change.collection === 'clients' && change.documentId === clientId) ||
      change.refused.clientId === clientId;
    this.changes = this.changes.filter((change) => change.kept || !ofClient(change));
    this.write();
  }

  /** Told of the whole list now and after each change. */
  subscribe(listener: (changes: ParkedChange[]) => void): () => void {
    this.listeners.add(listener);
    listener(this.list());
    return () => this.listeners.delete(listener);
  }

  private context() {
    return { collection: 'lumina.parked-changes', documentId: 'device', fieldPath: 'changes' };
  }

  /** An absent or unreadable list reads as empty (a list altered on disk is not trusted). */
  private read(): ParkedChange[] {
    const sealed = this.storage.getItem(PARKED_CHANGES_STORAGE_KEY);
    if (!sealed) return [];
    try {
      return openJson<ParkedChange[]>(this.sodium, this.vault.vaultKey(), sealed, this.context());
    } catch {
      return [];
    }
  }

  private write(): void {
    if (this.changes.length === 0) this.storage.removeItem(PARKED_CHANGES_STORAGE_KEY);
    else {
      this.storage.setItem(
        PARKED_CHANGES_STORAGE_KEY,
        sealJson(this.sodium, this.vault.vaultKey(), this.changes, this.context()),
      );
    }
    const all = this.list();
    for (const listener of this.listeners) listener(all);
  }
}

/** Fields that are bookkeeping, not what a person wrote. */
const BOOKKEEPING = new Set([
  'id',
  '_deleted',
  'updatedAt',
  'fieldUpdatedAt',
  'assignedStaffIds',
  'clientId',
]);

/** A sealed field (field-envelope.ts): one long run of base64url and separators, never shown. */
const SEALED = /^[A-Za-z0-9_.:~-]{80,}$/;

/** A value as a person reads it: text as it is, anything else as compact JSON, sealed values not at all. */
function readable(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string' && SEALED.test(value)) return '…';
  if (typeof value === 'string') return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Each field the refused change sets differently from the server, flattened to a path ("names.latin"). */
export function changedFields(change: Pick<ParkedChange, 'refused' | 'server'>): {
  field: string;
  before: string;
  after: string;
}[] {
  const flat = (doc: Record<string, unknown> | undefined, prefix = ''): Map<string, unknown> => {
    const out = new Map<string, unknown>();
    for (const [key, value] of Object.entries(doc ?? {})) {
      if (!prefix && BOOKKEEPING.has(key)) continue;
      const path = prefix ? `${prefix}.${key}` : key;
      const nested = value !== null && typeof value === 'object' && !Array.isArray(value);
      if (nested) {
        for (const [k, v] of flat(value as Record<string, unknown>, path)) out.set(k, v);
      } else out.set(path, value);
    }
    return out;
  };
  const before = flat(change.server);
  const after = flat(change.refused);
  const fields = [...new Set([...before.keys(), ...after.keys()])].sort();
  return fields
    .map((field) => ({ field, before: readable(before.get(field)), after: readable(after.get(field)) }))
    .filter((row) => row.before !== row.after);
}
