/**
 * Before the field merge of a trip (shared/sync/merge.ts), where the items are one field: the device's list with
 * each item it did not change since the base replaced by the server's version of that item. A clash on the list
 * then shows only what the device really changed, and the competing list carries no stale version of an item the
 * device never touched — in particular not a medical item's old envelope, which the server would take for medical
 * details written anew and refuse once the consent is withdrawn (trip-push-rule.ts; session review, finding 2).
 */
import { sameDocument } from './canonical';

type Item = Record<string, unknown> & { id?: unknown };
type Doc = Record<string, unknown>;

const itemsOf = (doc: Doc | undefined): Item[] | undefined =>
  Array.isArray(doc?.items) ? (doc.items as Item[]) : undefined;

export function withServerItemsKept<T extends Doc>(base: T | undefined, local: T, remote: T): T {
  const baseItems = itemsOf(base);
  const localItems = itemsOf(local);
  const remoteItems = itemsOf(remote);
  if (!baseItems || !localItems || !remoteItems) return local;
  const byId = (items: Item[]) => new Map(items.map((item) => [item.id, item]));
  const baseById = byId(baseItems);
  const remoteById = byId(remoteItems);
  let changed = false;
  const items = localItems.map((item) => {
    const before = baseById.get(item.id);
    const now = remoteById.get(item.id);
    if (!before || !now || !sameDocument(before, item) || sameDocument(item, now)) return item;
    changed = true;
    return now;
  });
  return changed ? { ...local, items } : local;
}
