import { useMemo } from 'react';
import {
  DELETED_PATH,
  pathKey,
  resolveConflict,
  type ConflictValue,
  type FieldConflict,
} from '../../../../shared/index';
import { describeStoreError } from '../../store/describe-store-error';
import type { LocalStore } from '../../store/local-store';
// The context alone: the session's index also starts sessions (the host bridge), which the tests do not load.
import { useSession } from '../../session/session-context';

/**
 * The conflicts feature's data layer: the only conflicts code that touches the local store (RxDB). A command takes
 * the store; screens reach it through `useConflictCommands()`, which binds the session's store. A resolution is an ordinary write to it, which syncs: the conflict closes on
 * every device. A failure answers the store's error code (describeStoreError's), never its message.
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
    return { ok: false, code: describeStoreError(cause) };
  }
}

/** The conflict commands bound to the open session's store: what the screens call. */
export interface ConflictCommands {
  chooseClientValue(
    clientId: string,
    conflict: FieldConflict,
    entry: ConflictValue,
  ): Promise<ConflictResolution>;
}

export function useConflictCommands(): ConflictCommands {
  const { store } = useSession();
  return useMemo(
    () => ({
      chooseClientValue: (clientId, conflict, entry) => chooseClientValue(store, clientId, conflict, entry),
    }),
    [store],
  );
}
