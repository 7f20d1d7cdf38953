import type { ProvisionItem } from './provision';
import type { ShareField } from './share-request';

/**
 * The label of each field a share may carry, in English and Japanese: what the request form offers, what a
 * manager sees would leave, what a provision record lists, and what the sealed package's items are labelled with.
 */
export const SHARE_FIELD_LABELS: Record<ShareField, { en: string; ja: string }> = {
  names: { en: 'Names', ja: '氏名' },
  nationality: { en: 'Nationality', ja: '国籍' },
  dateOfBirth: { en: 'Date of birth', ja: '生年月日' },
  languages: { en: 'Languages', ja: '言語' },
  contact: { en: 'Contact details', ja: '連絡先' },
  passport: { en: 'Passport', ja: 'パスポート' },
  preferences: { en: 'Preferences', ja: '希望事項' },
  emergencyContacts: { en: 'Emergency contacts', ja: '緊急連絡先' },
  lifestyle: { en: 'Lifestyle and dietary needs', ja: '生活・食事の配慮' },
  'medical.history': { en: 'Medical history', ja: '既往歴' },
  'medical.currentMedications': { en: 'Current medications', ja: '服用中の薬' },
  'medical.allergies': { en: 'Allergies', ja: 'アレルギー' },
  'medical.conditions': { en: 'Conditions', ja: '現在の疾患' },
  'medical.documentNotes': { en: 'Medical document notes', ja: '医療書類のメモ' },
  'medical.plannedTreatments': { en: 'Planned treatments', ja: '予定している治療' },
};

export const isMedicalShareField = (field: string) => field.startsWith('medical.');

/** The items a share of `fields` carries, in the order given: a provision record's `items`. */
export const shareItems = (fields: readonly ShareField[]): ProvisionItem[] =>
  fields.map((key) => ({ key, label: { ...SHARE_FIELD_LABELS[key] } }));
