import {
  type RxDocumentData,
  type RxStorage,
  type RxStorageInstance,
  type RxStorageInstanceCreationParams,
} from 'rxdb';
import { openJson, sealJson, type Sodium } from '../../../shared/crypto/index';
import type { QuarantineReason } from './quarantine';
import type { VaultKeyHolder } from './vault-key';
import {
  HEAD_ID,
  KEPT_ID,
  LEGACY_STATE_ID,
  SHARD_IDS,
  shardOf,
  stateSchema,
  type Entry,
  type HeadState,
  type KeptRows,
  type LedgerBuckets,
  type LedgerState,
  type ShardState,
  type StateRow,
} from './vault-ledger-rows';
import { scanRows } from './vault-ledger-scan';

export { LEDGER_SHARDS, shardOf, type KeptRows, type LedgerBuckets } from './vault-ledger-rows';

export interface LedgerCheck {
  ledger: VaultLedger;
  /** Rows that are not what the ledger recorded, and rows it recorded alive that are gone. */
  tampered: Map<string, QuarantineReason>;
  /** Rows held in an earlier version of the collection, kept through its migration. */
  kept: KeptRows;
}

/**
 * The sealed state of one collection of the local store (issue 22, finding 9; the anti-rollback state issue 19
 * asks for): the revision and deletion flag of every row, sealed under the vault key in a storage instance of its
 * own, rewritten before every write. Every row's envelope binds its id, revision and deletion flag, so a row can
 * only be replaced by an older genuine envelope of itself, whole; on open, every row is compared with the
 * ledger, which finds such a rollback, a row put back after its deletion, a flipped deletion flag and a row
 * deleted at rest. (A rollback of the whole store with its ledger at once needs a counter kept outside the store:
 * issue 19's keychain counter can seal `counter` here.)
 */
export class VaultLedger {
  private queue: Promise<unknown> = Promise.resolve();
  /** The ledger's rows as last written (head, shards, a legacy state row to delete), by id. */
  private readonly stored = new Map<string, RxDocumentData<StateRow>>();
  /** The head as on disk: its counter, and each shard's. Changed only once a write of them succeeded. */
  private shardCounters: Record<string, number> = {};
  counter = 0;
  /** Shards a failed write may have left unlike the head (or unwritten): sealed again with the next write. */
  private readonly dirty = new Set<number>();
  /** The rows of the write under way, from its first seal until it is recorded. */
  private writing: Record<string, Entry> = {};
  /** How many writes were recorded, and the number of the last one that wrote each row. */
  private recorded = 0;
  private readonly recordedAt = new Map<string, number>();

  private constructor(
    private readonly instance: RxStorageInstance<StateRow, unknown, unknown>,
    private readonly sodium: Sodium,
    private readonly keys: VaultKeyHolder,
    private readonly collection: string,
    private readonly revs: Record<string, Entry>,
  ) {
    for (const [id, entry] of Object.entries(revs)) {
      this.shardRevs[shardOf(id)]![id] = entry;
      this.indexBucket(id, entry);
    }
  }

  /** The ids of the rows recorded in each bucket (blind-indexed collections). */
  private readonly buckets = new Map<string, Set<string>>();

  private indexBucket(id: string, entry: Entry, previous?: Entry): void {
    if (previous?.[3] !== undefined && previous[3] !== entry[3]) this.buckets.get(previous[3])?.delete(id);
    if (entry[3] === undefined) return;
    let ids = this.buckets.get(entry[3]);
    if (!ids) this.buckets.set(entry[3], (ids = new Set()));
    ids.add(id);
  }

  /** The same entries as `revs`, by shard. */
  private readonly shardRevs: Record<string, Entry>[] = SHARD_IDS.map(() => ({}));

  private setRev(id: string, entry: Entry): void {
    this.indexBucket(id, entry, this.revs[id]);
    this.revs[id] = entry;
    this.shardRevs[shardOf(id)]![id] = entry;
  }

  static async open<Internals, Options>(args: {
    storage: RxStorage<Internals, Options>;
    params: RxStorageInstanceCreationParams<unknown, Options>;
    inner: RxStorageInstance<unknown, unknown, unknown>;
    primary: string;
    sodium: Sodium;
    keys: VaultKeyHolder;
    /** A blind-indexed collection's bucket: each row's is compared with the one recorded (or, unrecorded, opened). */
    buckets?: LedgerBuckets;
  }): Promise<LedgerCheck> {
    const { params, primary } = args;
    const instance = (await args.storage.createStorageInstance<StateRow>({
      ...(params as unknown as RxStorageInstanceCreationParams<StateRow, Options>),
      collectionName: `${params.collectionName}-${params.schema.version}-vault-ledger`,
      schema: stateSchema,
    })) as RxStorageInstance<StateRow, unknown, unknown>;
    const collection = `${params.databaseName}/${params.collectionName}/ledger`;
    const rows = new Map(
      (await instance.findDocumentsById([HEAD_ID, LEGACY_STATE_ID, KEPT_ID, ...SHARD_IDS], true)).map((r) => [
        r.id,
        r,
      ]),
    );
    // Deleted rows are no state, but a write over one needs it as its previous state.
    const live = (id: string) => rows.get(id)?._deleted === false;
    const openRow = <S>(id: string) =>
      openJson(args.sodium, args.keys.vaultKey(), rows.get(id)!._sealed, {
        collection,
        documentId: id,
        fieldPath: 'state',
      }) as S;
    let state: (LedgerState & { counter: number }) | undefined;
    let head: HeadState | undefined;
    if (live(HEAD_ID)) {
      head = openRow<HeadState>(HEAD_ID);
      state = { revs: {}, pending: {}, counter: head.counter };
      // Every shard must be the one the head recorded: shards of different times do not make a ledger.
      for (const [id, counter] of Object.entries(head.shards)) {
        const shard = live(id) ? openRow<ShardState>(id) : undefined;
        if (!shard || shard.counter !== counter)
          throw new Error(`the sealed state of ${params.collectionName} is not the one its head recorded`);
        Object.assign(state.revs, shard.revs);
        Object.assign(state.pending, shard.pending);
      }
    } else if (live(LEGACY_STATE_ID)) {
      state = openRow<LedgerState & { counter: number }>(LEGACY_STATE_ID);
    }

    const { revs, tampered, upgraded } = await scanRows(args.inner, primary, state, args.buckets);
    const ledger = new VaultLedger(instance, args.sodium, args.keys, collection, revs);
    for (const [id, row] of rows) ledger.stored.set(id, row);
    ledger.shardCounters = { ...(head?.shards ?? {}) };
    ledger.counter = state?.counter ?? 0;
    // Sealed again: every shard when the ledger was not sharded yet, else those whose state the open changed.
    const changed = new Set(
      head
        ? [...Object.keys(state!.pending), ...tampered.keys(), ...upgraded].map(shardOf)
        : Object.keys(revs).map(shardOf),
    );
    await ledger.persist({}, changed);
    const kept = live(KEPT_ID) ? openRow<KeptRows>(KEPT_ID) : {};
    ledger.kept = kept;
    return { ledger, tampered, kept };
  }

  /** Whether the row was adopted at the first open after an update, sealed before revisions were bound. */
  isLegacy(id: string, rev: string): boolean {
    const entry = this.revs[id];
    return entry !== undefined && entry[2] === 1 && entry[0] === rev;
  }

  /** The rows kept from earlier versions, as last sealed. */
  kept: KeptRows = {};

  /**
   * Keeps rows held in an earlier version of the collection (its migration is about to remove that version's
   * store), beside those kept before (or, `replace`, instead of them: a purge removed some): sealed in the ledger's
   * `kept` row.
   */
  keep(rows: KeptRows, replace = false): Promise<void> {
    const run = this.queue.then(async () => {
      const kept = replace ? rows : { ...this.kept, ...rows };
      const document: RxDocumentData<StateRow> = {
        id: KEPT_ID,
        _sealed: sealJson(this.sodium, this.keys.vaultKey(), kept, {
          collection: this.collection,
          documentId: KEPT_ID,
          fieldPath: 'state',
        }),
        _deleted: false,
        _rev: `${this.counter}-kept-${Object.keys(kept).length}`,
        _meta: { lwt: Date.now() },
        _attachments: {},
      };
      const previous = this.stored.get(KEPT_ID);
      const result = await this.instance.bulkWrite(
        [previous ? { previous, document } : { document }],
        'vault-ledger',
      );
      if (result.error.length > 0) {
        await this.reread().catch(() => undefined);
        throw new Error('the local store could not keep its held rows');
      }
      this.kept = kept;
      this.stored.set(KEPT_ID, document);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The bucket recorded for the row at that revision (blind-indexed collections), if any. */
  bucketOf(id: string, rev: string): string | undefined {
    const entry = this.revs[id];
    return entry?.[0] === rev ? entry[3] : undefined;
  }

  /**
   * The rows recorded alive in `bucket` that no write touched since `since` (the mark taken before a read of the
   * bucket): each should be in that read unless a clear condition of the query left it out.
   */
  aliveIn(bucket: string, since: number): string[] {
    const ids: string[] = [];
    for (const id of this.buckets.get(bucket) ?? []) {
      const entry = this.revs[id]!;
      if (
        entry[3] === bucket &&
        entry[1] === 0 &&
        !this.writing[id] &&
        (this.recordedAt.get(id) ?? 0) <= since
      )
        ids.push(id);
    }
    return ids;
  }

  /** To take before a read, for trusts() and vanished(): which writes the read may have missed. */
  get mark(): number {
    return this.recorded;
  }

  /**
   * Whether a row read while the session is open is the revision and deletion flag the ledger recorded (or those
   * of the write under way), so that a rollback or a put-back row made on disk during the session is found at the
   * next read, before it can be shown or pushed. `since`: the mark taken before the read; a row written since may
   * have been read in its previous state.
   */
  trusts(id: string, rev: string, deleted: boolean, since: number): boolean {
    return this.current(id, rev, deleted) || (this.recordedAt.get(id) ?? 0) > since;
  }

  /** Whether the state is the row's last recorded one, or the one the write under way writes. */
  current(id: string, rev: string, deleted: boolean): boolean {
    const flag = deleted ? 1 : 0;
    return [this.revs[id], this.writing[id]].some((e) => e !== undefined && e[0] === rev && e[1] === flag);
  }

  /** Whether a row the ledger holds alive, and no write touched since `since`, is missing from a read of it. */
  vanished(id: string, since: number): boolean {
    return this.revs[id]?.[1] === 0 && !this.writing[id] && (this.recordedAt.get(id) ?? 0) <= since;
  }

  /**
   * Runs a write of the collection: the ledger is sealed with the rows about to be written as pending first (so a
   * crash between the two writes is no false alarm), then the write runs, then the rows it wrote are recorded.
   * Writes are queued.
   */
  write<R extends { error: { documentId: string }[] }>(
    rows: { id: string; rev: string; deleted: boolean; bucket?: string }[],
    work: () => Promise<R>,
  ): Promise<R> {
    const shards = new Set(rows.map((row) => shardOf(row.id)));
    const run = this.queue.then(async () => {
      const pending: Record<string, Entry> = {};
      for (const row of rows)
        pending[row.id] =
          row.bucket === undefined
            ? [row.rev, row.deleted ? 1 : 0]
            : [row.rev, row.deleted ? 1 : 0, 0, row.bucket];
      this.writing = pending;
      try {
        await this.persist(pending, shards);
        const result = await work();
        const failed = new Set(result.error.map((error) => error.documentId));
        this.recorded += 1;
        for (const [id, entry] of Object.entries(pending)) {
          if (failed.has(id)) continue;
          this.setRev(id, entry);
          this.recordedAt.set(id, this.recorded);
        }
        return result;
      } catch (error) {
        // The write may have stored some of its rows: they are not judged until they are written again.
        for (const id of Object.keys(pending)) this.recordedAt.set(id, Number.POSITIVE_INFINITY);
        throw error;
      } finally {
        this.writing = {};
      }
    });
    // The rows written are recorded at once, but off the writer's path: until then (a crash in between), the rows
    // of this one write could be put back to their previous revision unnoticed.
    // A failed record leaves its shards dirty (sealed again by the next write), never a rejected queue.
    this.queue = run
      .catch(() => undefined)
      .then(() => this.persist({}, shards))
      .catch(() => undefined);
    return run;
  }

  /**
   * Seals `shards` (their rows' revisions and pending entries) and the head, in one write of the storage (one
   * IndexedDB transaction), so the head and its shards change together. A ledger row of the unsharded format
   * left from before is deleted in that write.
   */
  private async persist(pending: Record<string, Entry>, shards: ReadonlySet<number>): Promise<void> {
    // Computed here and kept only once the storage took the whole write: a failed write changes nothing in memory.
    const counter = this.counter + 1;
    const shardCounters = { ...this.shardCounters };
    const written = new Set([...shards, ...this.dirty]);
    const key = this.keys.vaultKey();
    const row = (id: string, state: unknown, deleted = false): RxDocumentData<StateRow> => ({
      id,
      _sealed: sealJson(this.sodium, key, state, {
        collection: this.collection,
        documentId: id,
        fieldPath: 'state',
      }),
      _deleted: deleted,
      _rev: `${counter}-ledger`,
      _meta: { lwt: Date.now() },
      _attachments: {},
    });
    const documents: RxDocumentData<StateRow>[] = [];
    for (const shard of written) {
      const id = SHARD_IDS[shard]!;
      const shardPending: Record<string, Entry> = {};
      for (const [rowId, entry] of Object.entries(pending))
        if (shardOf(rowId) === shard) shardPending[rowId] = entry;
      const state: ShardState = { revs: this.shardRevs[shard]!, pending: shardPending, counter };
      documents.push(row(id, state));
      shardCounters[id] = counter;
    }
    const head: HeadState = { counter, shards: shardCounters };
    documents.push(row(HEAD_ID, head));
    const legacy = this.stored.get(LEGACY_STATE_ID);
    if (legacy && !legacy._deleted) documents.push(row(LEGACY_STATE_ID, {}, true));
    let failed: unknown;
    try {
      const result = await this.instance.bulkWrite(
        documents.map((document) => {
          const previous = this.stored.get(document.id);
          return previous ? { previous, document } : { document };
        }),
        'vault-ledger',
      );
      if (result.error.length > 0) failed = new Error('the local store could not record its sealed state');
    } catch (error) {
      failed = error;
    }
    if (failed !== undefined) {
      // Part of it may be on disk (the storage refuses each row apart): what is there is read again, and these
      // shards are written again, with the head, by the next write.
      for (const shard of written) this.dirty.add(shard);
      await this.reread().catch(() => undefined);
      throw failed;
    }
    this.counter = counter;
    this.shardCounters = shardCounters;
    this.dirty.clear();
    for (const document of documents) this.stored.set(document.id, document);
  }

  /** The ledger's rows as on disk now (after a failed write): the previous states of the next write, and the head. */
  private async reread(): Promise<void> {
    const rows = await this.instance.findDocumentsById(
      [HEAD_ID, LEGACY_STATE_ID, KEPT_ID, ...SHARD_IDS],
      true,
    );
    this.stored.clear();
    for (const row of rows) this.stored.set(row.id, row);
    const head = this.stored.get(HEAD_ID);
    if (!head || head._deleted) return;
    const state = openJson(this.sodium, this.keys.vaultKey(), head._sealed, {
      collection: this.collection,
      documentId: HEAD_ID,
      fieldPath: 'state',
    }) as HeadState;
    this.counter = Math.max(this.counter, state.counter);
    this.shardCounters = state.shards;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.instance.close();
  }

  async remove(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.instance.remove();
  }
}
