import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CheckpointLink } from '../../shared/crypto/audit-checkpoint';
import { decodeBase64Url, toBase64Url } from '../../shared/crypto/encoding';
import type { Sodium } from '../../shared/crypto/index';

/**
 * The server's checkpoint key (Ed25519; it also signs erasure certificates), held outside the database, and the
 * last checkpoint it signed, remembered outside the database too. Someone who can write the database can neither
 * sign a checkpoint nor make the server forget how far its checkpoints went: the next checkpoint is numbered on
 * from what the signer remembers, so a deleted tail leaves a gap the verifier finds (docs/audit.md, "Keys").
 */
export interface CheckpointSigner {
  publicKey: string;
  /** Ed25519 secret key (64 bytes): sign with it and do not keep it. */
  secretKey(): Uint8Array;
  /** The last checkpoint this key signed, as kept outside the database; undefined before the first. */
  head(): CheckpointLink | undefined;
  /** Remembers a checkpoint just committed (a later one than head). */
  signed(link: CheckpointLink): void;
}

function signerOf(
  sodium: Sodium,
  seed: Uint8Array,
  store: { read(): CheckpointLink | undefined; write(link: CheckpointLink): void },
): CheckpointSigner {
  const pair = sodium.crypto_sign_seed_keypair(seed);
  let head = store.read();
  return {
    publicKey: toBase64Url(pair.publicKey),
    secretKey: () => pair.privateKey.slice(),
    head: () => head,
    signed(link) {
      if (head && link.id <= head.id) return;
      head = { id: link.id, digest: link.digest };
      store.write(head);
    },
  };
}

/** A signer whose key and head live in memory only (tests, benches): a new key each time unless a seed is given. */
export function memorySigner(sodium: Sodium, seed?: Uint8Array): CheckpointSigner {
  let kept: CheckpointLink | undefined;
  return signerOf(sodium, seed ?? sodium.randombytes_buf(32), {
    read: () => kept,
    write: (link) => (kept = link),
  });
}

export const AUDIT_KEY_FILE = 'audit-checkpoint.key';
export const AUDIT_HEAD_FILE = 'audit-checkpoint.head.json';

/**
 * The server's signer from its key directory (LUMINA_KEY_DIR, made 0700): the key's 32-byte seed, base64url, in
 * audit-checkpoint.key (0600; made on first start) unless LUMINA_AUDIT_KEY gives it (a secret store), and the
 * last signed checkpoint in audit-checkpoint.head.json, replaced atomically after each checkpoint.
 */
export function fileSigner(sodium: Sodium, keyDir: string, envSeed?: string): CheckpointSigner {
  mkdirSync(keyDir, { recursive: true, mode: 0o700 });
  const keyFile = path.join(keyDir, AUDIT_KEY_FILE);
  let seed: Uint8Array | null;
  if (envSeed) {
    seed = decodeBase64Url(envSeed.trim());
    if (!seed || seed.length !== 32) throw new Error('LUMINA_AUDIT_KEY must be a 32-byte seed in base64url');
  } else if (existsSync(keyFile)) {
    seed = decodeBase64Url(readFileSync(keyFile, 'utf8').trim());
    if (!seed || seed.length !== 32) throw new Error(`${keyFile} does not hold a 32-byte seed in base64url`);
  } else {
    seed = sodium.randombytes_buf(32);
    writeFileSync(keyFile, `${toBase64Url(seed)}\n`, { mode: 0o600, flag: 'wx' });
  }
  const headFile = path.join(keyDir, AUDIT_HEAD_FILE);
  return signerOf(sodium, seed, {
    read() {
      if (!existsSync(headFile)) return undefined;
      const link = JSON.parse(readFileSync(headFile, 'utf8')) as CheckpointLink;
      if (!Number.isInteger(link.id) || typeof link.digest !== 'string')
        throw new Error(`${headFile} is not a checkpoint link`);
      return link;
    },
    write(link) {
      const temporary = `${headFile}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(link)}\n`, { mode: 0o600 });
      chmodSync(temporary, 0o600);
      renameSync(temporary, headFile);
    },
  });
}
