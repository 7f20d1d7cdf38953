import type { RxConflictHandler, WithDeleted } from 'rxdb';
import {
  sameDocument,
  type PushRow,
  type SyncedCollectionName,
  type WireDocument,
} from '../../../shared/index';
import { replicatedContent } from './conflict-handler';
import { isPermanentRefusal, type SyncHttpError } from './sync-errors';

/**
 * A push the server refuses for good (a 400, 403 or 409: the role may not, a rule says no) must not block the
 * collection's queue (issue 23, bug 1). The server rolls the whole push back and names the document its refusal is
 * about (PushRefusalAnswer.documentId); that document's change is parked, the rest is pushed again without it.
 * A refusal for the whole collection (`needs` = `write:<collection>`) parks every row of the push; a refusal naming
 * no document of the push (an older server, an invalid body) is narrowed down by pushing the rows one at a time.
 *
 * A parked row is answered to RxDB as a conflict whose server state is the one the device last had from the server
 * (its assumed master state; a deleted copy when the server never had the document), and the collection's conflict
 * handler takes that state (withParkedResets): the local document goes back to the server's version, so the devices
 * agree again, nothing is left pending, and the refused change itself lives on in the parked list (parked-changes.ts).
 */
export interface RefusedRow<T> {
  row: PushRow<T>;
  error: SyncHttpError;
  /**
   * A ledger's row (LEDGER_COLLECTIONS): kept on the device as written, never reset or deleted; the ledger stopped
   * at it (the server refused this row; `held` rows came after it and were not sent).
   */
  kept?: true;
}

/**
 * Ledgers: append-only records whose every row is evidence (the access log, a hash chain signed by the device). A
 * refused row is never reset or deleted on the device: it is kept as written, the rows after it are held (they
 * could not link), and the stop is told to the person (parked-changes.ts) and, by the server, to the DPO.
 * Consents and provisions are ledgers too but keep the generic path for now: their refusals (a withdrawal
 * another device already made) take the server's copy, which is the record.
 */
export const LEDGER_COLLECTIONS: ReadonlySet<SyncedCollectionName> = new Set(['auditEvents']);

/** The server states the conflict handler must take as they are, by document id (see withParkedResets). */
const resets = new Map<string, unknown>();

/**
 * The state a parked row's document goes back to: the server's, as the device last had it. For a client the server
 * says is erased (`client-erased`), that copy may still be the live one (the device edited the document while it
 * pulled the erasure's stubs, and RxDB moved past the stub it did not write over the edit): the document is deleted
 * instead, so nothing of the client stays alive on the device and its purge removes the rest.
 */
export function resetStateOf<T extends { id: string }>(
  row: PushRow<T>,
  error?: SyncHttpError,
): WireDocument<T> {
  if (error?.reason === 'client-erased') {
    return { ...(row.assumedMasterState ?? row.newDocumentState), _deleted: true };
  }
  return row.assumedMasterState ?? { ...row.newDocumentState, _deleted: true };
}

/**
 * Pushes `rows` with `send`, parking those the server refuses for good (told to `park`), and answers what RxDB
 * expects of a push handler: the conflicts, with each parked row's reset state among them.
 */
export async function pushParkingRefusals<T extends { id: string }>(
  name: SyncedCollectionName,
  rows: PushRow<T>[],
  send: (rows: PushRow<T>[]) => Promise<WireDocument<T>[]>,
  park: (refused: RefusedRow<T>[]) => void,
): Promise<WireDocument<T>[]> {
  const answers: WireDocument<T>[] = [];
  let queue = rows;
  while (queue.length > 0) {
    try {
      answers.push(...(await send(queue)));
      break;
    } catch (error) {
      if (!isPermanentRefusal(error)) throw error;
      const { documentId, needs } = error.refusal;
      const named = queue.filter((row) => row.newDocumentState.id === documentId);
      let refused: PushRow<T>[];
      if (queue.length === 1 || needs === `write:${name}`) refused = queue;
      else if (named.length > 0) refused = named;
      else {
        for (const row of queue) answers.push(...(await pushParkingRefusals(name, [row], send, park)));
        break;
      }
      if (LEDGER_COLLECTIONS.has(name)) {
        // The refused row and every row after it stay as they are: answered as written (no conflict), so RxDB
        // neither resets them nor sends them again; the rows before it are pushed again.
        const at = queue.indexOf(refused[0]!);
        const held = queue.slice(at);
        park(held.map((row) => ({ row, error, kept: true as const })));
        queue = queue.slice(0, at);
        continue;
      }
      park(refused.map((row) => ({ row, error })));
      for (const row of refused) {
        const reset = resetStateOf(row, error);
        resets.set(row.newDocumentState.id, reset);
        answers.push(reset);
      }
      queue = queue.filter((row) => !refused.includes(row));
    }
  }
  return answers;
}

/**
 * A push row that would change nothing: its new state is the state it assumes the server has (a parked row's reset
 * state, pushed again by RxDB after its conflict resolution). It is not sent; were the server to have moved on, the
 * next pull brings its state.
 */
export function changesNothing<T>(row: PushRow<T>): boolean {
  return row.assumedMasterState !== undefined && sameDocument(row.assumedMasterState, row.newDocumentState);
}

/** A collection's conflict handler that takes a parked row's reset state as it is, and merges everything else. */
export function withParkedResets<T>(handler: RxConflictHandler<T>): RxConflictHandler<T> {
  return {
    isEqual: handler.isEqual,
    async resolve(input, context) {
      const id = (input.newDocumentState as { id?: string }).id ?? '';
      const reset = resets.get(id);
      if (reset !== undefined && sameDocument(replicatedContent(input.realMasterState), reset)) {
        resets.delete(id);
        return input.realMasterState as WithDeleted<T>;
      }
      return handler.resolve(input, context);
    },
  };
}
