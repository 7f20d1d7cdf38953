/**
 * The qualified invoice issuer's registration number (適格請求書発行事業者の登録番号): 'T' and 13 digits.
 *
 * - A corporation's 13 digits are its corporate number (法人番号), whose first digit is a check digit over the
 *   other twelve (法人番号の指定等に関する省令, 平成26年財務省令第70号, 第2条; NTA,
 *   https://www.houjin-bangou.nta.go.jp/documents/checkdigit.pdf):
 *     check = 9 − ((Σ_{n=1..12} P_n × Q_n) mod 9)
 *   where P_n is the n-th digit of the twelve counted from the right and Q_n is 1 for odd n, 2 for even n; so the
 *   check digit is 1 to 9, never 0.
 * - Anyone else registered (a sole proprietor, an association without legal personality) gets 13 digits that are
 *   neither their My Number nor any corporate number (NTA, https://www.invoice-kohyo.nta.go.jp/about-toroku/).
 *   The NTA publishes no check digit for those numbers, so they are checked for their form only.
 *
 * LUMINA Japan issues as a corporation: its own number is checked with the check digit (`holder: 'corporation'`).
 * The check digit catches any single wrong digit except a 0 read as a 9 or the reverse (both are 0 mod 9), and
 * most swaps of two neighbouring digits. Whether the number is registered (and still is) only the NTA's
 * publication site says: not checked here, offline.
 */

export type RegistrationHolder = 'corporation' | 'other';

export type RegistrationNumberProblem = 'invalid-format' | 'check-digit';

export type RegistrationNumberResult =
  { ok: true; value: string } | { ok: false; problem: RegistrationNumberProblem };

/** The corporate number's check digit for its twelve base digits (the省令's formula above). */
export function corporateCheckDigit(base12: string): number {
  if (!/^\d{12}$/.test(base12)) throw new RangeError('twelve digits expected');
  let sum = 0;
  for (let n = 1; n <= 12; n += 1) sum += Number(base12[12 - n]) * (n % 2 === 1 ? 1 : 2);
  return 9 - (sum % 9);
}

/**
 * Reads a registration number as people type or print it: full-width characters, a lower-case 't', spaces and
 * hyphens between digit groups (T1-2345-6789-0123) are accepted; the value kept is 'T' and 13 digits.
 */
export function parseRegistrationNumber(
  typed: string,
  holder: RegistrationHolder = 'corporation',
): RegistrationNumberResult {
  const compact = typed
    .normalize('NFKC')
    .trim()
    .replace(/[\s\-‐‑–—−ー]/g, '')
    .toUpperCase();
  const match = /^T([1-9]\d{12})$/.exec(compact);
  if (!match) return { ok: false, problem: 'invalid-format' };
  const digits = match[1] as string;
  if (holder === 'corporation' && Number(digits[0]) !== corporateCheckDigit(digits.slice(1))) {
    return { ok: false, problem: 'check-digit' };
  }
  return { ok: true, value: `T${digits}` };
}
