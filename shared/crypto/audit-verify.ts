import { RESUME_KIND, type AuditEvent } from '../domain/audit';
import { auditEntryHashBytes, auditSignedBytes, verifyAuditSignature } from './audit-chain';
import {
  checkpointSequenceBreak,
  type AuditCheckpoint,
  type AuditWitness,
  type LegacySeal,
} from './audit-checkpoint';
import { asciiBytes, decodeBase64Url, frame, toBase64Url } from './encoding';
import type { Sodium } from './sodium';

export * from './audit-checkpoint';

/**
 * The offline verifier of an exported access log (`npm run audit:verify`, and the console's button), and the
 * server's checkpoints over device chain heads. docs/crypto-spec.md, "Access log".
 */

export const AUDIT_EXPORT_FORMAT = 'lumina.audit-export.v1';
const LEGACY_LABEL = asciiBytes('lumina.audit-legacy.v1');

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
  /** Keys that signed the checkpoints made before migration 21 (unlinked ones only). */
  retiredServerKeys?: string[];
  /** The signed end: the log ends where this checkpoint says, after `entries` entries (truncation is found). */
  end?: AuditExportEnd;
}

/**
 * An export's end: a checkpoint the server signed when the export was cut (the heads of every device it holds up
 * to there) and the number of entries exported. NDJSON exports carry it as their last line, `{"end": …}`.
 */
export interface AuditExportEnd {
  entries: number;
  checkpoint: AuditCheckpoint;
}

/**
 * The streamed export (GET /audit/export, `npm run audit:verify <file.ndjson>`): one JSON value per line, the
 * first the header (format, exportedAt, devices, checkpoints, serverPublicKey), then one entry per line, then the
 * end `{"end": AuditExportEnd}`.
 */
export const AUDIT_NDJSON_FORMAT = 'lumina.audit-export.ndjson.v1';
export type AuditNdjsonHeader = Omit<AuditExport, 'format' | 'entries' | 'end'> & {
  format: typeof AUDIT_NDJSON_FORMAT;
};

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
  /** A checkpoint is missing from the numbered sequence (the last ones included: the export's end names them). */
  | 'checkpoint-gap'
  /** The log no longer holds, unchanged, the checkpoint a witness kept (the console's last verified one). */
  | 'witness'
  /** The legacy entries are not the set the checkpoints seal (one altered, added or removed), or not sealed. */
  | 'legacy'
  /** The log does not end where its signed end says (cut short, or grown), or has no signed end. */
  | 'truncated'
  /** A checkpoint signed a device's public key other than the one the export gives for it (the key was replaced). */
  | 'device-key';

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
  /** Each resumed chain: the seqs it skips (entries the server never accepted) and the refused entry it names. */
  resumed: { deviceId: string; from: number; to: number; refused: string }[];
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
  /** A log without a signed end fails (`truncated`): what the CLI and the console ask. */
  requireEnd?: boolean;
  /** A checkpoint kept outside the server (the console's last verified one): the log must still hold it. */
  witness?: AuditWitness;
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
  const verifier = new AuditLogVerifier(sodium, log, options);
  for (const entry of log.entries) if (!verifier.add(entry)) break;
  return verifier.finish(log.end);
}

/**
 * The verifier fed one entry at a time (an NDJSON export streamed line by line: a million entries never make
 * one string): `add` each entry in the export's order (false once a link is broken), then `finish` with the
 * export's end. Holds only each device's head and the hashes the checkpoints name.
 */
export class AuditLogVerifier {
  private readonly all: boolean;
  private readonly keys = new Map<string, Uint8Array | null>();
  private readonly wanted = new Map<string, Set<number>>();
  private readonly seen = new Map<string, string>();
  private readonly legacyHashes: { id: string; hash: Uint8Array }[] = [];
  // Hashes kept as bytes: a link is compared by decoding the next entry's prevHash, cheaper than encoding each hash.
  private readonly heads = new Map<string, { seq: number; hash: Uint8Array }>();
  /** Each device's public key as the export gives it (base64url), for the keys the checkpoints signed. */
  private readonly keyTexts = new Map<string, string>();
  /** Each device's last entry so far, whose signature 'heads' mode checks at the end. */
  private readonly last = new Map<string, { entry: AuditEvent; signed: Uint8Array; index: number }>();
  private index = 0;
  private broken: BrokenLink | undefined;
  private readonly result: AuditVerification = {
    ok: true,
    entries: 0,
    chained: 0,
    legacy: 0,
    devices: 0,
    signaturesChecked: 0,
    checkpointsChecked: 0,
    resumed: [],
  };

  constructor(
    private readonly sodium: Sodium,
    private readonly context: Pick<
      AuditExport,
      'devices' | 'checkpoints' | 'serverPublicKey' | 'retiredServerKeys'
    >,
    private readonly options: VerifyOptions = {},
  ) {
    this.all = (options.signatures ?? 'all') === 'all';
    for (const device of context.devices) {
      this.keys.set(device.deviceId, decodeBase64Url(device.signPublicKey));
      this.keyTexts.set(device.deviceId, device.signPublicKey);
    }
    for (const checkpoint of context.checkpoints) this.want(checkpoint);
  }

  private want(checkpoint: AuditCheckpoint): void {
    for (const head of checkpoint.heads) {
      const set = this.wanted.get(head.deviceId) ?? new Set<number>();
      set.add(head.seq);
      this.wanted.set(head.deviceId, set);
    }
  }

  private signatureHolds(entry: AuditEvent, signed: Uint8Array, index: number): boolean {
    const at = { index, entryId: entry.id, deviceId: entry.deviceId, seq: entry.seq };
    const key = this.keys.get(entry.deviceId);
    if (!key) return this.stop({ problem: 'unknown-device', ...at });
    this.result.signaturesChecked++;
    const valid = this.options.verifySignature
      ? nativelyValid(this.options.verifySignature, entry, key, signed)
      : verifyAuditSignature(this.sodium, entry, key, signed);
    return valid || this.stop({ problem: 'signature', ...at });
  }

  private stop(broken: BrokenLink): false {
    this.broken ??= broken;
    return false;
  }

  /** Checks the next entry; false once the log is broken (the first break is the one reported). */
  add(entry: AuditEvent): boolean {
    if (this.broken) return false;
    const index = this.index++;
    this.result.entries++;
    if (entry.legacy) {
      this.result.legacy++;
      this.legacyHashes.push({ id: entry.id, hash: legacyEntryHash(this.sodium, entry) });
      return true;
    }
    const at = { index, entryId: entry.id, deviceId: entry.deviceId, seq: entry.seq };
    if (entry.signature === undefined || entry.prevHash === undefined)
      return this.stop({ problem: 'unsigned', ...at });
    const head = this.heads.get(entry.deviceId) ?? { seq: 0, hash: GENESIS_BYTES };
    if (entry.seq <= head.seq) return this.stop({ problem: 'replay', ...at });
    // A resume skips the seqs the server never accepted after refusing one (crypto-spec "Resuming a stopped chain").
    if (entry.seq > head.seq + 1 && entry.kind !== RESUME_KIND) return this.stop({ problem: 'gap', ...at });
    if (entry.kind === RESUME_KIND)
      this.result.resumed.push({
        deviceId: entry.deviceId,
        from: head.seq + 1,
        to: entry.seq - 1,
        refused: entry.target ?? '',
      });
    if (entry.prevHash.length !== 43 || !sameBytes(decodeBase64Url(entry.prevHash), head.hash))
      return this.stop({ problem: 'link', ...at });
    if (!this.keys.has(entry.deviceId)) return this.stop({ problem: 'unknown-device', ...at });
    const signed = auditSignedBytes(this.sodium, entry);
    if (this.all && !this.signatureHolds(entry, signed, index)) return false;
    const hash = auditEntryHashBytes(this.sodium, entry, signed);
    if (this.wanted.get(entry.deviceId)?.has(entry.seq))
      this.seen.set(`${entry.deviceId}:${entry.seq}`, toBase64Url(hash));
    this.heads.set(entry.deviceId, { seq: entry.seq, hash });
    if (!this.all) this.last.set(entry.deviceId, { entry, signed, index });
    this.result.chained++;
    return true;
  }

  /**
   * Whether each device key the checkpoint signed (checkpoints since the key was bound) is the key the export gives
   * for the device: a key replaced in the server's devices table, to pass off entries signed with another, fails.
   */
  private keysHold(checkpoint: AuditCheckpoint): boolean {
    for (const head of checkpoint.heads) {
      if (head.key === undefined) continue;
      if (this.keyTexts.get(head.deviceId) !== head.key) {
        const at = { index: -1, deviceId: head.deviceId, seq: head.seq, checkpointId: checkpoint.id };
        return this.stop({ problem: 'device-key', ...at });
      }
    }
    return true;
  }

  /** Whether the log holds each head the checkpoint names (its signature is checked with the sequence). */
  private headsHold(checkpoint: AuditCheckpoint): boolean {
    if (!this.keysHold(checkpoint)) return false;
    for (const head of checkpoint.heads) {
      if (this.seen.get(`${head.deviceId}:${head.seq}`) !== head.hash) {
        const at = { index: -1, deviceId: head.deviceId, seq: head.seq, checkpointId: checkpoint.id };
        return this.stop({ problem: 'checkpoint', ...at });
      }
    }
    this.result.checkpointsChecked++;
    return true;
  }

  /**
   * The verdict, after the last entry. With `end` (the export's signed end), the log must be complete: the end's
   * checkpoint names every device's last entry as the export's last, and the count matches; a log cut anywhere
   * (even after the last periodic checkpoint) fails as `truncated`. `requireEnd` makes a missing end fail too.
   */
  finish(end?: AuditExportEnd): AuditVerification {
    const fail = (broken: BrokenLink): AuditVerification => ({ ...this.result, ok: false, broken });
    if (this.broken) return fail(this.broken);
    for (const { entry, signed, index } of this.last.values())
      if (!this.signatureHolds(entry, signed, index)) return fail(this.broken!);
    this.result.devices = this.heads.size;
    const serverKey =
      this.context.serverPublicKey === undefined ? null : decodeBase64Url(this.context.serverPublicKey);
    const retired = (this.context.retiredServerKeys ?? []).map(decodeBase64Url);
    const sequence = checkpointSequenceBreak(
      this.sodium,
      [...this.context.checkpoints, ...(end ? [end.checkpoint] : [])],
      { current: serverKey, retired: retired.filter((key): key is Uint8Array => !!key) },
      this.options.witness,
    );
    if (sequence) return fail({ index: -1, deviceId: '', ...sequence });
    for (const checkpoint of this.context.checkpoints)
      if (!this.headsHold(checkpoint)) return fail(this.broken!);
    const truncated = (deviceId = '', seq?: number): AuditVerification =>
      fail({ problem: 'truncated', index: -1, deviceId, ...(seq !== undefined ? { seq } : {}) });
    if (!end) {
      if (this.options.requireEnd) return truncated();
    } else {
      const last = end.checkpoint;
      if (!this.keysHold(last)) return fail(this.broken!);
      const named = new Map(last.heads.map((head) => [head.deviceId, head]));
      for (const [deviceId, head] of this.heads) {
        const signed = named.get(deviceId);
        if (!signed || signed.seq !== head.seq || signed.hash !== toBase64Url(head.hash))
          return truncated(deviceId, signed?.seq);
      }
      for (const head of last.heads)
        if (!this.heads.has(head.deviceId)) return truncated(head.deviceId, head.seq);
      if (end.entries !== this.result.entries) return truncated();
    }
    const sealing = [...this.context.checkpoints, ...(end ? [end.checkpoint] : [])];
    const seals = sealing.filter((checkpoint) => checkpoint.legacy);
    if (seals.length > 0 || this.result.legacy > 0) {
      const seal = legacySealOf(this.sodium, this.legacyHashes);
      const wrong = seals.find((c) => c.legacy!.count !== seal.count || c.legacy!.digest !== seal.digest);
      if (seals.length === 0 || wrong) {
        return fail({ problem: 'legacy', index: -1, deviceId: '', checkpointId: wrong?.id });
      }
    }
    return { ...this.result };
  }
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
