export { loadSodium, CryptoError, type Sodium, type CryptoErrorCode } from './sodium';
export {
  sealField,
  openField,
  envelopeKeyId,
  sealJson,
  openJson,
  type FieldContext,
  type SymmetricKey,
} from './field-envelope';
export {
  KDF_FLOOR,
  KDF_DEFAULT,
  KDF_CEILING,
  KDF_SALT_BYTES,
  DEFAULT_PASSPHRASE_PURPOSE,
  PASSPHRASE_SEALED_VERSION,
  newKdfParams,
  checkKdfParams,
  deriveKey,
  sealUnderPassphrase,
  openUnderPassphrase,
  rewrapPassphraseSealed,
  type KdfCost,
  type KdfParams,
  type PassphraseSealed,
} from './passphrase-kdf';
export {
  IDENTITY_BUNDLE_VERSION,
  generateIdentity,
  sealIdentity,
  openIdentity,
  changeIdentityPassphrase,
  bundlePublicKeys,
  wipeIdentity,
  fingerprint,
  type StaffIdentity,
  type SealedIdentityBundle,
} from './identity';
export {
  KEY_WRAP_VERSION,
  RECOVERY_RECIPIENT_ID,
  newDataKey,
  wipeKey,
  wrapDataKey,
  unwrapDataKey,
  signKeyWrap,
  verifyKeyWrap,
  keyWrapSignedBytes,
  type KeyWrap,
  type WrapRecipient,
  type WrapExpectation,
} from './key-wrap';
export {
  createClientKeys,
  openClientKey,
  grant,
  revokeAndRotate,
  shred,
  type ClientKeyState,
  type SealedField,
  type PublicKeys,
  type KeyDirectory,
  type RevokeAndRotateRequest,
  type RevokeAndRotateResult,
} from './client-keys';
export { authChallengeMessage, signAuthChallenge, verifyAuthChallenge } from './device-auth';
export { parseRecoveryCode, recoveryCodeGroups, type RecoveryCodeProblem } from './recovery-code';
export {
  openRecoveryCode,
  recoveryKeyFingerprint,
  unwrapWithRecoveryKey,
  wipeRecovery,
  type RecoveryKey,
  type RecoveryKeyProblem,
  type RecoveryKeyResult,
} from './recovery';
