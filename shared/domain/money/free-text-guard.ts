/**
 * What free text on a money document (a payment's reference, a line's description, a note) must never hold: a
 * payment card number or a bank credential. LUMINA records that a client paid, never the means to pay again.
 *
 * A card number (PAN) is 13 to 19 digits (ISO/IEC 7812) whose last digit is a Luhn check digit, written as one run
 * or in the groups cards print: 4-4-4-4 (and 4-4-4-1…4-4-4-4-3 for the other lengths) or 4-6-5 / 4-6-4 (American
 * Express, Diners), separated by single spaces or hyphens, one separator throughout, and a short last group not
 * followed by more digits. Requiring a card grouping keeps ordinary numbers out:
 * dates (2026-12-08), phone numbers (03-1234-5678, and any number after a '+'), times, invoice numbers
 * (INV-2026-0012), amounts (1,250,000), and a registration number (T + 13 digits). A run of more than 19 digits is
 * not a card number. A random 13–19 digit run passes Luhn one time in ten: such a run typed as one block (a long
 * booking reference) is refused too, and staff write it with its letters or in other groups.
 *
 * A bank credential is a secret that moves money: a PIN, a card's security code (CVV, CVC, セキュリティコード),
 * an online-banking password or passcode (暗証番号, パスワード). Refused when a label is followed by a value: digits
 * (3–12) for a PIN or security code, anything of 4 characters or more after ':' '=' or 'は' for a password. An
 * account number is not a credential (it is printed on every invoice that asks for a transfer) and is not refused.
 */

export type FreeTextProblem = 'card-number' | 'bank-credential';

export interface FreeTextFinding {
  problem: FreeTextProblem;
  /** Where the finding is in the text (UTF-16 offsets), to point at it without repeating it. */
  start: number;
  end: number;
}

/** Whether a string of digits passes the Luhn check (ISO/IEC 7812-1, annex B). */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

const PAN_MIN = 13;
const PAN_MAX = 19;

/** Whether groups of digits (their lengths, in order) are written the way a card prints its number. */
function cardGrouping(lengths: readonly number[]): boolean {
  if (lengths.length === 1) return true;
  const key = lengths.join('-');
  if (key === '4-6-5' || key === '4-6-4') return true;
  const last = lengths[lengths.length - 1] as number;
  return lengths.slice(0, -1).every((length) => length === 4) && last >= 1 && last <= 4;
}

interface Group {
  digits: string;
  start: number;
  end: number;
  /** The separator before the group in its run ('' for the first). */
  separator: string;
}

/** Runs of digit groups joined by one space or one hyphen, each run with the character before it. */
function digitRuns(text: string): { groups: Group[]; before: string }[] {
  const runs: { groups: Group[]; before: string }[] = [];
  const pattern = /\d+(?:[ -]\d+)*/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const groups: Group[] = [];
    const inner = /\d+/g;
    for (let group = inner.exec(match[0]); group; group = inner.exec(match[0])) {
      const start = match.index + group.index;
      const separator = group.index === 0 ? '' : match[0].charAt(group.index - 1);
      groups.push({ digits: group[0], start, end: start + group[0].length, separator });
    }
    runs.push({ groups, before: text.slice(Math.max(0, match.index - 1), match.index) });
  }
  return runs;
}

/** The card numbers in a text: every window of a run's groups that is grouped as a card, 13–19 digits, Luhn-valid. */
export function findCardNumbers(text: string): FreeTextFinding[] {
  const findings: FreeTextFinding[] = [];
  const normalised = text.normalize('NFKC');
  // NFKC keeps the length of digits, spaces and hyphens typed full-width; other characters may change length,
  // so offsets are reported on the normalised text only when it kept the length.
  const offsetsHold = normalised.length === text.length;
  for (const { groups, before } of digitRuns(normalised)) {
    // A phone number in international form; a registration number (T + 13 digits).
    if (before === '+') continue;
    for (let from = 0; from < groups.length; from += 1) {
      for (let to = from; to < groups.length; to += 1) {
        const window = groups.slice(from, to + 1);
        const digits = window.map((group) => group.digits).join('');
        if (digits.length > PAN_MAX) break;
        if (digits.length < PAN_MIN) continue;
        if (from === 0 && /^[Tt]$/.test(before) && digits.length === 13) continue;
        if (!cardGrouping(window.map((group) => group.digits.length)) || !passesLuhn(digits)) continue;
        // A card prints one separator throughout, and its short last group ends the number: "2027-9583 2096-02-01"
        // (an invoice number and a date) is not one.
        if (new Set(window.slice(1).map((group) => group.separator)).size > 1) continue;
        if ((window[window.length - 1] as Group).digits.length < 4 && to < groups.length - 1) continue;
        const start = offsetsHold ? (window[0] as Group).start : 0;
        const end = offsetsHold ? (window[window.length - 1] as Group).end : text.length;
        findings.push({ problem: 'card-number', start, end });
      }
    }
  }
  return findings;
}

const SECRET_DIGITS_LABEL =
  /(?<![\p{L}\p{N}])(?:pin(?:\s*(?:code|number|no\.?))?|cvv2?|cvc2?|security\s+code|暗証番号|セキュリティ\s*コード)(?:\s*(?:[:=：]|is|は))?\s*(\d(?:[ -]?\d){2,11})(?!\d)/giu;
const PASSWORD_LABEL =
  /(?<![\p{L}\p{N}])(?:(?:online[\s-]*banking\s+)?(?:password|passcode|passphrase)|パスワード|ログイン\s*パスワード)\s*(?:[:=：]|は)\s*(\S{4,})/giu;

/** The bank credentials in a text (see the module's comment for what counts). */
export function findBankCredentials(text: string): FreeTextFinding[] {
  const findings: FreeTextFinding[] = [];
  for (const pattern of [SECRET_DIGITS_LABEL, PASSWORD_LABEL]) {
    for (const match of text.matchAll(pattern)) {
      findings.push({ problem: 'bank-credential', start: match.index, end: match.index + match[0].length });
    }
  }
  return findings;
}

/** Everything a text must not hold, in the order it appears; empty when the text may be kept. */
export function freeTextProblems(text: string): FreeTextFinding[] {
  return [...findCardNumbers(text), ...findBankCredentials(text)].sort((a, b) => a.start - b.start);
}
