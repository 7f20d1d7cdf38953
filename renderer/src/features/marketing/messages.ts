import type { DeepStrings } from '../../i18n/deep-strings';

/**
 * The marketing feature's part of the UI catalogues (registered under `marketing`): the list of clients who may
 * receive marketing, and its CSV export. "Marketing consent" is マーケティングへの同意 throughout.
 */
export const marketingEn = {
  heading: 'Marketing list',
  intro:
    'Only clients with a marketing consent in force are listed and exported. A client who never consented, or withdrew, never appears.',
  loading: 'Loading…',
  checkedServer: 'Checked against this device’s consent ledger and the server’s.',
  checkedDevice: 'Checked against this device’s consent ledger only: the server could not be reached.',
  checking: 'Asking the server…',
  recheck: 'Check with the server again',
  count_one: '{{count}} client may receive marketing.',
  count_other: '{{count}} clients may receive marketing.',
  leftOut_one: '{{count}} client without a marketing consent in force was left out.',
  leftOut_other: '{{count}} clients without a marketing consent in force were left out.',
  none: 'No client has a marketing consent in force.',
  listLabel: 'Clients who may receive marketing',
  column: {
    name: 'Name',
    language: 'Preferred language',
    email: 'E-mail',
  },
  noLanguage: 'Not recorded',
  noEmail: 'No e-mail',
  export: 'Export as CSV',
  exported_one: 'Exported {{count}} client to {{file}}.',
  exported_other: 'Exported {{count}} clients to {{file}}.',
};

export const marketingJa: DeepStrings<typeof marketingEn> = {
  heading: 'マーケティングリスト',
  intro:
    'マーケティングへの同意が有効な顧客のみを表示・出力します。同意していない顧客や同意を撤回した顧客は表示されません。',
  loading: '読み込み中…',
  checkedServer: 'この端末とサーバーの同意記録で確認しました。',
  checkedDevice: 'サーバーに接続できないため、この端末の同意記録のみで確認しました。',
  checking: 'サーバーに確認中…',
  recheck: 'サーバーに再確認',
  count_one: 'マーケティングの対象となる顧客は {{count}} 人です。',
  count_other: 'マーケティングの対象となる顧客は {{count}} 人です。',
  leftOut_one: 'マーケティングへの同意が有効でない顧客 {{count}} 人を除外しました。',
  leftOut_other: 'マーケティングへの同意が有効でない顧客 {{count}} 人を除外しました。',
  none: 'マーケティングへの同意が有効な顧客はいません。',
  listLabel: 'マーケティングの対象となる顧客',
  column: {
    name: '氏名',
    language: '希望言語',
    email: 'メール',
  },
  noLanguage: '未登録',
  noEmail: 'メールなし',
  export: 'CSV で出力',
  exported_one: '顧客 {{count}} 人を {{file}} に出力しました。',
  exported_other: '顧客 {{count}} 人を {{file}} に出力しました。',
};
