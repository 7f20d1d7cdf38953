/**
 * Quick unlock: the renderer's vault secret, kept encrypted by the OS keychain (Electron's safeStorage) in one
 * file in the user-data folder. This module holds every decision (which keychains are good enough, what a
 * missing or damaged file means) and does not import electron: index.ts passes safeStorage and node:fs in.
 */
import { quickUnlockSecretSchema, type QuickUnlockRefusal, type QuickUnlockStatus } from '../../shared/index';

/**
 * Electron's safeStorage, as far as quick unlock uses it. Electron 41 (the version here) has only the
 * synchronous API; later majors add isAsyncEncryptionAvailable / encryptStringAsync / decryptStringAsync and
 * Electron 46 removes the synchronous one. Both shapes are accepted, the asynchronous one preferred.
 */
export interface SafeStorageLike {
  getSelectedStorageBackend?(): string;
  isEncryptionAvailable?(): boolean;
  encryptString?(plainText: string): Buffer;
  decryptString?(encrypted: Buffer): string;
  isAsyncEncryptionAvailable?(): Promise<boolean>;
  encryptStringAsync?(plainText: string): Promise<Buffer>;
  decryptStringAsync?(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
}

/** The OS cipher in one asynchronous shape, whichever API the running Electron has. */
export interface OsCipher {
  /** Linux's secret store as Chromium chose it ('basic_text', 'gnome_libsecret', 'kwallet5', …). */
  backend(): string | undefined;
  isAvailable(): Promise<boolean>;
  encrypt(plainText: string): Promise<Buffer>;
  /** stale: the keychain rotated its key, so the ciphertext should be written again. */
  decrypt(encrypted: Buffer): Promise<{ plainText: string; stale: boolean }>;
}

export function osCipherFrom(safeStorage: SafeStorageLike): OsCipher {
  const backend = () => safeStorage.getSelectedStorageBackend?.();
  const {
    isAsyncEncryptionAvailable,
    encryptStringAsync,
    decryptStringAsync,
    isEncryptionAvailable,
    encryptString,
    decryptString,
  } = safeStorage;
  if (isAsyncEncryptionAvailable && encryptStringAsync && decryptStringAsync) {
    return {
      backend,
      isAvailable: () => isAsyncEncryptionAvailable.call(safeStorage),
      encrypt: (plainText) => encryptStringAsync.call(safeStorage, plainText),
      async decrypt(encrypted) {
        const { result, shouldReEncrypt } = await decryptStringAsync.call(safeStorage, encrypted);
        return { plainText: result, stale: shouldReEncrypt };
      },
    };
  }
  if (isEncryptionAvailable && encryptString && decryptString) {
    return {
      backend,
      isAvailable: async () => isEncryptionAvailable.call(safeStorage),
      encrypt: async (plainText) => encryptString.call(safeStorage, plainText),
      decrypt: async (encrypted) => ({ plainText: decryptString.call(safeStorage, encrypted), stale: false }),
    };
  }
  return {
    backend,
    isAvailable: async () => false,
    encrypt: () => Promise.reject(new Error('this Electron has no safeStorage encryption')),
    decrypt: () => Promise.reject(new Error('this Electron has no safeStorage encryption')),
  };
}

/** The file operations quick unlock needs (node:fs/promises has them). */
export interface SecretFiles {
  readFile(path: string): Promise<Buffer>;
  writeFile(path: string, data: string, options: { mode: number; flag: string }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: boolean }): Promise<void>;
}

export class QuickUnlockRefusedError extends Error {
  constructor(readonly reason: QuickUnlockRefusal) {
    super(`quick unlock is not available on this device (${reason})`);
  }
}

/** On disk: the keychain's ciphertext only, never the secret. */
interface QuickUnlockFile {
  v: 1;
  ciphertext: string;
}

const FILE_VERSION = 1;
/** Owner read/write only: the ciphertext is useless without the user's keychain, but it is nobody else's. */
export const QUICK_UNLOCK_FILE_MODE = 0o600;
const SECRET_PATTERN = new RegExp(quickUnlockSecretSchema.pattern);

type Availability = { available: true } | { available: false; reason: QuickUnlockRefusal };

export interface QuickUnlockKeychainOptions {
  cipher: OsCipher;
  files: SecretFiles;
  /** Where the ciphertext lives: a file in app.getPath('userData'). */
  filePath: string;
  platform: string;
}

export class QuickUnlockKeychain {
  constructor(private readonly options: QuickUnlockKeychainOptions) {}

  /**
   * Refuses Linux's 'basic_text' store: it "encrypts" with a key hard-coded in Chromium's source, which is
   * obfuscation, not protection. 'unknown' means Chromium found no secret store (or was asked before ready).
   * Elsewhere (macOS Keychain, Windows DPAPI) the OS says whether encryption is available.
   */
  async availability(): Promise<Availability> {
    const { cipher, platform } = this.options;
    if (platform === 'linux') {
      const backend = cipher.backend();
      if (backend === 'basic_text') return { available: false, reason: 'basic-text' };
      if (backend === undefined || backend === 'unknown') return { available: false, reason: 'no-keyring' };
    }
    if (!(await cipher.isAvailable())) return { available: false, reason: 'no-keyring' };
    return { available: true };
  }

  async status(): Promise<QuickUnlockStatus> {
    const availability = await this.availability();
    if (!availability.available) return availability;
    return { available: true, stored: (await this.readFile()) !== undefined };
  }

  async store(secret: string): Promise<void> {
    const availability = await this.availability();
    if (!availability.available) throw new QuickUnlockRefusedError(availability.reason);
    if (!SECRET_PATTERN.test(secret)) throw new Error('refused: the quick-unlock secret is not base64');
    await this.write(await this.options.cipher.encrypt(secret));
  }

  /**
   * The secret, or undefined: none stored, quick unlock unavailable now (the file is kept, the keyring may come
   * back), or a file that no longer opens (damaged, or the keychain lost its key), which is removed, so the next
   * unlock asks for the passphrase and the person can turn quick unlock on again.
   */
  async read(): Promise<string | undefined> {
    if (!(await this.availability()).available) return undefined;
    const stored = await this.readFile();
    if (stored === undefined) return undefined;
    if (stored === 'damaged') {
      await this.clear();
      return undefined;
    }
    let opened: { plainText: string; stale: boolean };
    try {
      opened = await this.options.cipher.decrypt(stored);
    } catch {
      await this.clear();
      return undefined;
    }
    if (!SECRET_PATTERN.test(opened.plainText)) {
      await this.clear();
      return undefined;
    }
    if (opened.stale) {
      // Best effort: the secret opened, so this unlock succeeds even if rewriting it fails.
      await this.options.cipher
        .encrypt(opened.plainText)
        .then((ciphertext) => this.write(ciphertext))
        .catch(() => undefined);
    }
    return opened.plainText;
  }

  async clear(): Promise<void> {
    await this.options.files.rm(this.options.filePath, { force: true });
  }

  /** The stored ciphertext, undefined when there is no file, 'damaged' when there is one we cannot use. */
  private async readFile(): Promise<Buffer | 'damaged' | undefined> {
    let raw: Buffer;
    try {
      raw = await this.options.files.readFile(this.options.filePath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new Error(
        `the quick-unlock file could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        { cause: error },
      );
    }
    try {
      const parsed = JSON.parse(raw.toString('utf8')) as Partial<QuickUnlockFile>;
      if (parsed.v !== FILE_VERSION || typeof parsed.ciphertext !== 'string' || parsed.ciphertext === '') {
        return 'damaged';
      }
      return Buffer.from(parsed.ciphertext, 'base64');
    } catch {
      return 'damaged';
    }
  }

  /** Writes a fresh file with mode 0600 and renames it into place, so a crash never leaves half a file. */
  private async write(ciphertext: Buffer): Promise<void> {
    const { files, filePath } = this.options;
    const temporary = `${filePath}.tmp`;
    const body: QuickUnlockFile = { v: FILE_VERSION, ciphertext: ciphertext.toString('base64') };
    await files.rm(temporary, { force: true });
    await files.writeFile(temporary, JSON.stringify(body), { mode: QUICK_UNLOCK_FILE_MODE, flag: 'wx' });
    await files.rename(temporary, filePath);
  }
}
