import { CryptoError, loadSodium } from '../../../../shared/crypto/index';
import { DeviceVault, WrongPassphraseError } from '../../security/device-vault';

/**
 * Seals this device's vault key under a new passphrase (device-vault.ts: the key is re-wrapped, no record is
 * re-encrypted, a key kept by the OS keychain stays valid). Throws WrongPassphraseError when `current` is not this
 * device's passphrase.
 */
export async function changeDevicePassphrase(
  current: string,
  passphrase: string,
  storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage,
): Promise<void> {
  const vault = new DeviceVault(await loadSodium(), storage);
  try {
    vault.changePassphrase(current, passphrase);
  } catch (error) {
    throw error instanceof CryptoError ? new WrongPassphraseError() : error;
  }
}
