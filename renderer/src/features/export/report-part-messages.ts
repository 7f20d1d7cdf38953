import type { DeepStrings } from '../../i18n/deep-strings';

/**
 * The readable report's labels for the parts of its nested values (report-values.ts): a passport's number and
 * issuing country, a contact's e-mail, a medication's dose… Part of messages.ts's `export.report`, EN and JA with
 * the same keys, in the words the record's own screens use.
 */
export const reportPartsEn = {
  email: 'E-mail',
  phone: 'Phone',
  address: 'Postal address',
  passportNumber: 'Passport number',
  issuingCountry: 'Issuing country',
  validUntil: 'Expiry date',
  seat: 'Seat',
  room: 'Room',
  food: 'Food likes and habits',
  notes: 'Notes',
  relationship: 'Relationship',
  dietaryRestrictions: 'Dietary restrictions',
  mobilityNeeds: 'Mobility needs',
  lifestyleAllergies: 'Allergies hotels and restaurants must know',
  dose: 'Dose',
  schedule: 'Schedule',
  reaction: 'Reaction',
  severity: 'Severity',
  institution: 'Institution',
  date: 'Date',
  kind: 'Kind',
  location: 'Place',
  cost: 'Cost',
};

/** The client's status, in words (the list's badges use the bare word). */
export const reportStatusEn = {
  prospect: 'Prospective client',
  active: 'Current client',
  archived: 'Former client (record archived)',
};

export const reportStatusJa: DeepStrings<typeof reportStatusEn> = {
  prospect: 'ご検討中のお客様',
  active: '現在のお客様',
  archived: '過去のお客様（記録はアーカイブ済み）',
};

export const reportPartsJa: DeepStrings<typeof reportPartsEn> = {
  email: 'メール',
  phone: '電話',
  address: '住所',
  passportNumber: '旅券番号',
  issuingCountry: '発行国',
  validUntil: '有効期限',
  seat: '座席',
  room: '部屋',
  food: '食の好み・習慣',
  notes: 'メモ',
  relationship: '続柄',
  dietaryRestrictions: '食事制限',
  mobilityNeeds: '移動に関する配慮',
  lifestyleAllergies: 'ホテル・レストランに伝えるべきアレルギー',
  dose: '用量',
  schedule: '服用時間',
  reaction: '反応',
  severity: '重症度',
  institution: '医療機関',
  date: '日付',
  kind: '種類',
  location: '場所',
  cost: '費用',
};
