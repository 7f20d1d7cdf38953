import { fillWithDefaultSettings, type RxDocumentData, type RxJsonSchema } from 'rxdb';
import type { QuarantineReason } from './quarantine';

/** The rows of a collection's sealed ledger (vault-ledger.ts): what each holds, and the shard of a row id. */

/**
 * A row as the ledger knows it: its revision, whether it is deleted, 1 if adopted from before revisions were bound,
 * and in a blind-indexed collection the bucket stored beside it (blind-index.ts), which is in clear and outside the
 * envelope, so the ledger is what finds it moved.
 */
export type Entry = [rev: string, deleted: 0 | 1, legacy?: 0 | 1, bucket?: string];

/** The stored bucket field of a blind-indexed collection, and the bucket a raw row's sealed value gives (if it opens). */
export interface LedgerBuckets {
  field: string;
  verify(raw: Record<string, unknown>): string | undefined;
}

export interface LedgerState {
  /** Every row of the collection, by id (of a shard: the rows of that shard). */
  revs: Record<string, Entry>;
  /** The rows of the write under way: accepted as well on open, in case the app stopped between the two writes. */
  pending: Record<string, Entry>;
}

/** A shard's sealed state, with the ledger's counter when it was written (which the head records). */
export type ShardState = LedgerState & { counter: number };

/** The head: the ledger's counter, and the counter at which each shard was last written (by shard row id). */
export interface HeadState {
  counter: number;
  shards: Record<string, number>;
}

/** Like every row of the vault store, the ledger's one row is an id and a sealed envelope (`_sealed`). */
export interface StateRow {
  id: string;
  _sealed: string;
}

/** The ledger's one row before it was sharded (read once, then replaced by the head and its shards). */
export const LEGACY_STATE_ID = 'state';
export const HEAD_ID = 'head';
/** The rows held in an earlier version of the collection, kept through its migration (KeptRows). */
export const KEPT_ID = 'kept';
export const SCAN_PAGE = 1000;
/**
 * The rows' revisions are kept in SHARDS sealed rows by a hash of the row id, so a write reseals only the shards
 * of the rows it writes, and the head (each shard's counter), not every row's revision: the access log of a
 * DPO's device holds some 100,000 rows, whose whole state took hundreds of milliseconds to seal per entry written
 * (docs/client-export.md, "Timing").
 */
export const LEDGER_SHARDS = 256;
export const SHARD_IDS = Array.from(
  { length: LEDGER_SHARDS },
  (_, n) => `s${n.toString(16).padStart(2, '0')}`,
);

/** The shard of a row id (FNV-1a): ids are in clear anyway; this only spreads them. */
export function shardOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % LEDGER_SHARDS;
}

export const stateSchema = fillWithDefaultSettings({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 16 }, _sealed: { type: 'string' } },
  required: ['id', '_sealed'],
} as RxJsonSchema<StateRow>) as RxJsonSchema<RxDocumentData<StateRow>>;

/**
 * Rows that were held (quarantined) in an earlier schema version of the collection when it was migrated: the
 * migration reads only trusted rows and then removes the old store, so each is kept here as it was on disk (none
 * for a missing row), by id, and reported at every open.
 */
export type KeptRows = Record<string, { version: number; reason: QuarantineReason; row?: unknown }>;
