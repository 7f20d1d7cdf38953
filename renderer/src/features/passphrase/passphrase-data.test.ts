import { describe, expect, it } from 'vitest';
import { loadSodium } from '../../../../shared/crypto/index';
import { DeviceVault, WrongPassphraseError } from '../../security/device-vault';
import { changeDevicePassphrase } from './passphrase-data';

describe('changing this device’s passphrase', () => {
  it('re-wraps the vault key under the new one, and refuses a wrong current one without changing anything', async () => {
    const items = new Map<string, string>();
    const storage = {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
    };
    const vault = new DeviceVault(await loadSodium(), storage);
    const keyId = vault.setUp('the first passphrase here').vaultKey().id;

    await expect(
      changeDevicePassphrase('not the passphrase', 'a second passphrase', storage),
    ).rejects.toThrow(WrongPassphraseError);
    expect(vault.unlock('the first passphrase here').vaultKey().id).toBe(keyId);

    await changeDevicePassphrase('the first passphrase here', 'a second passphrase', storage);
    expect(vault.unlock('a second passphrase').vaultKey().id).toBe(keyId);
    expect(() => vault.unlock('the first passphrase here')).toThrow(WrongPassphraseError);
  });
});
