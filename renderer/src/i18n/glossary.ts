/**
 * The app's vocabulary (issue 23): each domain term once, in English and in Japanese, and the words that must not
 * stand in for it. `glossary.test.ts` reads every catalogue against it: a Japanese text whose English names a term
 * must use the term's Japanese word, and no text may use an avoided word. A new term, or an exception with its
 * reason, is added here, never worked around in a catalogue.
 */
export interface GlossaryTerm {
  /** The English term as a whole word or phrase (case-insensitive; a plural in -s counts). */
  en: string;
  /** The Japanese word(s) for it: the Japanese text of a string whose English has the term contains one of them. */
  ja: readonly string[];
  /** Words that must not appear in the Japanese catalogue (synonyms, loanwords, jargon). */
  avoidJa?: readonly string[];
  /** Catalogue keys (dotted paths, a prefix ending in `.` for a whole section) where the rule does not apply, why. */
  except?: Readonly<Record<string, string>>;
}

/** Where the client is addressed directly (the receipt, the report): Japanese politely says お客様 there. */
const CLIENT_FACING = {
  'consents.receipt.': 'the receipt speaks to the client',
  'export.report.': 'the report is written for the client',
};

export const GLOSSARY: readonly GlossaryTerm[] = [
  { en: 'client', ja: ['顧客', 'お客様'], avoidJa: ['クライアント'] },
  { en: 'consent', ja: ['同意'] },
  { en: 'partner', ja: ['提携先'], avoidJa: ['パートナー'] },
  { en: 'share', ja: ['共有'] },
  { en: 'recovery key', ja: ['復旧キー'], avoidJa: ['復旧鍵', 'リカバリーキー', '回復キー'] },
  { en: 'role', ja: ['役割'], avoidJa: ['ロール'] },
  { en: 'device', ja: ['端末'], avoidJa: ['デバイス'] },
  {
    en: 'passphrase',
    ja: ['パスフレーズ'],
    avoidJa: ['パスワード'],
    except: { 'passphrase.warning.': 'the strength meter warns of common passwords, which is what they are' },
  },
  { en: 'medical appointment', ja: ['診察予約'] },
  { en: 'itinerary', ja: ['旅程'] },
  { en: 'erasure', ja: ['消去'], avoidJa: ['抹消'] },
  { en: 'access log', ja: ['アクセスログ'], avoidJa: ['アクセス記録'] },
  { en: 'incident', ja: ['事案'], avoidJa: ['インシデント'] },
  { en: 'privacy notice', ja: ['プライバシーポリシー'], avoidJa: ['プライバシー通知', '告知'] },
  { en: 'concierge', ja: ['コンシェルジュ'] },
  { en: 'coordinator', ja: ['コーディネーター'], avoidJa: ['コーディネータ（'] },
  { en: 'manager', ja: ['マネージャー'], avoidJa: ['マネジャー'] },
  { en: 'DPO', ja: ['個人情報保護責任者'], avoidJa: ['DPO'] },
  { en: 'organisation', ja: ['組織'] },
  { en: 'emergency number', ja: ['緊急連絡先'], avoidJa: ['非常用番号', '緊急番号'] },
  { en: 'e-mail', ja: ['メール'], avoidJa: ['Eメール', 'eメール'] },
];

/** Words no catalogue uses, in either language: protocol and cryptography jargon a person cannot act on. */
export const JARGON: readonly string[] = ['HTTP', 'wraps the', 'JSON Web', 'IndexedDB', 'nonce'];

/**
 * A protocol status number, written out ("code 403", "status 500", "（コード 409）") or interpolated after such a word
 * ("code {{status}}"): the old "HTTP 403" in other words. Checked on the raw text, interpolations included.
 */
export const STATUS_CODE_JARGON = /(\bcode|\bstatus|コード|ステータス)\s*(\{\{\s*\w+\s*\}\}|[1-5]\d\d\b)/i;

/** Client-facing catalogue sections, for terms whose Japanese changes when the client is addressed. */
export const CLIENT_FACING_SECTIONS: Readonly<Record<string, string>> = CLIENT_FACING;
