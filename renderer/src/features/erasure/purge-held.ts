import type { RxCollection, RxDocument } from 'rxdb';
import type { SyncedCollectionName } from '../../../../shared/index';
import { collectionRegistry } from '../../../../shared/sync/registry';
import { heldRowsOf } from '../../store/held-rows';
import type { LocalStore } from '../../store/local-store';
import { strictIdsCheck } from '../../sync/strict-ids';

/**
 * How many changes of a collection the server has not acknowledged yet (Session.unsentIn), counted right before
 * a step of the purge that would sweep them away (RxDB's cleanup drops every tombstone, an unsent deletion too).
 */
export type UnsentChanges = (collection: SyncedCollectionName) => Promise<number>;

type Rows = RxCollection<Record<string, unknown>>;

const strictIds = new Map<string, (doc: unknown) => boolean>();

/**
 * Whether a row can never reach the server (its ids are not strict UUIDs, strict-ids.ts): the device never pushes
 * it, so the erasure never stubs it; it is the client's all the same, and the purge deletes it (review17-s7 M4).
 */
export function unsendable(name: SyncedCollectionName, content: Record<string, unknown>): boolean {
  let check = strictIds.get(name);
  if (!check) strictIds.set(name, (check = strictIdsCheck(collectionRegistry[name].schema)));
  return !check(content);
}

/**
 * Deletes rows that can never reach the server, as their content-free stub (`removedStub`: nothing of the client
 * is left in the tombstone, nor in the state the replication records when its push leaves the row out). The
 * tombstone goes at a later purge, once that push has been through (it is unsent until then).
 */
export async function deleteUnsendable(
  store: LocalStore,
  rows: ReadonlyMap<SyncedCollectionName, RxDocument<Record<string, unknown>>[]>,
): Promise<void> {
  const at = Date.now();
  for (const [name, docs] of rows) {
    const collection = store[name] as unknown as Rows;
    await collection.storageInstance.bulkWrite(
      docs.map((doc) => ({
        previous: doc.toMutableJSON(true) as never,
        document: {
          ...collectionRegistry[name].removedStub(doc.primary, at),
          _deleted: true,
          _attachments: {},
          _meta: { lwt: 0 },
          _rev: '',
        } as never,
      })),
      'lumina-purge',
    );
  }
}

/**
 * Removes the erased clients' rows the store holds back as untrusted (quarantined: unreadable, rolled back or put
 * back on disk; kept from an earlier version), which every query leaves out: their `clientId` (the client's own
 * row: its id) is clear at rest, so they are found and deleted raw (held-rows.ts). Runs only while the collection
 * has no unsent change (the removal cleans up the storage's tombstones). Returns the clients of which a held row is
 * still on the device: its removal failed, or waits for an unsent change.
 */
export async function removeHeldRows(
  store: LocalStore,
  names: readonly SyncedCollectionName[],
  clientIds: readonly string[],
  unsent?: UnsentChanges,
  forget?: (collection: SyncedCollectionName, ids: readonly string[]) => Promise<unknown>,
): Promise<Set<string>> {
  const left = new Set<string>();
  for (const name of names) {
    const collection = store[name] as RxCollection | undefined;
    const held = collection && heldRowsOf(collection.storageInstance);
    if (!held) continue;
    const found = await held.find(name === 'clients' ? 'id' : 'clientId', clientIds);
    if (found.length === 0) continue;
    const removed = unsent && (await unsent(name)) > 0 ? [] : await held.remove(found.map((row) => row.id));
    for (const row of found) if (!removed.includes(row.id)) left.add(row.value);
    // The replication's bookkeeping of them goes as a purged tombstone's does (a tombstone's state only).
    if (forget && removed.length > 0) await forget(name, removed);
  }
  return left;
}
