import type { SymmetricKey } from '../../../shared/crypto/index';

/** Where the store takes the device vault key from (its own module: the storage and its ledger both need it). */
export interface VaultKeyHolder {
  /** The device vault key; throws when the app is locked. */
  vaultKey(): SymmetricKey;
}
