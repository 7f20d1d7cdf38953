import { FieldErrors, type ValidationResult } from './validation';

/** "Change my passphrase" as typed: the current passphrase, and the new one twice. */
export interface PassphraseChangeDraft {
  current: string;
  passphrase: string;
  confirmation: string;
}

export interface PassphraseChange {
  current: string;
  passphrase: string;
}

/**
 * A passphrase change, under the rules of enrolment: the new passphrase strong enough (measured on the device and
 * passed in, undefined while measuring counts as not), typed the same twice; the current one given. Whether the
 * current one is right only the device vault can say.
 */
export function validatePassphraseChange(
  draft: PassphraseChangeDraft,
  passphraseAcceptable: boolean | undefined,
): ValidationResult<PassphraseChange> {
  const errors = new FieldErrors();
  if (draft.current === '') errors.add('current', 'required');
  if (passphraseAcceptable !== true) errors.add('passphrase', 'too-weak');
  if (draft.passphrase !== draft.confirmation) errors.add('confirmation', 'mismatch');
  return errors.result({ current: draft.current, passphrase: draft.passphrase });
}
