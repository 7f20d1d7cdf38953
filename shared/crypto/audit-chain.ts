import { RESUME_KIND, type AuditEvent } from '../domain/audit';
import { canonicalJson } from '../sync/canonical';
import { asciiBytes, checkBytes, decodeBase64Url, frame, toBase64Url, utf8Encode } from './encoding';
import type { StaffIdentity } from './identity';
import { CryptoError, type Sodium } from './sodium';

/** docs/crypto-spec.md, section "Access log": the signed bytes, the entry hash, the chain. */
const SIGNED_LABEL = asciiBytes('lumina.audit-entry.v1');
const HASH_LABEL = asciiBytes('lumina.audit-hash.v1');
/** Not signed: the signature itself, the sync scope, the legacy mark and the wire's deletion flag. */
const UNSIGNED_FIELDS = new Set(['signature', 'assignedStaffIds', 'legacy', '_deleted']);

/** The `prevHash` of a device's first entry: 32 zero bytes. */
export const AUDIT_GENESIS = toBase64Url(new Uint8Array(32));

export type UnsignedAuditEntry = Omit<AuditEvent, 'signature' | 'legacy'>;

/** F("lumina.audit-entry.v1", canonical JSON of the entry without the unsigned fields). */
export function auditSignedBytes(sodium: Sodium, entry: UnsignedAuditEntry | AuditEvent): Uint8Array {
  return frame([SIGNED_LABEL, utf8Encode(sodium, signedJson(entry as unknown as Record<string, unknown>))]);
}

/**
 * canonicalJson of the signed fields, written directly for an entry's flat shape (strings, numbers, arrays of
 * them: no sorted copy of the entry per call, which a verifier of a million entries feels); any nested object
 * falls back to canonicalJson. The same text either way (audit-chain.test.ts compares them).
 */
function signedJson(entry: Record<string, unknown>): string {
  const keys = Object.keys(entry)
    .filter((key) => !UNSIGNED_FIELDS.has(key) && entry[key] !== undefined)
    .sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const value = entry[keys[i]!];
    if (value !== null && typeof value === 'object') {
      if (!Array.isArray(value) || value.some((item) => item !== null && typeof item === 'object'))
        return canonicalJson(Object.fromEntries(keys.map((key) => [key, entry[key]])));
    }
    out += `${i === 0 ? '' : ','}${JSON.stringify(keys[i])}:${JSON.stringify(value)}`;
  }
  return `${out}}`;
}

/**
 * The hash the next entry names: BLAKE2b-256(F("lumina.audit-hash.v1", signed bytes, signature)). The signature is
 * inside, so changing any byte of an entry, its signature included, breaks the link from the next one.
 */
export function auditEntryHash(sodium: Sodium, entry: AuditEvent, signedBytes?: Uint8Array): string {
  return toBase64Url(auditEntryHashBytes(sodium, entry, signedBytes));
}

/** auditEntryHash as bytes: the verifier compares links as bytes and encodes only the hashes it reports. */
export function auditEntryHashBytes(sodium: Sodium, entry: AuditEvent, signedBytes?: Uint8Array): Uint8Array {
  const signature = entry.signature === undefined ? new Uint8Array(0) : decodeBase64Url(entry.signature);
  const bytes = frame([
    HASH_LABEL,
    signedBytes ?? auditSignedBytes(sodium, entry),
    signature ?? asciiBytes(entry.signature ?? ''),
  ]);
  return sodium.crypto_generichash(32, bytes, null);
}

/** Signs an entry as the device `signer` (Ed25519); its `deviceId` must be the signer's. */
export function signAuditEntry(
  sodium: Sodium,
  unsigned: UnsignedAuditEntry,
  signer: StaffIdentity,
): AuditEvent {
  if (unsigned.deviceId !== signer.staffId) {
    throw new CryptoError('invalid-input', 'the logging device must be the signer');
  }
  const signature = sodium.crypto_sign_detached(
    auditSignedBytes(sodium, unsigned),
    checkBytes(signer.signSecretKey, 64, 'the signing key'),
  );
  return { ...unsigned, signature: toBase64Url(signature) };
}

/** Whether an entry carries a valid signature by `signPublicKey`. False for legacy, unsigned or malformed entries. */
export function verifyAuditSignature(
  sodium: Sodium,
  entry: AuditEvent,
  signPublicKey: Uint8Array,
  signedBytes?: Uint8Array,
): boolean {
  if (entry.signature === undefined || entry.legacy) return false;
  const signature = decodeBase64Url(entry.signature);
  if (!signature || signature.length !== 64 || signPublicKey.length !== 32) return false;
  try {
    return sodium.crypto_sign_verify_detached(
      signature,
      signedBytes ?? auditSignedBytes(sodium, entry),
      signPublicKey,
    );
  } catch {
    return false;
  }
}

/** The head of a device's chain: its last entry's number and hash (seq 0 and AUDIT_GENESIS before any). */
export interface ChainHead {
  seq: number;
  hash: string;
}

export const EMPTY_CHAIN: ChainHead = { seq: 0, hash: AUDIT_GENESIS };

export type ChainProblem = 'signature' | 'gap' | 'replay' | 'fork' | 'device' | 'unsigned';

/**
 * Whether `entry` extends the chain whose head is `head`: signed by the device, numbered head.seq + 1, naming
 * head.hash. Answers the problem, or the new head. A number at or below the head is a replay (or a rewrite) of
 * what the chain already holds; above head.seq + 1 a gap; the right number naming another hash a fork. A resume
 * (RESUME_KIND) may be numbered beyond head.seq + 1: the seqs it skips are entries the server refused or never
 * received after a refusal, declared by the device's signature (whoever accepts a resume also checks that a
 * refusal stopped the chain: the server's push rule).
 */
export function extendChain(
  sodium: Sodium,
  head: ChainHead,
  entry: AuditEvent,
  signPublicKey: Uint8Array | undefined,
): { head: ChainHead } | { problem: ChainProblem } {
  if (entry.legacy || entry.signature === undefined || entry.prevHash === undefined)
    return { problem: 'unsigned' };
  if (!signPublicKey) return { problem: 'device' };
  const signed = auditSignedBytes(sodium, entry);
  if (!verifyAuditSignature(sodium, entry, signPublicKey, signed)) return { problem: 'signature' };
  if (entry.seq <= head.seq) return { problem: 'replay' };
  if (entry.seq > head.seq + 1 && entry.kind !== RESUME_KIND) return { problem: 'gap' };
  if (entry.prevHash !== head.hash) return { problem: 'fork' };
  return { head: { seq: entry.seq, hash: auditEntryHash(sodium, entry, signed) } };
}

/**
 * The next entry of a device's chain: numbered head.seq + 1, naming head.hash, signed by `signer` (the device).
 * Answers the entry and the chain's new head.
 */
export function chainNextEntry(
  sodium: Sodium,
  head: ChainHead,
  base: Omit<UnsignedAuditEntry, 'seq' | 'prevHash'>,
  signer: StaffIdentity,
): { entry: AuditEvent; head: ChainHead } {
  const unsigned: UnsignedAuditEntry = { ...base, seq: head.seq + 1, prevHash: head.hash };
  const entry = signAuditEntry(sodium, unsigned, signer);
  return { entry, head: { seq: unsigned.seq, hash: auditEntryHash(sodium, entry) } };
}
