import type { RxCollection } from 'rxdb';
import { loadSodium, wipeIdentity, type StaffIdentity } from '../../../../shared/crypto/index';
import {
  EMPTY_CHAIN,
  auditEntryHash,
  chainNextEntry,
  type ChainHead,
} from '../../../../shared/crypto/audit-chain';
import {
  AUDIT_SEQ_MAX,
  auditInputProblem,
  type AuditEntryInput,
  type AuditEvent,
} from '../../../../shared/domain/audit';

/**
 * The device's access log (issue 18): `logAccess(session, entry)` appends one entry to this device's chain,
 * signed by the device (docs/crypto-spec.md, "Access log"), to the local store; replication carries it to the
 * server, which checks the link. Call it where the action happens, before showing anything sensitive:
 *
 *   await logAccess(session, { kind: 'trip-medical-opened', clientId, fields: ['medicalNotes'] }, assignees);
 *
 * Entries of one device are chained in the order logAccess is called (calls are queued). Names only in `fields`
 * and `target`, never a value.
 */
export interface AuditLogSession {
  store: { auditEvents: RxCollection<AuditEvent> };
  staffId: string;
  deviceId: string;
  /** This device's private keys (staffId = the device id), a fresh copy per call; throws when locked. */
  deviceKeys(): StaffIdentity;
}

export interface LogOptions {
  /** The client's assignees when the entry is about a client (sync scope); else the actor alone. */
  assignedStaffIds?: readonly string[];
  now?: () => number;
  newId?: () => string;
}

/** Per store: the chain head, behind the queue of entries being written. */
const chains = new WeakMap<RxCollection<AuditEvent>, Promise<ChainHead>>();

/**
 * The device's last entry in the store. Found by galloping over (deviceId, seq) with queries of one row each, in
 * the index's order: a descending sort is not the index's order, so the storage would read (and the vault open)
 * every entry of the device to sort them, which on a DPO's device is most of a 100,000-entry log.
 */
async function storedHead(collection: RxCollection<AuditEvent>, deviceId: string): Promise<ChainHead> {
  const firstFrom = (seq: number) =>
    seq > AUDIT_SEQ_MAX
      ? Promise.resolve(null)
      : collection
          .findOne({
            selector: { deviceId, seq: { $gte: seq } },
            sort: [{ deviceId: 'asc' }, { seq: 'asc' }],
          })
          .exec();
  let last = await firstFrom(1);
  if (!last) return EMPTY_CHAIN;
  // An entry from last.seq + step on: take it and double the step; none: halve it, until none follows last.
  for (let step = 1; ;) {
    const next = await firstFrom(last.seq + step);
    if (next) {
      last = next;
      step *= 2;
    } else if (step === 1) break;
    else step /= 2;
  }
  return { seq: last.seq, hash: auditEntryHash(await loadSodium(), last.toJSON() as AuditEvent) };
}

/**
 * Runs `step` on this device's chain head behind every entry being written (logAccess, a resume): `step` writes
 * what it appends and answers the new head. A failed step leaves the head where the store has it.
 */
export function withChainHead<T>(
  session: Pick<AuditLogSession, 'store' | 'deviceId'>,
  step: (head: ChainHead) => Promise<{ head: ChainHead; result: T }>,
): Promise<T> {
  const collection = session.store.auditEvents;
  const previous = chains.get(collection) ?? storedHead(collection, session.deviceId);
  const written = previous.then(step);
  chains.set(
    collection,
    written.then(
      (next) => next.head,
      () => storedHead(collection, session.deviceId),
    ),
  );
  return written.then((next) => next.result);
}

export function logAccess(
  session: AuditLogSession,
  input: AuditEntryInput,
  options: LogOptions = {},
): Promise<AuditEvent> {
  const problem = auditInputProblem(input);
  if (problem) return Promise.reject(new RangeError(`not a loggable entry: ${problem}`));
  const collection = session.store.auditEvents;
  return withChainHead(session, async (head) => {
    const sodium = await loadSodium();
    const keys = session.deviceKeys();
    let next: { entry: AuditEvent; head: ChainHead };
    try {
      next = chainNextEntry(
        sodium,
        head,
        {
          id: (options.newId ?? (() => globalThis.crypto.randomUUID()))(),
          kind: input.kind,
          staffId: session.staffId,
          deviceId: session.deviceId,
          ...(input.clientId !== undefined ? { clientId: input.clientId } : {}),
          fields: [...input.fields],
          ...(input.target !== undefined ? { target: input.target } : {}),
          at: (options.now ?? Date.now)(),
          assignedStaffIds: [
            ...new Set(
              input.clientId !== undefined && options.assignedStaffIds
                ? options.assignedStaffIds
                : [session.staffId],
            ),
          ],
        },
        keys,
      );
    } finally {
      wipeIdentity(sodium, keys);
    }
    await collection.insert(next.entry);
    return { head: next.head, result: next.entry };
  });
}
