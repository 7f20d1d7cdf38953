import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadSodium, type Sodium } from '../../../shared/crypto/index';
import { DeviceVault } from './device-vault';
import { QuickUnlock } from './quick-unlock';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  };
}

/** The bridge as the Electron host answers it, with an in-memory keychain. */
function fakeKeychain(status: 'available' | 'basic-text' = 'available') {
  let kept: string | undefined;
  return {
    get kept() {
      return kept;
    },
    quickUnlockStatus: vi.fn(async () =>
      status === 'available'
        ? { available: true as const, stored: kept !== undefined }
        : { available: false as const, reason: status },
    ),
    storeQuickUnlock: vi.fn(async (secret: string) => {
      if (status !== 'available') throw new Error(`quick unlock is not available on this device (${status})`);
      kept = secret;
    }),
    readQuickUnlock: vi.fn(async () => kept),
    clearQuickUnlock: vi.fn(async () => {
      kept = undefined;
    }),
  };
}

describe('QuickUnlock', () => {
  let sodium: Sodium;
  beforeAll(async () => {
    sodium = await loadSodium();
  });

  it('keeps the key only after an unlock with the option ticked, then opens the vault without the passphrase', async () => {
    const vault = new DeviceVault(sodium, memoryStorage());
    const keychain = fakeKeychain();
    const quick = new QuickUnlock(keychain, vault);
    const keyring = vault.setUp('a long enough passphrase');

    expect(await quick.afterUnlock(keyring)).toBe(false);
    expect(keychain.storeQuickUnlock).not.toHaveBeenCalled();

    await quick.choose(true);
    expect(await quick.afterUnlock(keyring)).toBe(true);
    expect(await quick.status()).toEqual({ available: true, stored: true });
    const keyBytes = sodium.to_hex(keyring.vaultKey().bytes);
    keyring.lock();

    const reopened = await quick.unlock();
    expect(sodium.to_hex(reopened!.vaultKey().bytes)).toBe(keyBytes);
    // The choice applies once: a later unlock does not store again.
    expect(await quick.afterUnlock(reopened!)).toBe(false);
    expect(keychain.storeQuickUnlock).toHaveBeenCalledTimes(1);
  });

  it('forgets the kept key as soon as the option is unticked', async () => {
    const vault = new DeviceVault(sodium, memoryStorage());
    const keychain = fakeKeychain();
    const quick = new QuickUnlock(keychain, vault);
    await quick.choose(true);
    await quick.afterUnlock(vault.setUp('a long enough passphrase'));
    await quick.choose(false);
    expect(keychain.kept).toBeUndefined();
    expect(await quick.unlock()).toBeUndefined();
  });

  it('does not fail the unlock when the keychain refuses', async () => {
    const vault = new DeviceVault(sodium, memoryStorage());
    const quick = new QuickUnlock(fakeKeychain('basic-text'), vault);
    await quick.choose(true);
    expect(await quick.afterUnlock(vault.setUp('a long enough passphrase'))).toBe(false);
    expect(await quick.status()).toEqual({ available: false, reason: 'basic-text' });
  });

  it('drops a kept key that belongs to an earlier vault on this device', async () => {
    const keychain = fakeKeychain();
    const earlier = new DeviceVault(sodium, memoryStorage());
    const earlierQuick = new QuickUnlock(keychain, earlier);
    await earlierQuick.choose(true);
    await earlierQuick.afterUnlock(earlier.setUp('a long enough passphrase'));

    const current = new DeviceVault(sodium, memoryStorage());
    current.setUp('another long passphrase');
    expect(await new QuickUnlock(keychain, current).unlock()).toBeUndefined();
    expect(keychain.clearQuickUnlock).toHaveBeenCalled();
    expect(keychain.kept).toBeUndefined();
  });
});
