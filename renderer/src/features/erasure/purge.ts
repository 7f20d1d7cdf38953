import { normalizeMangoQuery, prepareQuery, type RxCollection, type RxDocument } from 'rxdb';
import { ERASURE_REDUCERS, type PendingErasure } from '../../../../shared/domain/erasure';
import { sameDocument, SYNCED_COLLECTION_NAMES, type SyncedCollectionName } from '../../../../shared/index';
import { collectionRegistry } from '../../../../shared/sync/registry';
import type { LocalStore } from '../../store/local-store';
import type { ParkedChanges } from '../../sync/parked-changes';
import { deleteUnsendable, removeHeldRows, unsendable, type UnsentChanges } from './purge-held';

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
 * The erased clients of which the device still holds a row, not counting what the erasure keeps: the client itself,
 * or a trip, medical section, key wrap or consent (their stubs not pulled yet), or a request or provision record as
 * it was before it was reduced. Read after the cleanup, so a tombstone is not a row. One query per collection for
 * all the clients (a retention run purges a thousand at once; a query per client and collection took seconds).
 * `unsendable`: the rows among them that can never reach the server (their ids are not strict), by collection.
 */
export async function clientsWithRowsLeft(
  store: LocalStore,
  clientIds: readonly string[],
  unsendableRows?: Map<SyncedCollectionName, RxDocument<Record<string, unknown>>[]>,
): Promise<ReadonlySet<string>> {
  const left = new Set<string>();
  if (clientIds.length === 0) return left;
  for (const row of await store.clients.storageInstance.findDocumentsById([...clientIds], true))
    left.add(row.id);
  for (const name of ERASED_CLIENT_COLLECTIONS) {
    const collection = store[name] as unknown as RxCollection<Record<string, unknown>> | undefined;
    // A store opened with some collections only (openLocalStore's `only`) holds nothing in the others.
    if (!collection) continue;
    const rows = await collection.find({ selector: { clientId: { $in: [...clientIds] } } }).exec();
    const reduce = (ERASURE_REDUCERS as Partial<Record<string, (typeof ERASURE_REDUCERS)['requests']>>)[name];
    for (const row of rows) {
      const content = contentOf(row.toMutableJSON(true) as Record<string, unknown>);
      if (unsendableRows && unsendable(name, content)) {
        unsendableRows.set(name, [...(unsendableRows.get(name) ?? []), row]);
        left.add(String(content.clientId));
      } else if (!reduce || !sameDocument(reduce(content, Number(content.updatedAt)), content))
        left.add(String(content.clientId));
    }
  }
  return left;
}

/** Removes the replication's bookkeeping of purged documents, by collection (CollectionReplication.forget). */
export type ForgetReplicated = (collection: SyncedCollectionName, ids: readonly string[]) => Promise<unknown>;

/** The ids of a collection's tombstones (deleted rows RxDB keeps until its cleanup); only ids are clear at rest. */
async function tombstoneIds(collection: RxCollection): Promise<string[]> {
  const schema = collection.schema.jsonSchema;
  const query = normalizeMangoQuery(schema, { selector: { _deleted: { $eq: true } } as never });
  const { documents } = await collection.storageInstance.query(prepareQuery(schema, query));
  return documents.map((doc) => String((doc as Record<string, unknown>)[collection.schema.primaryPath]));
}

/**
 * Purges the executed erasures whose client's tombstone has arrived: every tombstone of every collection leaves
 * the store (the client's, its trips', medical section's, key wraps'...). A purge is logged and confirmed only once
 * no row of the client is left in any collection (`clientsWithRowsLeft`): the client's tombstone may arrive before the
 * stubs of its trips or key wraps, and the confirmation, on the certificate, says the device holds nothing of it.
 * The client's rows the server never stubs go here too: those held back as untrusted (quarantined, hidden from
 * every query; `removeHeldRows`) and those that can never be pushed (ids not strict; `deleteUnsendable`, confirmed
 * at a later purge). A held row that cannot be removed keeps the purge from confirming.
 * With `forget`, the replication's bookkeeping of every purged tombstone goes too (forget-meta.ts). With `unsent`,
 * each collection's unsent changes are counted right before its cleanup: a change made meanwhile (a local deletion
 * the cleanup would sweep away before it is sent) stops the purge until the next run. A collection without
 * tombstones is not cleaned up, so a purge that waits for stubs costs queries only. Returns the ids confirmed.
 */
export async function purgeErased(
  store: LocalStore,
  erasures: readonly PendingErasure[],
  confirm: (erasureId: string) => Promise<unknown>,
  log: (erasure: PendingErasure) => Promise<unknown>,
  parked?: Pick<ParkedChanges, 'forgetClient'>,
  forget?: ForgetReplicated,
  unsent?: UnsentChanges,
): Promise<string[]> {
  const due: PendingErasure[] = [];
  for (const erasure of erasures.filter((e) => e.executed)) {
    const [row] = await store.clients.storageInstance.findDocumentsById([erasure.clientId], true);
    if (!row || row._deleted) due.push(erasure);
  }
  if (due.length === 0) return [];
  for (const name of SYNCED_COLLECTION_NAMES) {
    const collection = store[name] as RxCollection | undefined;
    if (!collection) continue;
    const ids = await tombstoneIds(collection);
    if (ids.length === 0) continue;
    if (unsent && (await unsent(name)) > 0) return [];
    await collection.storageInstance.cleanup(0);
    if (forget) await forget(name, ids);
  }
  const clientIds = due.map((erasure) => erasure.clientId);
  const unsendableRows = new Map<SyncedCollectionName, RxDocument<Record<string, unknown>>[]>();
  const left = new Set(await clientsWithRowsLeft(store, clientIds, unsendableRows));
  await deleteUnsendable(store, unsendableRows);
  const names = ['clients', ...ERASED_CLIENT_COLLECTIONS] as const;
  for (const clientId of await removeHeldRows(store, names, clientIds, unsent, forget)) left.add(clientId);
  const done: string[] = [];
  for (const erasure of due) {
    if (left.has(erasure.clientId)) continue;
    parked?.forgetClient(erasure.clientId);
    await log(erasure);
    await confirm(erasure.id);
    done.push(erasure.id);
  }
  return done;
}
