import type { ConsentMethod, ConsentPurpose, ProvisionPurpose } from '../../../../shared/domain/consent';
import type { Partner } from '../../../../shared/domain/partner';
import type { PurposeRow, PurposeState } from './consent-states';
import { consentsEn, consentsJa } from './messages';

/** The receipt's languages: the client reads it, so EN or JA whatever the UI's. */
export const RECEIPT_LANGUAGES = ['en', 'ja'] as const;
export type ReceiptLanguage = (typeof RECEIPT_LANGUAGES)[number];

/** The first of the client's languages (preferred first) a receipt is written in; English otherwise. */
export function receiptLanguage(clientLanguages: readonly string[] | undefined): ReceiptLanguage {
  for (const tag of clientLanguages ?? []) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'ja' || primary === 'en') return primary;
  }
  return 'en';
}

export interface ReceiptLine {
  purpose: ConsentPurpose;
  partnerId?: string;
  /** `provision`: the catalogue purpose the consent names (absent on consents from before the catalogue). */
  purposeCode?: ProvisionPurpose;
  country?: string;
  state: PurposeState;
  /** The record the line is about: the consent in force, or the withdrawal that ended it. */
  recordId?: string;
  noticeVersion?: string;
  noticeHash?: string;
  noticeLanguage?: string;
  method?: ConsentMethod;
  /** When given (in force) or withdrawn (epoch ms). */
  at?: number;
}

/** One line per purpose of the Consents tab's state: what is in force, withdrawn, or was never given. */
export function receiptLines(rows: readonly PurposeRow[]): ReceiptLine[] {
  return rows.map((row) => {
    const record = row.live ?? row.withdrawal;
    return {
      purpose: row.purpose,
      ...(row.partnerId ? { partnerId: row.partnerId } : {}),
      ...(row.purposeCode ? { purposeCode: row.purposeCode } : {}),
      ...(row.country ? { country: row.country } : {}),
      state: row.state,
      ...(record
        ? {
            recordId: record.id,
            noticeVersion: record.noticeVersion,
            noticeHash: record.noticeHash,
            noticeLanguage: record.language,
            method: record.method,
            at: record.at,
          }
        : {}),
    };
  });
}

/**
 * The directory's entry for the partner a line names: its name in the receipt's language and its country (apart from
 * the record's `partnerCountry`, the country the client was told).
 */
function partnerDetails(
  partnerId: string | undefined,
  partners: readonly Pick<Partner, 'id' | 'names' | 'country'>[],
  language: ReceiptLanguage,
) {
  const partner = partnerId === undefined ? undefined : partners.find((held) => held.id === partnerId);
  return partner ? { partner: { name: partner.names[language], country: partner.country } } : {};
}

const PROVISION_PURPOSE_WORDS = { en: consentsEn.provisionPurposes, ja: consentsJa.provisionPurposes };

/** A provision line's catalogue purpose in the receipt's language, as the printed page words it. */
export const purposeName = (code: ProvisionPurpose, language: ReceiptLanguage) =>
  PROVISION_PURPOSE_WORDS[language][code];

/**
 * The receipt as JSON: the same lines as the printed page, and how to withdraw (in the receipt's language). A line
 * naming a partner keeps its `partnerId` and adds `partner`, the directory's name and country, when the directory here
 * holds it; a line naming a catalogue purpose keeps its `purposeCode` and adds `purposeName`, its words in the
 * receipt's language.
 */
export function receiptJson(receipt: {
  client: { id: string; name: string };
  issuedAt: number;
  language: ReceiptLanguage;
  lines: readonly ReceiptLine[];
  partners?: readonly Pick<Partner, 'id' | 'names' | 'country'>[];
  howToWithdraw: string;
}): string {
  return JSON.stringify(
    {
      kind: 'lumina.consent-receipt.v1',
      controller: 'LUMINA Japan',
      client: receipt.client,
      issuedAt: new Date(receipt.issuedAt).toISOString(),
      language: receipt.language,
      consents: receipt.lines.map((line) => ({
        ...line,
        ...partnerDetails(line.partnerId, receipt.partners ?? [], receipt.language),
        ...(line.purposeCode ? { purposeName: purposeName(line.purposeCode, receipt.language) } : {}),
        ...(line.at !== undefined ? { at: new Date(line.at).toISOString() } : {}),
      })),
      howToWithdraw: receipt.howToWithdraw,
    },
    null,
    2,
  );
}
