import { loadSodium, wipeIdentity } from '../../../../shared/crypto/index';
import {
  auditEntryHash,
  signAuditEntry,
  verifyAuditSignature,
  type ChainHead,
  type UnsignedAuditEntry,
} from '../../../../shared/crypto/audit-chain';
import { RESUME_KIND, type AuditEvent } from '../../../../shared/domain/audit';
import type { AuditOwnChain } from '../../../../shared/domain/audit-api';
import { withChainHead, type AuditLogSession } from './log-access';

/**
 * Resuming this device's access log after the server refused one of its entries (docs/crypto-spec.md, "Resuming a
 * stopped chain"). The refused entry and every later one stay on the device as written; the device appends a
 * resume entry that links to the head the server holds, numbered past everything it wrote and naming the refused
 * entry, then copies of the later entries (each one's own content and device time, chained anew), so that what
 * was done after the refusal reaches the log. The server accepts a resume only for a refusal it recorded.
 *
 * The device resumes only from a head it wrote itself: the server's head must be one of this device's entries,
 * and no entry of this device may lie between that head and the refused one (else the server lost entries it had
 * accepted: the log was cut short there, and resuming would paper over it).
 */
export type ResumeOutcome =
  /** Nothing stopped, or the stop is already answered by a resume on this device. */
  | 'none'
  | 'resumed'
  /** This device's entries between the server's head and the refusal are maybe not pushed yet: try again later. */
  | 'behind'
  /** The server's head or refused entry is not one this device wrote: not resumed (the DPO sees the stop). */
  | 'refused';

export async function resumeStoppedChain(
  session: AuditLogSession,
  own: AuditOwnChain,
  options: { now?: () => number; newId?: () => string } = {},
): Promise<{ outcome: ResumeOutcome; appended: AuditEvent[] }> {
  const { stop, head: serverHead } = own;
  if (!stop) return { outcome: 'none', appended: [] };
  const collection = session.store.auditEvents;
  return withChainHead<{ outcome: ResumeOutcome; appended: AuditEvent[] }>(session, async (localHead) => {
    const unchanged = (outcome: ResumeOutcome) => ({
      head: localHead,
      result: { outcome, appended: [] as AuditEvent[] },
    });
    const sodium = await loadSodium();
    const refusedDoc = await collection.findOne(stop.entryId).exec();
    const refused = refusedDoc?.toJSON() as AuditEvent | undefined;
    if (!refused || refused.deviceId !== session.deviceId) return unchanged('refused');
    const from = Math.min(serverHead.seq, refused.seq - 1);
    const tail = (
      await collection.find({ selector: { deviceId: session.deviceId, seq: { $gt: from } } }).exec()
    )
      .map((doc) => doc.toJSON() as AuditEvent)
      .sort((a, b) => a.seq - b.seq);
    if (tail.some((e) => e.kind === RESUME_KIND && e.target === stop.entryId)) return unchanged('none');
    if (serverHead.seq > 0) {
      const mine = await collection
        .findOne({ selector: { deviceId: session.deviceId, seq: serverHead.seq } })
        .exec();
      if (!mine || auditEntryHash(sodium, mine.toJSON() as AuditEvent) !== serverHead.hash)
        return unchanged('refused');
    }
    if (tail.some((e) => e.seq > serverHead.seq && e.seq < refused.seq)) return unchanged('behind');
    // The entries after the refused one, as long as each is this device's, signed and linked to the one before.
    const keys = session.deviceKeys();
    try {
      const held: AuditEvent[] = [];
      let previous = refused;
      for (const entry of tail.filter((e) => e.seq > refused.seq)) {
        const links =
          entry.seq === previous.seq + 1 &&
          entry.prevHash === auditEntryHash(sodium, previous) &&
          verifyAuditSignature(sodium, entry, keys.signPublicKey);
        if (!links || entry.kind === RESUME_KIND) break;
        held.push(entry);
        previous = entry;
      }
      const newId = options.newId ?? (() => globalThis.crypto.randomUUID());
      const now = (options.now ?? Date.now)();
      let head: ChainHead = serverHead;
      const appended: AuditEvent[] = [];
      const append = (unsigned: Omit<UnsignedAuditEntry, 'prevHash'>) => {
        const entry = signAuditEntry(sodium, { ...unsigned, prevHash: head.hash }, keys);
        head = { seq: entry.seq, hash: auditEntryHash(sodium, entry) };
        appended.push(entry);
      };
      append({
        id: newId(),
        kind: RESUME_KIND,
        staffId: session.staffId,
        deviceId: session.deviceId,
        fields: [],
        target: stop.entryId,
        at: now,
        seq: Math.max(localHead.seq, serverHead.seq, tail.at(-1)?.seq ?? 0) + 1,
        assignedStaffIds: [session.staffId],
      });
      for (const entry of held) {
        append({
          id: newId(),
          kind: entry.kind,
          staffId: entry.staffId,
          deviceId: entry.deviceId,
          ...(entry.clientId !== undefined ? { clientId: entry.clientId } : {}),
          fields: [...entry.fields],
          ...(entry.target !== undefined ? { target: entry.target } : {}),
          at: entry.at,
          seq: head.seq + 1,
          assignedStaffIds: [...entry.assignedStaffIds],
        });
      }
      for (const entry of appended) await collection.insert(entry);
      return { head, result: { outcome: 'resumed' as ResumeOutcome, appended } };
    } finally {
      wipeIdentity(sodium, keys);
    }
  });
}

/** How long the device waits before it asks the server again after a refusal (its own pushes may be under way). */
const RESUME_DELAYS_MS = [2_000, 10_000, 60_000, 300_000];

/**
 * What the session calls when the server refuses one of its access-log entries: asks the server for its chain
 * (`fetchOwn`) and resumes it, again later while its own earlier entries may still be on their way ('behind').
 * Answers the function to call on each refusal; calls while one is running or waiting are merged.
 */
export function chainResumer(
  session: AuditLogSession,
  fetchOwn: () => Promise<AuditOwnChain>,
  onOutcome: (outcome: ResumeOutcome) => void = () => undefined,
): () => void {
  let running = false;
  const attempt = async (tries: number): Promise<void> => {
    await new Promise((resolve) => setTimeout(resolve, RESUME_DELAYS_MS[tries]));
    let outcome: ResumeOutcome;
    try {
      outcome = (await resumeStoppedChain(session, await fetchOwn())).outcome;
    } catch {
      outcome = 'behind';
    }
    onOutcome(outcome);
    if (outcome === 'behind' && tries + 1 < RESUME_DELAYS_MS.length) return attempt(tries + 1);
  };
  return () => {
    if (running) return;
    running = true;
    void attempt(0).finally(() => {
      running = false;
    });
  };
}
