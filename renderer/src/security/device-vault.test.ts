import { beforeAll, describe, expect, it } from 'vitest';
import { loadSodium, openJson, sealJson, type Sodium } from '../../../shared/crypto/index';
import { blindIndexOf } from '../store/blind-index';
import { DeviceVault, LockedError, StaleQuickUnlockError, WrongPassphraseError } from './device-vault';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    items,
  };
}

const context = { collection: 'lumina-vault/clients', documentId: 'c-1', fieldPath: '_sealed' };

describe('DeviceVault', () => {
  let sodium: Sodium;
  beforeAll(async () => {
    sodium = await loadSodium();
  });

  it('seals a random vault key under the passphrase and keeps no secret in clear', () => {
    const storage = memoryStorage();
    const vault = new DeviceVault(sodium, storage);
    expect(vault.isSetUp()).toBe(false);
    const keyring = vault.setUp('a long enough passphrase');
    const stored = [...storage.items.values()].join();
    expect(stored).not.toContain(sodium.to_base64(keyring.vaultKey().bytes));
    expect(stored).not.toContain('a long enough passphrase');
    expect(JSON.parse(stored).sealed.kdf.memLimitBytes).toBeGreaterThanOrEqual(64 * 1024 * 1024);
    expect(vault.isSetUp()).toBe(true);
  });

  it('refuses a short passphrase and a second set-up', () => {
    const vault = new DeviceVault(sodium, memoryStorage());
    expect(() => vault.setUp('short')).toThrow(/at least 12 characters/);
    vault.setUp('a long enough passphrase');
    expect(() => vault.setUp('another long passphrase')).toThrow(/already has a vault/);
  });

  it('changing the passphrase re-wraps the same vault key: data sealed before still opens, the old passphrase no longer does', () => {
    const vault = new DeviceVault(sodium, memoryStorage());
    const first = vault.setUp('the first passphrase');
    const envelope = sealJson(sodium, first.vaultKey(), { name: 'Amelia' }, context);
    const keyBytes = sodium.to_hex(first.vaultKey().bytes);
    first.lock();

    vault.changePassphrase('the first passphrase', 'the second passphrase');
    const second = vault.unlock('the second passphrase');
    expect(sodium.to_hex(second.vaultKey().bytes)).toBe(keyBytes);
    expect(openJson(sodium, second.vaultKey(), envelope, context)).toEqual({ name: 'Amelia' });
    expect(() => vault.unlock('the first passphrase')).toThrow(WrongPassphraseError);
  });

  it('lock wipes the key bytes and refuses further use', () => {
    const vault = new DeviceVault(sodium, memoryStorage());
    const keyring = vault.setUp('a long enough passphrase');
    const bytes = keyring.vaultKey().bytes;
    keyring.lock();
    expect(bytes.every((b) => b === 0)).toBe(true);
    expect(keyring.locked).toBe(true);
    expect(() => keyring.vaultKey()).toThrow(LockedError);
  });

  it('lock wipes the keys derived from the vault key for the blind index too (review16-s6 m3)', () => {
    const derived: Uint8Array[] = [];
    const spying = {
      ...sodium,
      crypto_generichash: (...args: unknown[]) => {
        const hash = (sodium.crypto_generichash as (...a: unknown[]) => Uint8Array)(...args);
        if (args[0] === 32) derived.push(hash);
        return hash;
      },
    } as Sodium;
    const keyring = new DeviceVault(sodium, memoryStorage()).setUp('a long enough passphrase');
    const index = blindIndexOf(spying, 'auditEvents', 3)!;
    index.bucketOf(keyring.vaultKey(), 'a client', 'row');
    expect(derived).toHaveLength(1);
    expect(derived[0]!.some((b) => b !== 0)).toBe(true);
    keyring.lock();
    expect(derived[0]!.every((b) => b === 0)).toBe(true);
  });

  it('quick unlock: the secret opens the same vault key without the passphrase', () => {
    const vault = new DeviceVault(sodium, memoryStorage());
    const first = vault.setUp('a long enough passphrase');
    const envelope = sealJson(sodium, first.vaultKey(), { name: 'Amelia' }, context);
    const secret = vault.quickUnlockSecret(first);
    expect(secret).toMatch(/^[A-Za-z0-9_-]+$/);
    first.lock();

    const reopened = vault.unlockWithKey(secret);
    expect(openJson(sodium, reopened.vaultKey(), envelope, context)).toEqual({ name: 'Amelia' });
    reopened.lock();
    // Each unlock gets its own copy of the key: locking one keyring does not break the next.
    expect(vault.unlockWithKey(secret).locked).toBe(false);
  });

  it('quick unlock refuses a key of another vault, and anything that is not a secret', () => {
    const here = new DeviceVault(sodium, memoryStorage());
    here.setUp('a long enough passphrase');
    const elsewhere = new DeviceVault(sodium, memoryStorage());
    const otherSecret = elsewhere.quickUnlockSecret(elsewhere.setUp('another long passphrase'));
    expect(() => here.unlockWithKey(otherSecret)).toThrow(StaleQuickUnlockError);
    expect(() => here.unlockWithKey('not base64!')).toThrow(StaleQuickUnlockError);
    expect(() => here.unlockWithKey(sodium.to_base64(new Uint8Array(32)))).toThrow(StaleQuickUnlockError);
    expect(() => new DeviceVault(sodium, memoryStorage()).unlockWithKey(otherSecret)).toThrow(/no vault yet/);
  });
});
