import type { AuditEvent } from '../domain/audit';
import { canonicalJson } from '../sync/canonical';
import { auditEntryHashBytes, auditSignedBytes, verifyAuditSignature } from './audit-chain';
import { asciiBytes, decodeBase64Url, frame, toBase64Url, utf8Encode } from './encoding';
import { CryptoError, type Sodium } from './sodium';

/**
 * The offline verifier of an exported access log (`npm run audit:verify`, and the console's button), and the
 * server's checkpoints over device chain heads. docs/crypto-spec.md, "Access log".
 */

export const AUDIT_EXPORT_FORMAT = 'lumina.audit-export.v1';
const CHECKPOINT_LABEL = asciiBytes('lumina.audit-checkpoint.v1');
const LEGACY_LABEL = asciiBytes('lumina.audit-legacy.v1');

export interface CheckpointHead {
  deviceId: string;
  seq: number;
  hash: string;
}

/**
 * The legacy (unchained, unsigned) entries as migration 8 converted them, sealed once by migration 13: how many,
 * and the digest of them all (legacyDigest). No entry may be added to the set (the server refuses new ones).
 */
export interface LegacySeal {
  count: number;
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
  signature: string;
}

/** BLAKE2b-256 of one legacy entry's content (the same bytes a chained entry signs). */
export function legacyEntryHash(sodium: Sodium, entry: AuditEvent): Uint8Array {
  return sodium.crypto_generichash(32, auditSignedBytes(sodium, entry), null);
}

/**
 * The seal of a legacy set: BLAKE2b-256(F("lumina.audit-legacy.v1", count, the entry hashes in id order
 * concatenated)). Takes the entries' ids and hashes (legacyEntryHash), in any order.
 */
export function legacySealOf(sodium: Sodium, hashes: { id: string; hash: Uint8Array }[]): LegacySeal {
  const sorted = [...hashes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const all = new Uint8Array(32 * sorted.length);
  sorted.forEach((item, i) => all.set(item.hash, i * 32));
  const count = sorted.length;
  const digest = sodium.crypto_generichash(32, frame([LEGACY_LABEL, asciiBytes(String(count)), all]), null);
  return { count, digest: toBase64Url(digest) };
}

export interface AuditExport {
  format: typeof AUDIT_EXPORT_FORMAT;
  exportedAt: number;
  entries: AuditEvent[];
  /** Each device's Ed25519 public key (base64url), as the server's devices table holds it. */
  devices: { deviceId: string; signPublicKey: string }[];
  checkpoints: AuditCheckpoint[];
  /** The server's checkpoint key (base64url), served by GET /audit/server-key. */
  serverPublicKey?: string;
}

/** F("lumina.audit-checkpoint.v1", canonical JSON of { id, at, heads sorted by device }). */
export function checkpointBytes(sodium: Sodium, checkpoint: Omit<AuditCheckpoint, 'signature'>): Uint8Array {
  const heads = [...checkpoint.heads].sort((a, b) =>
    a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0,
  );
  const body = canonicalJson({
    id: checkpoint.id,
    at: checkpoint.at,
    heads,
    ...(checkpoint.legacy
      ? { legacy: { count: checkpoint.legacy.count, digest: checkpoint.legacy.digest } }
      : {}),
  });
  return frame([CHECKPOINT_LABEL, utf8Encode(sodium, body)]);
}

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

export type BrokenLinkProblem =
  /** Numbered at or below an entry already seen for its device: a replay, a duplicate or a reorder. */
  | 'replay'
  /** Numbered beyond the next: an entry before it is missing (deleted). */
  | 'gap'
  /** Does not name the hash of its device's previous entry: that entry was altered, or this one forged (a fork). */
  | 'link'
  | 'signature'
  | 'unknown-device'
  /** A chained entry without a signature or a previous hash. */
  | 'unsigned'
  /** The server's checkpoint does not verify, or the log does not reach or match a head it signed. */
  | 'checkpoint'
  /** The legacy entries are not the set the checkpoints seal (one altered, added or removed), or not sealed. */
  | 'legacy';

export interface BrokenLink {
  problem: BrokenLinkProblem;
  /** Position in the export's entry list; -1 for a checkpoint problem about a whole chain. */
  index: number;
  entryId?: string;
  deviceId: string;
  seq?: number;
  checkpointId?: number;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  chained: number;
  /** Entries written before the log was chained: unsigned, checked against the checkpoints' legacy seal. */
  legacy: number;
  devices: number;
  signaturesChecked: number;
  checkpointsChecked: number;
  broken?: BrokenLink;
}

export interface VerifyOptions {
  /**
   * 'all' checks every entry's signature; 'heads' only each device's last entry: the hash links make that one
   * signature cover the whole chain (each entry's hash includes its signature and its previous hash).
   */
  signatures?: 'all' | 'heads';
  /**
   * An Ed25519 verification to use instead of libsodium's (the CLI passes Node's native one, several times
   * faster over a million signatures): true when `signature` (64 bytes) is valid for `message` under `publicKey`.
   */
  verifySignature?: (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean;
}

const GENESIS_BYTES = new Uint8Array(32);

function sameBytes(a: Uint8Array | null, b: Uint8Array): boolean {
  if (a === null || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Checks a whole exported log in the order it lists entries, and answers the first broken link. */
export function verifyAuditExport(
  sodium: Sodium,
  log: AuditExport,
  options: VerifyOptions = {},
): AuditVerification {
  const all = (options.signatures ?? 'all') === 'all';
  const keys = new Map<string, Uint8Array | null>();
  for (const device of log.devices) keys.set(device.deviceId, decodeBase64Url(device.signPublicKey));
  const lastOf = new Map<string, number>();
  log.entries.forEach((entry, index) => {
    if (!entry.legacy) lastOf.set(entry.deviceId, index);
  });
  // The hashes the checkpoints name, by device and seq, collected on the way.
  const wanted = new Map<string, Set<number>>();
  for (const checkpoint of log.checkpoints) {
    for (const head of checkpoint.heads) {
      const set = wanted.get(head.deviceId) ?? new Set<number>();
      set.add(head.seq);
      wanted.set(head.deviceId, set);
    }
  }
  const seen = new Map<string, string>();
  const legacyHashes: { id: string; hash: Uint8Array }[] = [];
  // Hashes kept as bytes: a link is compared by decoding the next entry's prevHash, cheaper than encoding each hash.
  const heads = new Map<string, { seq: number; hash: Uint8Array }>();
  const result: AuditVerification = {
    ok: true,
    entries: log.entries.length,
    chained: 0,
    legacy: 0,
    devices: 0,
    signaturesChecked: 0,
    checkpointsChecked: 0,
  };
  const fail = (broken: BrokenLink): AuditVerification => ({ ...result, ok: false, broken });

  for (let index = 0; index < log.entries.length; index++) {
    const entry = log.entries[index]!;
    if (entry.legacy) {
      result.legacy++;
      legacyHashes.push({ id: entry.id, hash: legacyEntryHash(sodium, entry) });
      continue;
    }
    const at = { index, entryId: entry.id, deviceId: entry.deviceId, seq: entry.seq };
    if (entry.signature === undefined || entry.prevHash === undefined)
      return fail({ problem: 'unsigned', ...at });
    const head = heads.get(entry.deviceId) ?? { seq: 0, hash: GENESIS_BYTES };
    if (entry.seq <= head.seq) return fail({ problem: 'replay', ...at });
    if (entry.seq > head.seq + 1) return fail({ problem: 'gap', ...at });
    if (entry.prevHash.length !== 43 || !sameBytes(decodeBase64Url(entry.prevHash), head.hash))
      return fail({ problem: 'link', ...at });
    const signed = auditSignedBytes(sodium, entry);
    if (all || lastOf.get(entry.deviceId) === index) {
      const key = keys.get(entry.deviceId);
      if (!key) return fail({ problem: 'unknown-device', ...at });
      result.signaturesChecked++;
      const valid = options.verifySignature
        ? nativelyValid(options.verifySignature, entry, key, signed)
        : verifyAuditSignature(sodium, entry, key, signed);
      if (!valid) return fail({ problem: 'signature', ...at });
    }
    const hash = auditEntryHashBytes(sodium, entry, signed);
    if (wanted.get(entry.deviceId)?.has(entry.seq))
      seen.set(`${entry.deviceId}:${entry.seq}`, toBase64Url(hash));
    heads.set(entry.deviceId, { seq: entry.seq, hash });
    result.chained++;
  }
  result.devices = heads.size;

  const serverKey = log.serverPublicKey === undefined ? null : decodeBase64Url(log.serverPublicKey);
  for (const checkpoint of log.checkpoints) {
    const deviceId = checkpoint.heads[0]?.deviceId ?? '';
    if (!serverKey || !verifyCheckpoint(sodium, checkpoint, serverKey)) {
      return fail({ problem: 'checkpoint', index: -1, deviceId, checkpointId: checkpoint.id });
    }
    for (const head of checkpoint.heads) {
      if (seen.get(`${head.deviceId}:${head.seq}`) !== head.hash) {
        return fail({
          problem: 'checkpoint',
          index: -1,
          deviceId: head.deviceId,
          seq: head.seq,
          checkpointId: checkpoint.id,
        });
      }
    }
    result.checkpointsChecked++;
  }
  const seals = log.checkpoints.flatMap((checkpoint) => (checkpoint.legacy ? [checkpoint] : []));
  if (seals.length > 0 || result.legacy > 0) {
    const seal = legacySealOf(sodium, legacyHashes);
    const wrong = seals.find((c) => c.legacy!.count !== seal.count || c.legacy!.digest !== seal.digest);
    if (seals.length === 0 || wrong) {
      return fail({ problem: 'legacy', index: -1, deviceId: '', checkpointId: wrong?.id });
    }
  }
  return result;
}

function nativelyValid(
  verify: NonNullable<VerifyOptions['verifySignature']>,
  entry: AuditEvent,
  key: Uint8Array,
  signed: Uint8Array,
): boolean {
  const signature = entry.signature === undefined ? null : decodeBase64Url(entry.signature);
  if (!signature || signature.length !== 64 || key.length !== 32) return false;
  try {
    return verify(signature, signed, key);
  } catch {
    return false;
  }
}
