import type { AuditExportEnd } from '../../../../shared/crypto/audit-verify';
import type { AuditEvent } from '../../../../shared/domain/audit';

/** The entries an export ends with: every legacy one, and each device's chain up to the head the end names. */
export function cutAtEnd(entries: readonly AuditEvent[], end: AuditExportEnd): AuditEvent[] {
  const heads = new Map(end.checkpoint.heads.map((head) => [head.deviceId, head.seq]));
  // A chain the retention job pruned starts after its signed start: this copy may still hold the entries before.
  const starts = new Map((end.checkpoint.starts ?? []).map((start) => [start.deviceId, start.seq]));
  // Each device's entries in chain order; legacy entries first.
  return entries
    .filter(
      (e) => e.legacy || (e.seq <= (heads.get(e.deviceId) ?? 0) && e.seq > (starts.get(e.deviceId) ?? 0)),
    )
    .sort((a, b) => a.seq - b.seq || a.at - b.at);
}

/**
 * Whether `entries` (cut at the end) hold every device's chain up to its head: its entry at the head's seq (a
 * resumed chain skips seqs, so a count would not say; entries arrive in the server's order, so the head comes last).
 */
export function reachesEnd(entries: readonly AuditEvent[], end: AuditExportEnd): boolean {
  const last = new Map<string, number>();
  for (const e of entries) if (!e.legacy) last.set(e.deviceId, Math.max(last.get(e.deviceId) ?? 0, e.seq));
  return end.checkpoint.heads.every((head) => last.get(head.deviceId) === head.seq);
}
