import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
  /** The public halves of the keys rotated out, oldest first (base64url). */
  retired(): string[];
  /**
   * A rotation's first step: makes (and keeps, outside the database) the next key and answers its public half,
   * which the handover checkpoint names (`nextKey`); the same key again until the rotation completes.
   */
  nextKey(): string;
  /** A rotation's last step, once the handover checkpoint naming `nextKey` is committed: the next key signs. */
  rotated(nextKey: string): void;
  /**
   * Reads the key and the head again from where they are kept: another server instance sharing the key directory
   * may have signed a checkpoint, or completed a rotation, since this one last looked.
   */
  refresh(): void;
}

/** Where a signer keeps its key, the next one during a rotation, the retired public keys and its head. */
interface SignerStore {
  read(): CheckpointLink | undefined;
  write(link: CheckpointLink): void;
  readNext(): Uint8Array | undefined;
  /** Keeps the next key's seed before any checkpoint names it. */
  writeNext(seed: Uint8Array): void;
  retired(): string[];
  /** Makes the next key the key (its seed replaces the key's) and adds `retiring` to the retired keys. */
  promote(seed: Uint8Array, retiring: string): void;
  /** The key's seed as kept now: another server instance sharing the key directory may have promoted the next. */
  readKey(): Uint8Array | undefined;
}

function signerOf(sodium: Sodium, seed: Uint8Array, store: SignerStore): CheckpointSigner {
  let pair = sodium.crypto_sign_seed_keypair(seed);
  let head = store.read();
  const publicOf = (seed: Uint8Array) => toBase64Url(sodium.crypto_sign_seed_keypair(seed).publicKey);
  return {
    get publicKey() {
      return toBase64Url(pair.publicKey);
    },
    secretKey: () => pair.privateKey.slice(),
    head: () => head,
    signed(link) {
      if (head && link.id <= head.id) return;
      head = { id: link.id, digest: link.digest };
      store.write(head);
    },
    retired: () => store.retired(),
    nextKey() {
      let next = store.readNext();
      if (!next) {
        next = sodium.randombytes_buf(32);
        store.writeNext(next);
      }
      return publicOf(next);
    },
    refresh() {
      const kept = store.read();
      if (kept && (!head || kept.id > head.id)) head = kept;
      const key = store.readKey();
      if (key && publicOf(key) !== toBase64Url(pair.publicKey)) pair = sodium.crypto_sign_seed_keypair(key);
    },
    rotated(nextKey) {
      // Already done: by this signer (two rotations answered at once), or by another instance sharing the directory.
      if (toBase64Url(pair.publicKey) === nextKey) return;
      const next = store.readNext();
      if (next && publicOf(next) === nextKey) {
        store.promote(next, toBase64Url(pair.publicKey));
        pair = sodium.crypto_sign_seed_keypair(next);
        return;
      }
      const kept = store.readKey();
      if (kept && publicOf(kept) === nextKey) {
        pair = sodium.crypto_sign_seed_keypair(kept);
        return;
      }
      throw new Error('no rotation to this key is under way');
    },
  };
}

/** A signer whose key and head live in memory only (tests, benches): a new key each time unless a seed is given. */
export function memorySigner(sodium: Sodium, seed?: Uint8Array): CheckpointSigner {
  let kept: CheckpointLink | undefined;
  let next: Uint8Array | undefined;
  let key = seed ?? sodium.randombytes_buf(32);
  const retired: string[] = [];
  return signerOf(sodium, key, {
    read: () => kept,
    write: (link) => (kept = link),
    readNext: () => next,
    writeNext: (seed) => (next = seed),
    retired: () => [...retired],
    promote(seed, retiring) {
      retired.push(retiring);
      key = seed;
      next = undefined;
    },
    readKey: () => key,
  });
}

export const AUDIT_KEY_FILE = 'audit-checkpoint.key';
export const AUDIT_HEAD_FILE = 'audit-checkpoint.head.json';
/** During a rotation: the next key's seed, kept before the handover checkpoint names it. */
export const AUDIT_NEXT_KEY_FILE = 'audit-checkpoint.next.key';
/** The public halves of the keys rotated out, oldest first (JSON array of base64url). */
export const AUDIT_RETIRED_FILE = 'audit-checkpoint.retired.json';

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
  const nextFile = path.join(keyDir, AUDIT_NEXT_KEY_FILE);
  const retiredFile = path.join(keyDir, AUDIT_RETIRED_FILE);
  const readSeed = (file: string) => {
    const seed = decodeBase64Url(readFileSync(file, 'utf8').trim());
    if (!seed || seed.length !== 32) throw new Error(`${file} does not hold a 32-byte seed in base64url`);
    return seed;
  };
  const retired = () =>
    existsSync(retiredFile) ? (JSON.parse(readFileSync(retiredFile, 'utf8')) as string[]) : [];
  return signerOf(sodium, seed, {
    read() {
      if (!existsSync(headFile)) return undefined;
      const link = JSON.parse(readFileSync(headFile, 'utf8')) as CheckpointLink;
      if (!Number.isInteger(link.id) || typeof link.digest !== 'string')
        throw new Error(`${headFile} is not a checkpoint link`);
      return link;
    },
    write: (link) => replaceFile(headFile, `${JSON.stringify(link)}\n`),
    readNext: () => (existsSync(nextFile) ? readSeed(nextFile) : undefined),
    writeNext(next) {
      // A key given by the environment is rotated in the secret store: the process cannot replace it.
      if (envSeed) throw new Error('LUMINA_AUDIT_KEY gives the key: rotate it in the secret store');
      replaceFile(nextFile, `${toBase64Url(next)}\n`);
    },
    retired,
    promote(next, retiring) {
      replaceFile(retiredFile, `${JSON.stringify([...new Set([...retired(), retiring])])}\n`);
      replaceFile(keyFile, `${toBase64Url(next)}\n`);
      rmSync(nextFile, { force: true });
    },
    readKey: () => (envSeed || !existsSync(keyFile) ? undefined : readSeed(keyFile)),
  });
}

/** Replaces a file atomically (written beside it, 0600, then renamed over it). */
function replaceFile(file: string, text: string): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}
