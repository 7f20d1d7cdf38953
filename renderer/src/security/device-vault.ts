import {
  CryptoError,
  newDataKey,
  openUnderPassphrase,
  rewrapPassphraseSealed,
  sealUnderPassphrase,
  wipeKey,
  type PassphraseSealed,
  type Sodium,
  type SymmetricKey,
} from '../../../shared/crypto/index';
import type { VaultKeyHolder } from '../store/vault-storage';
import { forgetBlindKeys } from '../store/blind-index';

/** Where the sealed device vault key is kept. It is useless without the passphrase (Argon2id, see the spec). */
export const VAULT_STORAGE_KEY = 'lumina.device-vault.v1';
/** Bound into the sealed vault key, so a staff identity bundle cannot be passed off as a device vault. */
const VAULT_PURPOSE = 'device-vault-key';
export const PASSPHRASE_MIN_LENGTH = 12;

interface StoredVault {
  /** The vault key's id, which every envelope names; not secret. */
  keyId: string;
  sealed: PassphraseSealed;
}

export class LockedError extends Error {
  constructor() {
    super('the app is locked');
  }
}

export class WrongPassphraseError extends Error {
  constructor() {
    super('that passphrase does not unlock this device');
  }
}

/** A quick-unlock secret that is not this vault's key (the vault was set up again since it was stored). */
export class StaleQuickUnlockError extends Error {
  constructor() {
    super('the remembered key does not belong to this device vault');
  }
}

/** Holds the unlocked vault key in memory until lock(), which wipes it. */
export class Keyring implements VaultKeyHolder {
  private key: SymmetricKey | undefined;

  constructor(
    private readonly sodium: Sodium,
    key: SymmetricKey,
  ) {
    this.key = key;
  }

  vaultKey(): SymmetricKey {
    if (!this.key) throw new LockedError();
    return this.key;
  }

  get locked(): boolean {
    return this.key === undefined;
  }

  lock(): void {
    if (this.key) {
      forgetBlindKeys(this.sodium, this.key);
      wipeKey(this.sodium, this.key);
    }
    this.key = undefined;
  }
}

/** The device's vault key, sealed under the staff member's passphrase and kept in local storage. */
export class DeviceVault {
  constructor(
    private readonly sodium: Sodium,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage,
  ) {}

  isSetUp(): boolean {
    return this.storage.getItem(VAULT_STORAGE_KEY) !== null;
  }

  /** First start on this device: a random vault key, sealed under the chosen passphrase. */
  setUp(passphrase: string): Keyring {
    if (this.isSetUp()) throw new Error('this device already has a vault');
    if (passphrase.length < PASSPHRASE_MIN_LENGTH) {
      throw new Error(`a passphrase needs at least ${PASSPHRASE_MIN_LENGTH} characters`);
    }
    const key = newDataKey(this.sodium);
    const stored: StoredVault = {
      keyId: key.id,
      sealed: sealUnderPassphrase(this.sodium, passphrase, key.bytes, undefined, VAULT_PURPOSE),
    };
    this.storage.setItem(VAULT_STORAGE_KEY, JSON.stringify(stored));
    return new Keyring(this.sodium, key);
  }

  unlock(passphrase: string): Keyring {
    const { keyId, sealed } = this.stored();
    try {
      const bytes = openUnderPassphrase(this.sodium, passphrase, sealed, VAULT_PURPOSE);
      return new Keyring(this.sodium, { id: keyId, bytes });
    } catch (error) {
      if (error instanceof CryptoError && (error.code === 'tampered' || error.code === 'wrong-key')) {
        throw new WrongPassphraseError();
      }
      throw error;
    }
  }

  /**
   * What quick unlock keeps in the OS keychain: the vault key's id and bytes, base64url. The id lets
   * unlockWithKey refuse a key left over from an earlier vault on this device.
   */
  quickUnlockSecret(keyring: Keyring): string {
    const key = keyring.vaultKey();
    const id = new TextEncoder().encode(key.id);
    const joined = new Uint8Array(id.length + key.bytes.length);
    joined.set(id);
    joined.set(key.bytes, id.length);
    try {
      return this.sodium.to_base64(joined);
    } finally {
      this.sodium.memzero(joined);
    }
  }

  /** Opens the vault with a secret from quickUnlockSecret, without the passphrase. */
  unlockWithKey(secret: string): Keyring {
    const { keyId } = this.stored();
    let joined: Uint8Array;
    try {
      joined = this.sodium.from_base64(secret);
    } catch {
      throw new StaleQuickUnlockError();
    }
    try {
      const idLength = joined.length - this.sodium.crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
      if (idLength <= 0 || new TextDecoder().decode(joined.subarray(0, idLength)) !== keyId) {
        throw new StaleQuickUnlockError();
      }
      return new Keyring(this.sodium, { id: keyId, bytes: joined.slice(idLength) });
    } finally {
      this.sodium.memzero(joined);
    }
  }

  /** Re-wraps the vault key under a new passphrase; no document is re-encrypted. */
  changePassphrase(oldPassphrase: string, newPassphrase: string): void {
    if (newPassphrase.length < PASSPHRASE_MIN_LENGTH) {
      throw new Error(`a passphrase needs at least ${PASSPHRASE_MIN_LENGTH} characters`);
    }
    const { keyId, sealed } = this.stored();
    const rewrapped: StoredVault = {
      keyId,
      sealed: rewrapPassphraseSealed(this.sodium, oldPassphrase, newPassphrase, sealed, VAULT_PURPOSE),
    };
    this.storage.setItem(VAULT_STORAGE_KEY, JSON.stringify(rewrapped));
  }

  private stored(): StoredVault {
    const raw = this.storage.getItem(VAULT_STORAGE_KEY);
    if (raw === null) throw new Error('this device has no vault yet');
    return JSON.parse(raw) as StoredVault;
  }
}
