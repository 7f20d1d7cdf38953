import { mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  osCipherFrom,
  QUICK_UNLOCK_FILE_MODE,
  QuickUnlockKeychain,
  QuickUnlockRefusedError,
  type OsCipher,
  type SafeStorageLike,
  type SecretFiles,
} from './keychain';

const SECRET = 'q1ZmG0yqVx8pE4sVb9mQ3kR7tW2nL5hJ8cA6dF0gH1iK2lM3nO4pQ5rS6tU7vW8xY9zA0bC1';

/** A stand-in for the OS keychain: reversible, but never the identity, so a leak of the secret would show. */
function fakeCipher(overrides: Partial<OsCipher> & { backendName?: string } = {}): OsCipher {
  const { backendName = 'gnome_libsecret', ...rest } = overrides;
  return {
    backend: () => backendName,
    isAvailable: async () => true,
    encrypt: async (plainText) => Buffer.from(`sealed:${[...plainText].reverse().join('')}`),
    async decrypt(encrypted) {
      const text = encrypted.toString('utf8');
      if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided');
      return { plainText: [...text.slice('sealed:'.length)].reverse().join(''), stale: false };
    },
    ...rest,
  };
}

const realFiles: SecretFiles = { readFile, writeFile, rename, rm };

describe('QuickUnlockKeychain', () => {
  let folder: string;
  let filePath: string;

  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'lumina-keychain-'));
    filePath = path.join(folder, 'quick-unlock.json');
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const keychain = (cipher: OsCipher, platform = 'linux', files: SecretFiles = realFiles) =>
    new QuickUnlockKeychain({ cipher, files, filePath, platform });

  it('stores only the keychain ciphertext, in a file only the owner can read, and reads the secret back', async () => {
    const chain = keychain(fakeCipher());
    expect(await chain.status()).toEqual({ available: true, stored: false });
    await chain.store(SECRET);

    const onDisk = await readFile(filePath, 'utf8');
    expect(onDisk).not.toContain(SECRET);
    expect(Buffer.from(JSON.parse(onDisk).ciphertext, 'base64').toString()).not.toContain(SECRET);
    expect((await stat(filePath)).mode & 0o777).toBe(QUICK_UNLOCK_FILE_MODE);
    expect(await chain.status()).toEqual({ available: true, stored: true });
    expect(await chain.read()).toBe(SECRET);
  });

  it('replaces an earlier secret and forgets it on clear', async () => {
    const chain = keychain(fakeCipher());
    await chain.store(SECRET);
    await chain.store('b3RoZXItc2VjcmV0LXZhbHVlLWZvci10ZXN0');
    expect(await chain.read()).toBe('b3RoZXItc2VjcmV0LXZhbHVlLWZvci10ZXN0');
    await chain.clear();
    expect(await chain.read()).toBeUndefined();
    expect(await chain.status()).toEqual({ available: true, stored: false });
    await expect(chain.clear()).resolves.toBeUndefined();
  });

  it("refuses Linux's basic_text store, which only obfuscates with a hard-coded key", async () => {
    const cipher = fakeCipher({ backendName: 'basic_text' });
    const encrypt = vi.spyOn(cipher, 'encrypt');
    const chain = keychain(cipher);
    expect(await chain.status()).toEqual({ available: false, reason: 'basic-text' });
    await expect(chain.store(SECRET)).rejects.toThrow(QuickUnlockRefusedError);
    await expect(chain.store(SECRET)).rejects.toThrow(/not available on this device \(basic-text\)/);
    expect(encrypt).not.toHaveBeenCalled();
    await expect(stat(filePath)).rejects.toThrow(/ENOENT/);
  });

  it('refuses when Linux found no secret store, or the OS says encryption is unavailable', async () => {
    expect(await keychain(fakeCipher({ backendName: 'unknown' })).status()).toEqual({
      available: false,
      reason: 'no-keyring',
    });
    expect(await keychain(fakeCipher({ isAvailable: async () => false }), 'darwin').status()).toEqual({
      available: false,
      reason: 'no-keyring',
    });
    // The Linux backend name means nothing on other systems: DPAPI and the macOS Keychain decide there.
    expect(await keychain(fakeCipher({ backendName: 'basic_text' }), 'win32').status()).toEqual({
      available: true,
      stored: false,
    });
  });

  it('keeps the file but answers nothing while the keychain is unavailable', async () => {
    await keychain(fakeCipher()).store(SECRET);
    expect(await keychain(fakeCipher({ backendName: 'basic_text' })).read()).toBeUndefined();
    expect(await keychain(fakeCipher()).read()).toBe(SECRET);
  });

  it('answers undefined when no ciphertext is stored', async () => {
    const decrypt = vi.fn();
    expect(await keychain(fakeCipher({ decrypt })).read()).toBeUndefined();
    expect(decrypt).not.toHaveBeenCalled();
  });

  it.each([
    ['not JSON', 'garbage{'],
    ['another version', JSON.stringify({ v: 2, ciphertext: 'c2VhbGVk' })],
    ['no ciphertext', JSON.stringify({ v: 1 })],
    ['a ciphertext the keychain cannot open', JSON.stringify({ v: 1, ciphertext: 'bm90IHNlYWxlZA==' })],
    [
      'a plaintext that is not a secret',
      JSON.stringify({ v: 1, ciphertext: Buffer.from('sealed:<script>').toString('base64') }),
    ],
  ])('removes a damaged file (%s) and answers undefined', async (_label, contents) => {
    await writeFile(filePath, contents);
    const chain = keychain(fakeCipher());
    expect(await chain.status()).toEqual({ available: true, stored: true });
    expect(await chain.read()).toBeUndefined();
    await expect(stat(filePath)).rejects.toThrow(/ENOENT/);
    expect(await chain.status()).toEqual({ available: true, stored: false });
  });

  it('re-encrypts a secret the keychain reports as stale (key rotation)', async () => {
    await keychain(fakeCipher()).store(SECRET);
    const before = await readFile(filePath, 'utf8');
    const base = fakeCipher();
    const rotated = fakeCipher({
      decrypt: async (encrypted) => ({ ...(await base.decrypt(encrypted)), stale: true }),
      encrypt: async (plainText) => Buffer.from(`sealed:${[...plainText].reverse().join('')}`).reverse(),
    });
    expect(await keychain(rotated).read()).toBe(SECRET);
    expect(await readFile(filePath, 'utf8')).not.toBe(before);
  });

  it('refuses a secret that is not base64 before encrypting it', async () => {
    const cipher = fakeCipher();
    const encrypt = vi.spyOn(cipher, 'encrypt');
    await expect(keychain(cipher).store('not base64!')).rejects.toThrow(/not base64/);
    expect(encrypt).not.toHaveBeenCalled();
  });

  it('reports an unreadable file with its error code only, never the path contents', async () => {
    const files: SecretFiles = {
      ...realFiles,
      readFile: async () => {
        throw Object.assign(new Error(`EACCES: permission denied, open '${filePath}'`), { code: 'EACCES' });
      },
    };
    await expect(keychain(fakeCipher(), 'linux', files).read()).rejects.toThrow(
      'the quick-unlock file could not be read (EACCES)',
    );
  });
});

describe('osCipherFrom', () => {
  it('prefers the asynchronous safeStorage API and passes key rotation on', async () => {
    const safeStorage: SafeStorageLike = {
      getSelectedStorageBackend: () => 'kwallet6',
      isAsyncEncryptionAvailable: async () => true,
      encryptStringAsync: async (text) => Buffer.from(`a:${text}`),
      decryptStringAsync: async (data) => ({ result: data.toString().slice(2), shouldReEncrypt: true }),
      isEncryptionAvailable: () => false,
      encryptString: () => {
        throw new Error('the synchronous API must not be used');
      },
      decryptString: () => {
        throw new Error('the synchronous API must not be used');
      },
    };
    const cipher = osCipherFrom(safeStorage);
    expect(cipher.backend()).toBe('kwallet6');
    expect(await cipher.isAvailable()).toBe(true);
    const sealed = await cipher.encrypt('abc');
    expect(sealed.toString()).toBe('a:abc');
    expect(await cipher.decrypt(sealed)).toEqual({ plainText: 'abc', stale: true });
  });

  it("falls back to Electron 41's synchronous API", async () => {
    const safeStorage: SafeStorageLike = {
      getSelectedStorageBackend: () => 'gnome_libsecret',
      isEncryptionAvailable: () => true,
      encryptString: (text) => Buffer.from(`s:${text}`),
      decryptString: (data) => data.toString().slice(2),
    };
    const cipher = osCipherFrom(safeStorage);
    expect(await cipher.isAvailable()).toBe(true);
    expect(await cipher.decrypt(await cipher.encrypt('abc'))).toEqual({ plainText: 'abc', stale: false });
  });

  it('is unavailable when neither API exists', async () => {
    const cipher = osCipherFrom({});
    expect(cipher.backend()).toBeUndefined();
    expect(await cipher.isAvailable()).toBe(false);
    await expect(cipher.encrypt('abc')).rejects.toThrow(/no safeStorage/);
  });
});
