import {
  DELETED_PATH,
  pathKey,
  resolveConflict,
  type ConflictValue,
  type FieldConflict,
} from '../../../../shared/index';
import type { LocalStore } from '../../store/local-store';

/**
 * The conflicts feature's data: the only conflicts code that touches RxDB. A resolution is an ordinary write to
 * the local store, which syncs it: the conflict closes on every device.
 */
export type ConflictResolution = { ok: true } | { ok: false; code: string };

/**
 * Keeps one of a field's competing values on a client. For the deletion flag, choosing "deleted" also removes the
 * client, once the conflict is closed. A client no longer in the store is left as it is.
 */
export async function chooseClientValue(
  store: LocalStore,
  clientId: string,
  conflict: FieldConflict,
  entry: ConflictValue,
): Promise<ConflictResolution> {
  try {
    const doc = await store.clients.findOne(clientId).exec();
    if (!doc) return { ok: true };
    const deleting = pathKey(conflict.path) === pathKey(DELETED_PATH);
    const updated = await doc.incrementalModify((data) =>
      resolveConflict(data, conflict.path, deleting ? false : entry.value, Date.now()),
    );
    if (deleting && entry.value === true) await updated.remove();
    return { ok: true };
  } catch (cause) {
    // RxDB's messages carry the document; show only its error code.
    const code = (cause as { code?: unknown } | undefined)?.code;
    return { ok: false, code: typeof code === 'string' ? code : 'unknown' };
  }
}
