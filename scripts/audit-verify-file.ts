import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Sodium } from '../shared/crypto/index';
import {
  AUDIT_EXPORT_FORMAT,
  AUDIT_NDJSON_FORMAT,
  AuditLogVerifier,
  type AuditExport,
  type AuditExportEnd,
  type AuditNdjsonHeader,
  type AuditVerification,
  type AuditWitness,
} from '../shared/crypto/audit-verify';
import type { AuditEvent } from '../shared/domain/audit';

// Node's native Ed25519 (OpenSSL) instead of libsodium's WebAssembly: the verifier takes it as an option.
const ED25519_SPKI = Buffer.from('302a300506032b6570032100', 'hex');
const publicKeys = new WeakMap<Uint8Array, KeyObject>();
export function nativeVerify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  let key = publicKeys.get(publicKey);
  if (!key) {
    key = createPublicKey({ key: Buffer.concat([ED25519_SPKI, publicKey]), format: 'der', type: 'spki' });
    publicKeys.set(publicKey, key);
  }
  return verify(null, message, key, signature);
}

/**
 * Verifies an exported access log file (scripts/audit-verify.ts, bench/audit.ts): an NDJSON export read line by
 * line (a million entries never make one string), or a whole JSON export. Its signed end is required. Throws on a
 * file that is not an export; answers the verdict and the key the export itself carries.
 */
export async function verifyAuditFile(
  sodium: Sodium,
  file: string,
  options: { pinnedKey?: string; allSignatures?: boolean; witness?: AuditWitness },
): Promise<{ result: AuditVerification; exportKey?: string }> {
  let verifier: AuditLogVerifier | undefined;
  let exportKey: string | undefined;
  let end: AuditExportEnd | undefined;
  let whole: string[] | undefined;
  const begin = (
    header: Pick<AuditExport, 'devices' | 'checkpoints' | 'serverPublicKey' | 'retiredServerKeys'>,
  ) => {
    exportKey = header.serverPublicKey;
    return new AuditLogVerifier(
      sodium,
      {
        devices: header.devices ?? [],
        checkpoints: header.checkpoints ?? [],
        serverPublicKey: options.pinnedKey ?? header.serverPublicKey,
        retiredServerKeys: header.retiredServerKeys ?? [],
      },
      {
        signatures: options.allSignatures ? 'all' : 'heads',
        verifySignature: nativeVerify,
        requireEnd: true,
        ...(options.witness ? { witness: options.witness } : {}),
      },
    );
  };
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (whole) {
      whole.push(text);
      continue;
    }
    if (text.trim() === '') continue;
    if (!verifier) {
      // The first line: an NDJSON header, or the start of a whole JSON export (then read whole).
      let header: AuditNdjsonHeader | undefined;
      try {
        header = JSON.parse(text) as AuditNdjsonHeader;
      } catch {
        header = undefined;
      }
      if (header?.format !== AUDIT_NDJSON_FORMAT) whole = [text];
      else verifier = begin(header);
      continue;
    }
    if (end) throw new Error(`line ${line}: more after the end`);
    const value = JSON.parse(text) as AuditEvent | { end: AuditExportEnd };
    if ('end' in value) end = value.end;
    else verifier.add(value);
  }
  if (whole) {
    const log = JSON.parse(whole.join('\n')) as AuditExport;
    if (log.format !== AUDIT_EXPORT_FORMAT || !Array.isArray(log.entries))
      throw new Error('not an access-log export');
    verifier = begin(log);
    for (const entry of log.entries) if (!verifier.add(entry)) break;
    end = log.end;
  }
  if (!verifier) throw new Error('empty');
  return { result: verifier.finish(end), exportKey };
}
