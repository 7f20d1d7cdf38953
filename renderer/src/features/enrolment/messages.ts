import type { DeepStrings } from '../../i18n/deep-strings';

/**
 * The recovery sheet's part of the UI catalogues (renderer/src/i18n): English, and Japanese with exactly the same
 * keys. Kept beside the feature so that its text is edited in one place.
 */
export const recoveryEn = {
  heading: 'Organisation recovery key',
  intro:
    'This key can open every client’s medical data if all devices holding it are lost. It is shown once and is not stored anywhere: print this sheet and keep it locked away, offline.',
  keyLabel: 'Recovery key',
  fingerprintLabel: 'Fingerprint',
  createdLabel: 'Created',
  print: 'Print',
  stored: 'I have printed this sheet and stored it safely',
  continue: 'Continue',
  warning: 'Anyone holding this sheet can read medical data. Never photograph it or keep it on a computer.',
};

export const recoveryJa: DeepStrings<typeof recoveryEn> = {
  heading: '組織の復旧キー',
  intro:
    'このキーは、キーを持つすべての端末が失われた場合に、すべての顧客の医療情報を開くことができます。表示は一度だけで、どこにも保存されません。このシートを印刷し、オフラインで施錠して保管してください。',
  keyLabel: '復旧キー',
  fingerprintLabel: 'フィンガープリント',
  createdLabel: '作成日時',
  print: '印刷',
  stored: 'このシートを印刷し、安全に保管しました',
  continue: '続ける',
  warning: 'このシートを持つ人は医療情報を読めます。撮影したり、コンピューターに保存したりしないでください。',
};
