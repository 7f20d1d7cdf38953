import { RECOVERY_RECIPIENT_ID, unwrapDataKey, type KeyWrap, type WrapExpectation } from './key-wrap';
import type { SymmetricKey } from './envelope';
import { parseRecoveryCode, RECOVERY_KEY_BYTES, type RecoveryCodeProblem } from './recovery-code';
import type { Sodium } from './sodium';

/**
 * The organisation recovery key typed back from the printed sheet (docs/crypto-spec.md, "Recovery"): the code is
 * parsed (length, character, checksum), its public key recomputed and compared with the organisation's, and only
 * then used to open recovery wraps. The caller wipes it (wipeRecovery) as soon as the wraps are opened; nothing
 * here keeps it.
 */

/** The recovery key pair rebuilt from the code: the X25519 secret key and its public key. */
export interface RecoveryKey {
  boxPublicKey: Uint8Array;
  boxSecretKey: Uint8Array;
}

export type RecoveryKeyProblem = RecoveryCodeProblem | 'other-organisation';

export type RecoveryKeyResult =
  | { ok: true; key: RecoveryKey }
  | {
      ok: false;
      problem: RecoveryKeyProblem;
      /** For 'other-organisation': the fingerprint of the code typed, to compare with the sheet's. */
      fingerprint?: string;
    };

/**
 * What identifies a recovery key on paper and on screen without revealing it: the first 16 bytes of BLAKE2b of the
 * public key, in hex groups of four (printed on the sheet).
 */
export function recoveryKeyFingerprint(sodium: Sodium, publicKey: Uint8Array): string {
  const digest = sodium.crypto_generichash(16, publicKey, null);
  return (sodium.to_hex(digest).match(/.{4}/g) ?? []).join(' ');
}

/**
 * The recovery key from a typed code, if it is the organisation's: a code that parses but whose public key is not
 * `organisationPublicKey` (another organisation's sheet, or an older one) is refused as 'other-organisation', and
 * its secret bytes are wiped before returning.
 */
export function openRecoveryCode(
  sodium: Sodium,
  typed: string,
  organisationPublicKey: Uint8Array,
): RecoveryKeyResult {
  const parsed = parseRecoveryCode(sodium, typed);
  if (!parsed.ok) return parsed;
  const boxPublicKey = sodium.crypto_scalarmult_base(parsed.key);
  if (
    organisationPublicKey.length !== RECOVERY_KEY_BYTES ||
    !sodium.memcmp(boxPublicKey, organisationPublicKey)
  ) {
    sodium.memzero(parsed.key);
    return {
      ok: false,
      problem: 'other-organisation',
      fingerprint: recoveryKeyFingerprint(sodium, boxPublicKey),
    };
  }
  return { ok: true, key: { boxPublicKey, boxSecretKey: parsed.key } };
}

/**
 * Opens a client's recovery wrap (recipient 'org-recovery') with the recovery key: the same checks as any unwrap
 * (unwrapDataKey: the granter's signature under `granterSignPublicKey`, the sealed payload, the labels).
 */
export function unwrapWithRecoveryKey(
  sodium: Sodium,
  wrap: KeyWrap,
  recovery: RecoveryKey,
  granterSignPublicKey: Uint8Array,
  expect: WrapExpectation = {},
): SymmetricKey {
  // unwrapDataKey reads only the id and the box keys of its recipient; the recovery key has no signing key.
  const recipient = {
    staffId: RECOVERY_RECIPIENT_ID,
    boxPublicKey: recovery.boxPublicKey,
    boxSecretKey: recovery.boxSecretKey,
    signPublicKey: new Uint8Array(32),
    signSecretKey: new Uint8Array(64),
  };
  return unwrapDataKey(sodium, wrap, recipient, granterSignPublicKey, expect);
}

/** Zeroes the recovery secret key in place. */
export function wipeRecovery(sodium: Sodium, recovery: RecoveryKey): void {
  sodium.memzero(recovery.boxSecretKey);
}
