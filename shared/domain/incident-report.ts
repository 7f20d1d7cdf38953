import { assessIncident, type DataCategory, type Incident, type IncidentCause } from './incident';

/**
 * A draft of the nine items of the PPC's breach report (PPC rules Art. 8(1)), pre-filled from the register, in
 * Japanese (the language of the report) with English alongside for the DPO. A draft: the DPO completes and files it.
 */

export interface ReportItem {
  item: number;
  labelJa: string;
  labelEn: string;
  ja: string;
  en: string;
}

const CATEGORY: Record<DataCategory, [string, string]> = {
  medical: [
    '病歴・服薬・アレルギー等の医療情報（要配慮個人情報）',
    'medical information (special care-required)',
  ],
  passport: ['旅券情報', 'passport details'],
  contact: ['連絡先（メールアドレス・電話番号・住所）', 'contact details (e-mail, phone, address)'],
  identity: ['氏名・生年月日・国籍', 'name, date of birth, nationality'],
  financial: ['決済・口座情報', 'payment and bank details'],
  trip: ['旅程・滞在先', 'itinerary and accommodation'],
  other: ['その他', 'other'],
};

const CAUSE: Record<IncidentCause, [string, string]> = {
  'lost-device': ['端末の紛失', 'loss of a device'],
  'stolen-device': ['端末の盗難', 'theft of a device'],
  misdelivery: ['誤送付・誤送信', 'sent to the wrong recipient'],
  'unauthorised-access': ['不正アクセス', 'unauthorised access'],
  malware: ['マルウェア感染', 'malware'],
  insider: ['従業者による不正な持出し・閲覧', 'misuse by a member of staff'],
  other: ['その他', 'other'],
};

/** Japan Standard Time, UTC+9 all year (Japan keeps no daylight saving time). */
const JST_OFFSET_MS = 9 * 3_600_000;
/** The calendar date in Japan (the PPC's), YYYY-MM-DD: a discovery at 08:00 JST is on that day, not the UTC day before. */
export const japanDate = (at: number): string => new Date(at + JST_OFFSET_MS).toISOString().slice(0, 10);

const PENDING: [string, string] = ['調査中', 'under investigation'];
const or = (value: string | undefined, fallback: [string, string]): [string, string] =>
  value && value.trim() ? [value, value] : fallback;

export function ppcReportDraft(incident: Incident): ReportItem[] {
  const { facts } = incident;
  const assessment = assessIncident(facts);
  const categories = facts.dataCategories.map((category) => CATEGORY[category]);
  const told = new Set(incident.notifications.map((n) => n.clientId)).size;
  const date = japanDate(incident.discoveredAt);
  const encryption: [string, string] = facts.encrypted
    ? facts.keyExposed
      ? ['暗号化されていたが、復号鍵も漏えいした', 'encrypted, but the key was exposed too']
      : ['高度な暗号化が施され、復号鍵は漏えいしていない', 'under strong encryption; the key was not exposed']
    : ['暗号化されていなかった', 'not encrypted'];
  const item = (n: number, labelJa: string, labelEn: string, [ja, en]: [string, string]): ReportItem => ({
    item: n,
    labelJa,
    labelEn,
    ja,
    en,
  });
  return [
    item(1, '概要', 'Summary', [
      `${date} に発覚。${CAUSE[facts.cause][0]}。${facts.summary}`,
      `Discovered on ${date}. ${CAUSE[facts.cause][1]}. ${facts.summary}`,
    ]),
    item(2, '漏えい等が発生し、又は発生したおそれがある個人データの項目', 'Data items affected', [
      categories.map(([ja]) => ja).join('、') || PENDING[0],
      categories.map(([, en]) => en).join(', ') || PENDING[1],
    ]),
    item(3, '本人の数', 'Number of people', [`${assessment.people} 名`, `${assessment.people}`]),
    item(4, '原因', 'Cause', [CAUSE[facts.cause][0], CAUSE[facts.cause][1]]),
    item(
      5,
      '二次被害又はそのおそれの有無及びその内容',
      'Secondary harm, or its risk',
      or(facts.secondaryHarm, PENDING),
    ),
    item(6, '本人への対応の実施状況', 'Response to the people affected', [
      `${assessment.people} 名中 ${told} 名に通知済み`,
      `${told} of ${assessment.people} told`,
    ]),
    item(7, '公表の実施状況', 'Publication', or(facts.publication, ['未定', 'not decided'])),
    item(8, '再発防止のための措置', 'Measures against recurrence', or(facts.prevention, PENDING)),
    item(9, 'その他参考となる事項', 'Other', encryption),
  ];
}
