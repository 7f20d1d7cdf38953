import type { Sodium, StaffIdentity } from '../../../../shared/crypto/index';
import type { AuditEvent } from '../../../../shared/domain/audit';
import {
  checkpointLink,
  verifyAuditExport,
  type AuditExport,
  type AuditExportEnd,
  type AuditVerification,
  type AuditWitness,
} from '../../../../shared/crypto/audit-verify';
import {
  asciiBytes,
  decodeBase64Url,
  frame,
  toBase64Url,
  utf8Encode,
} from '../../../../shared/crypto/encoding';

/**
 * The console's own witness of the log (issue 18, second review): after a verification that holds, this device
 * keeps the export end's checkpoint (number and digest), signed with its own device key, in local storage. The next
 * verification requires the server's log to still hold that checkpoint unchanged: a log cut before it (its tail
 * deleted, its checkpoints re-signed from an earlier one) is reported, which the server's own end cannot show.
 */
export const AUDIT_WITNESS_STORAGE_KEY = 'lumina.audit-witness.v1';
const WITNESS_LABEL = asciiBytes('lumina.audit-witness.v1');

export interface KeptWitness {
  checkpoint: AuditWitness;
  /** When the checkpoint was signed (the end's `at`), and how many entries the verified log held. */
  at: number;
  entries: number;
}

export type WitnessState =
  | { state: 'none' }
  | { state: 'kept'; witness: KeptWitness }
  /** What local storage holds is not signed by this device: someone altered it. */
  | { state: 'altered' };

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;
type DeviceKeys = Pick<StaffIdentity, 'staffId' | 'signPublicKey' | 'signSecretKey'>;

const signedBytes = (sodium: Sodium, deviceId: string, witness: KeptWitness) =>
  frame([
    WITNESS_LABEL,
    utf8Encode(
      sodium,
      JSON.stringify([
        deviceId,
        witness.checkpoint.id,
        witness.checkpoint.digest,
        witness.at,
        witness.entries,
      ]),
    ),
  ]);

export function readWitness(sodium: Sodium, keys: DeviceKeys, storage: Storage = localStorage): WitnessState {
  const text = storage.getItem(`${AUDIT_WITNESS_STORAGE_KEY}:${keys.staffId}`);
  if (!text) return { state: 'none' };
  try {
    const { witness, signature } = JSON.parse(text) as { witness: KeptWitness; signature: string };
    const bytes = decodeBase64Url(signature);
    const holds =
      !!bytes &&
      bytes.length === 64 &&
      sodium.crypto_sign_verify_detached(
        bytes,
        signedBytes(sodium, keys.staffId, witness),
        keys.signPublicKey,
      );
    return holds ? { state: 'kept', witness } : { state: 'altered' };
  } catch {
    return { state: 'altered' };
  }
}

export function keepWitness(
  sodium: Sodium,
  keys: DeviceKeys,
  witness: KeptWitness,
  storage: Storage = localStorage,
): void {
  const signature = sodium.crypto_sign_detached(
    signedBytes(sodium, keys.staffId, witness),
    keys.signSecretKey,
  );
  storage.setItem(
    `${AUDIT_WITNESS_STORAGE_KEY}:${keys.staffId}`,
    JSON.stringify({ witness, signature: toBase64Url(signature) }),
  );
}

/** A device's chain as this device's synced copy holds it, beyond where the server's log now ends. */
export interface HeldBeyond {
  deviceId: string;
  /** The server's end for that device (0: the end does not name it) and the last entry this device holds. */
  endSeq: number;
  heldSeq: number;
}

/**
 * The chains this device's copy holds further than the server's end, from a copy read before the end was cut
 * (everything pulled was on the server then, so the end cannot be shorter). Its own entries are left out: they may
 * not be pushed yet.
 */
export function heldBeyondEnd(
  held: readonly AuditEvent[],
  end: AuditExportEnd,
  ownDeviceId: string,
): HeldBeyond[] {
  const ends = new Map(end.checkpoint.heads.map((head) => [head.deviceId, head.seq]));
  const beyond = new Map<string, HeldBeyond>();
  for (const entry of held) {
    if (entry.legacy || entry.deviceId === ownDeviceId) continue;
    const endSeq = ends.get(entry.deviceId) ?? 0;
    if (entry.seq <= endSeq) continue;
    const seen = beyond.get(entry.deviceId);
    if (!seen || entry.seq > seen.heldSeq)
      beyond.set(entry.deviceId, { deviceId: entry.deviceId, endSeq, heldSeq: entry.seq });
  }
  return [...beyond.values()];
}

export interface WitnessedVerification extends AuditVerification {
  /** The witness this verification was held to (absent the first time, or when the kept one was altered). */
  witness?: KeptWitness;
  witnessAltered?: boolean;
  /** The witness kept from now on (the log held): its `id:digest` is what `audit:verify --witness` takes. */
  kept?: KeptWitness;
  /** Chains this device held further than the server's log now ends (heldBeyondEnd): the log was cut. */
  heldBeyond?: HeldBeyond[];
}

/**
 * Verifies an export against the witness this device kept, and keeps the export's end as the new witness when the
 * log holds. A log that no longer reaches the kept checkpoint fails as `witness`; the kept one stays.
 */
export function verifyWithWitness(
  sodium: Sodium,
  log: AuditExport,
  keys: DeviceKeys,
  storage: Storage = localStorage,
  heldBeyond: HeldBeyond[] = [],
): WitnessedVerification {
  const kept = readWitness(sodium, keys, storage);
  const witness = kept.state === 'kept' ? kept.witness : undefined;
  const verified = verifyAuditExport(sodium, log, {
    requireEnd: true,
    ...(witness ? { witness: witness.checkpoint } : {}),
  });
  const cut = heldBeyond[0];
  const result: AuditVerification =
    verified.ok && cut
      ? {
          ...verified,
          ok: false,
          broken: { problem: 'truncated', index: -1, deviceId: cut.deviceId, seq: cut.endSeq },
        }
      : verified;
  let keptNow: KeptWitness | undefined;
  if (result.ok && log.end) {
    const next = {
      checkpoint: checkpointLink(sodium, log.end.checkpoint),
      at: log.end.checkpoint.at,
      entries: log.end.entries,
    };
    if (!witness || next.checkpoint.id >= witness.checkpoint.id) {
      keepWitness(sodium, keys, next, storage);
      keptNow = next;
    }
  }
  return {
    ...result,
    ...(witness ? { witness } : {}),
    ...(kept.state === 'altered' ? { witnessAltered: true } : {}),
    ...(keptNow ? { kept: keptNow } : {}),
    ...(heldBeyond.length > 0 ? { heldBeyond } : {}),
  };
}
