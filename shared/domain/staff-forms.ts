import { codePattern, normaliseCode } from '../auth/protocol';
import { isRole, type Role } from '../auth/roles';
import { FieldErrors, textField, type ValidationResult } from './validation';

/**
 * The staff forms: inviting a staff member, and setting up or enrolling a device. Their rules are the server's
 * request schemas (shared/auth/protocol.ts): a name of 1 to 100 characters with no control characters, a code of
 * 20 letters and digits, a role; what a form accepts, the server accepts.
 */

/** The longest staff or device name the server takes. */
export const STAFF_NAME_MAX_LENGTH = 100;
/** A control character the tidying does not fold away (tabs and line breaks become spaces). */
const isControl = (char: string) => {
  const code = char.charCodeAt(0);
  return (code < 0x20 && !/\s/.test(char)) || code === 0x7f;
};
const CODE = new RegExp(codePattern);

/** A tidied name, required, at most 100 characters, no control characters (the server's `displayName`). */
function nameField(errors: FieldErrors, path: string, raw: string): string | undefined {
  if ([...raw].some(isControl)) {
    errors.add(path, 'invalid-format');
    return undefined;
  }
  return textField(errors, path, raw, { max: STAFF_NAME_MAX_LENGTH, required: true });
}

export interface InvitationDraft {
  displayName: string;
  role: string;
}

export interface Invitation {
  displayName: string;
  role: Role;
}

/** An invitation as typed: a name, and a role the inviter may give (only an admin invites an admin). */
export function validateInvitation(draft: InvitationDraft, inviterRole: Role): ValidationResult<Invitation> {
  const errors = new FieldErrors();
  const displayName = nameField(errors, 'displayName', draft.displayName);
  let role: Role | undefined;
  if (!isRole(draft.role)) errors.add('role', 'unknown-option');
  else if (draft.role === 'admin' && inviterRole !== 'admin') errors.add('role', 'not-allowed');
  else role = draft.role;
  return errors.result({ displayName: displayName!, role: role! });
}

export type EnrolmentMode = 'join' | 'setup';

export interface EnrolmentDraft {
  mode: EnrolmentMode;
  /** The setup code (mode `setup`) or invitation code (`join`), as typed. */
  code: string;
  /** The first admin's name (mode `setup` only). */
  displayName: string;
  deviceName: string;
  passphrase: string;
  confirmation: string;
}

export type Enrolment =
  | { mode: 'setup'; setupCode: string; displayName: string; deviceName: string; passphrase: string }
  | { mode: 'join'; invitationCode: string; deviceName: string; passphrase: string };

/**
 * An enrolment as typed. Whether the passphrase is strong enough is measured on the device (zxcvbn, with the
 * names typed here as words to avoid) and passed in: `passphraseAcceptable` (undefined while it is still being
 * measured counts as not acceptable). The passphrase itself is taken exactly as typed.
 */
export function validateEnrolment(
  draft: EnrolmentDraft,
  passphraseAcceptable: boolean | undefined,
): ValidationResult<Enrolment> {
  const errors = new FieldErrors();
  const code = normaliseCode(draft.code);
  if (!CODE.test(code)) errors.add('code', 'invalid-format');
  const displayName =
    draft.mode === 'setup' ? nameField(errors, 'displayName', draft.displayName) : undefined;
  const deviceName = nameField(errors, 'deviceName', draft.deviceName);
  if (passphraseAcceptable !== true) errors.add('passphrase', 'too-weak');
  if (draft.passphrase !== draft.confirmation) errors.add('confirmation', 'mismatch');
  const { passphrase } = draft;
  return errors.result<Enrolment>(
    draft.mode === 'setup'
      ? { mode: 'setup', setupCode: code, displayName: displayName!, deviceName: deviceName!, passphrase }
      : { mode: 'join', invitationCode: code, deviceName: deviceName!, passphrase },
  );
}
