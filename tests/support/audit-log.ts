import type { Sodium, StaffIdentity } from '../../shared/crypto/index';
import { EMPTY_CHAIN, chainNextEntry, type ChainHead } from '../../shared/crypto/audit-chain';
import type { AuditEvent, AuditEventKind } from '../../shared/domain/audit';

/** Deterministic entry ids for a device's chain: the device id's last 4 hex digits and the seq. */
export const entryIdOf = (deviceId: string, seq: number) =>
  `00000000-${deviceId.slice(-4)}-4000-8000-${String(seq).padStart(12, '0')}`;

/**
 * `count` chained, signed entries of `signer` (a device identity: staffId = the device id) after `start`, all
 * opening a medical section of `clientId` unless `kind` says otherwise.
 */
export function auditChainOf(
  sodium: Sodium,
  signer: StaffIdentity,
  count: number,
  options: {
    staffId: string;
    clientId?: string;
    start?: ChainHead;
    kind?: AuditEventKind;
    at?: number;
    assignedStaffIds?: string[];
    idOf?: (seq: number) => string;
  },
): { entries: AuditEvent[]; head: ChainHead } {
  const entries: AuditEvent[] = [];
  let head = options.start ?? EMPTY_CHAIN;
  for (let i = 0; i < count; i++) {
    const seq = head.seq + 1;
    const next = chainNextEntry(
      sodium,
      head,
      {
        id: (options.idOf ?? ((n) => entryIdOf(signer.staffId, n)))(seq),
        kind: options.kind ?? 'medical-unsealed',
        staffId: options.staffId,
        deviceId: signer.staffId,
        ...(options.clientId ? { clientId: options.clientId } : {}),
        fields: ['history', 'allergies'],
        at: (options.at ?? 1_790_000_000_000) + seq,
        assignedStaffIds: options.assignedStaffIds ?? [options.staffId],
      },
      signer,
    );
    entries.push(next.entry);
    head = next.head;
  }
  return { entries, head };
}
