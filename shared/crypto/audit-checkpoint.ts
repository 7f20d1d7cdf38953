import { canonicalJson } from '../sync/canonical';
import { asciiBytes, decodeBase64Url, frame, toBase64Url, utf8Encode } from './encoding';
import { CryptoError, type Sodium } from './sodium';

/**
 * The server's checkpoints over device chain heads, and their sequence: docs/crypto-spec.md, "Access log",
 * checkpoints. Since migration 21 each checkpoint names its predecessor (number and digest) and is numbered one
 * past it, so that a checkpoint removed anywhere, the last ones included, leaves a gap a verifier finds.
 */
const CHECKPOINT_LABEL = asciiBytes('lumina.audit-checkpoint.v1');
const DIGEST_LABEL = asciiBytes('lumina.audit-checkpoint-digest.v1');

export interface CheckpointHead {
  deviceId: string;
  seq: number;
  hash: string;
  /**
   * The device's Ed25519 public key (base64url) as the server held it when signing: in the checkpoints signed since
   * the key was bound (issue 18, second ledger review), absent from the ones before (which verify as they were). A
   * verifier requires it to be the key the export gives for the device (problem `device-key`).
   */
  key?: string;
}

/**
 * The legacy (unchained, unsigned) entries as migration 8 converted them, sealed once by migration 13: how many,
 * and the digest of them all (legacyDigest). No entry may be added to the set (the server refuses new ones).
 */
export interface LegacySeal {
  count: number;
  digest: string;
}

/** The heads of the server's own ledgers (server/audit/ledgers.ts): the last row's number and hash; 0 if none. */
export interface LedgerHeads {
  staffEvents: { at: number; hash: string };
  incidentRevisions: { at: number; hash: string };
  /** Since migration 27: the breach register's notifications (absent from the checkpoints signed before). */
  incidentNotifications?: { at: number; hash: string };
}

/** A checkpoint's place in the sequence: its number and digest (checkpointDigest). */
export interface CheckpointLink {
  id: number;
  digest: string;
}

/**
 * The server's signed statement that, at `at`, each device's chain stood at `heads`; since migration 13 it also
 * carries the legacy seal, so that an altered, added or removed legacy entry fails the verifier.
 */
export interface AuditCheckpoint {
  id: number;
  at: number;
  heads: CheckpointHead[];
  legacy?: LegacySeal;
  /** Since migration 13: the heads of staff_events and incident_revisions, signed with the rest. */
  ledgers?: LedgerHeads;
  /**
   * Since migration 21: the checkpoint before this one (null for the first ever); `id` is then prev.id + 1.
   * Absent on the checkpoints signed before (kept, and only allowed before the first linked one).
   */
  prev?: CheckpointLink | null;
  /**
   * A key rotation (docs/audit.md, "Rotating the checkpoint key"): the key that signs the checkpoints after this
   * one (base64url), announced by the key that signs this one.
   */
  nextKey?: string;
  signature: string;
}

/**
 * F("lumina.audit-checkpoint.v1", canonical JSON of { id, at, heads sorted by device, legacy, ledgers, prev,
 * nextKey }).
 */
export function checkpointBytes(sodium: Sodium, checkpoint: Omit<AuditCheckpoint, 'signature'>): Uint8Array {
  const heads = [...checkpoint.heads]
    .sort((a, b) => (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0))
    .map((h) => ({
      deviceId: h.deviceId,
      seq: h.seq,
      hash: h.hash,
      ...(h.key !== undefined ? { key: h.key } : {}),
    }));
  const body = canonicalJson({
    id: checkpoint.id,
    at: checkpoint.at,
    heads,
    ...(checkpoint.legacy
      ? { legacy: { count: checkpoint.legacy.count, digest: checkpoint.legacy.digest } }
      : {}),
    ...(checkpoint.ledgers ? { ledgers: checkpoint.ledgers } : {}),
    ...(checkpoint.prev !== undefined
      ? { prev: checkpoint.prev && { id: checkpoint.prev.id, digest: checkpoint.prev.digest } }
      : {}),
    ...(checkpoint.nextKey !== undefined ? { nextKey: checkpoint.nextKey } : {}),
  });
  return frame([CHECKPOINT_LABEL, utf8Encode(sodium, body)]);
}

/** BLAKE2b-256(F("lumina.audit-checkpoint-digest.v1", checkpointBytes)): what the next checkpoint names. */
export function checkpointDigest(sodium: Sodium, checkpoint: Omit<AuditCheckpoint, 'signature'>): string {
  return toBase64Url(
    sodium.crypto_generichash(32, frame([DIGEST_LABEL, checkpointBytes(sodium, checkpoint)]), null),
  );
}

export const checkpointLink = (sodium: Sodium, checkpoint: AuditCheckpoint): CheckpointLink => ({
  id: checkpoint.id,
  digest: checkpointDigest(sodium, checkpoint),
});

export function signCheckpoint(
  sodium: Sodium,
  checkpoint: Omit<AuditCheckpoint, 'signature'>,
  serverSecretKey: Uint8Array,
): AuditCheckpoint {
  if (serverSecretKey.length !== 64) throw new CryptoError('invalid-input', 'the server signing key');
  const signature = sodium.crypto_sign_detached(checkpointBytes(sodium, checkpoint), serverSecretKey);
  return { ...checkpoint, heads: [...checkpoint.heads], signature: toBase64Url(signature) };
}

export function verifyCheckpoint(
  sodium: Sodium,
  checkpoint: AuditCheckpoint,
  serverPublicKey: Uint8Array,
): boolean {
  const signature = decodeBase64Url(checkpoint.signature);
  if (!signature || signature.length !== 64 || serverPublicKey.length !== 32) return false;
  try {
    return sodium.crypto_sign_verify_detached(
      signature,
      checkpointBytes(sodium, checkpoint),
      serverPublicKey,
    );
  } catch {
    return false;
  }
}

/**
 * A checkpoint someone outside the database kept: the DPO console's last verified one (sealed on its device), or a
 * noted one. The log must still hold it, unchanged: a log now ending before it was cut.
 */
export type AuditWitness = CheckpointLink;

export interface CheckpointKeys {
  /** The server's checkpoint key now (base64url decoded). */
  current: Uint8Array | null;
  /**
   * Keys no longer in use: the one that signed checkpoints before migration 21 (the key then sat in the database:
   * unlinked checkpoints only), and keys rotated out, each of which signs the linked checkpoints up to the one in
   * which it named its successor (`nextKey`).
   */
  retired?: Uint8Array[];
}

export interface CheckpointSequenceBreak {
  /**
   * 'checkpoint': a signature that does not verify; 'checkpoint-gap': a checkpoint missing before one (its
   * predecessor absent or another), an unlinked one after a linked one, or one numbered twice; 'witness': the
   * kept checkpoint is not in the log, or another stands under its number.
   */
  problem: 'checkpoint' | 'checkpoint-gap' | 'witness';
  checkpointId?: number;
}

/**
 * Checks the whole sequence of checkpoints (any order; an export's end among them): every signature, and from the
 * first linked checkpoint on, each one naming the one before it in the list, numbered one past it. A linked
 * first checkpoint must be the first ever (prev null). Then the witness, if given, must be in the list unchanged.
 */
export function checkpointSequenceBreak(
  sodium: Sodium,
  checkpoints: readonly AuditCheckpoint[],
  keys: CheckpointKeys,
  witness?: AuditWitness,
): CheckpointSequenceBreak | undefined {
  // The same checkpoint listed twice (an export's end that is also its last checkpoint) counts once.
  const unique = new Map(checkpoints.map((c) => [`${c.id}:${c.signature}`, c]));
  const sorted = [...unique.values()].sort((a, b) => a.id - b.id);
  const digests = new Map<number, string>();
  let linked = false;
  // The key the next linked checkpoint must be signed with: the one the last rotation named (undefined before the
  // first linked checkpoint, which may be signed by the current key or a retired one). The sequence must end
  // signed by the current key: every key before it handed over to the next in a checkpoint it signed.
  let signing: Uint8Array | undefined;
  for (let i = 0; i < sorted.length; i++) {
    const checkpoint = sorted[i]!;
    const at = { checkpointId: checkpoint.id };
    const signedBy = (key: Uint8Array | null | undefined) =>
      !!key && verifyCheckpoint(sodium, checkpoint, key);
    const isLinked = checkpoint.prev !== undefined;
    if (isLinked) {
      signing ??= [keys.current, ...(keys.retired ?? [])].find(signedBy) ?? undefined;
      if (!signing || !signedBy(signing)) return { problem: 'checkpoint', ...at };
      if (checkpoint.nextKey !== undefined) {
        const next = decodeBase64Url(checkpoint.nextKey);
        if (!next || next.length !== 32) return { problem: 'checkpoint', ...at };
        signing = next;
      }
    } else if (!signedBy(keys.current) && !(keys.retired ?? []).some(signedBy))
      return { problem: 'checkpoint', ...at };
    const before = sorted[i - 1];
    if (before && before.id === checkpoint.id) return { problem: 'checkpoint-gap', ...at };
    const digest = checkpointDigest(sodium, checkpoint);
    digests.set(checkpoint.id, digest);
    if (!isLinked) {
      if (linked) return { problem: 'checkpoint-gap', ...at };
      continue;
    }
    linked = true;
    const prev = checkpoint.prev!;
    const holds = before
      ? prev !== null &&
        prev.id === before.id &&
        checkpoint.id === prev.id + 1 &&
        prev.digest === digests.get(before.id)
      : prev === null;
    if (!holds) return { problem: 'checkpoint-gap', ...at };
  }
  // The last linked checkpoint's key, or the one it handed over to, is the current one (a rotation announced in
  // the last checkpoint: the new key has signed nothing yet).
  const last = sorted.filter((c) => c.prev !== undefined).at(-1);
  if (last && signing && !(keys.current && sameKey(signing, keys.current)))
    return { problem: 'checkpoint', checkpointId: last.id };
  if (witness && digests.get(witness.id) !== witness.digest)
    return { problem: 'witness', checkpointId: witness.id };
  return undefined;
}

function sameKey(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
