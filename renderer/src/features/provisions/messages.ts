import type { DeepStrings } from '../../i18n/deep-strings';

/** The provision ledger's part of the UI catalogues (APPI Art. 29/30): English, and Japanese with the same keys. */
export const provisionsEn = {
  heading: 'Provision records',
  intro:
    'Every provision of this client’s data to a partner and every receipt from one, kept at least 3 years. Records are never changed.',
  none: 'No record.',
  json: 'Download as JSON',
  print: 'Print this page',
  kind: {
    provided: 'Provided to',
    received: 'Received from',
    'destroy-notified': 'Partner told to destroy',
  },
  columns: {
    date: 'Date',
    kind: 'Record',
    partner: 'Partner',
    items: 'Items',
    consent: 'Consent relied on',
    people: 'Asked / approved by',
    package: 'Package id and hash',
    obtained: 'How the partner obtained it',
    recordedBy: 'Recorded by',
  },
  toDestroy: 'The client withdrew the consent: the partner is to be told to destroy this package',
  markDestroyed: 'Record that the partner was told to destroy it',
  destroyList: {
    heading: 'Packages to be destroyed',
    intro:
      'Delivered packages whose client has withdrawn the consent they relied on. A delivered package cannot be recalled: tell the partner to destroy it, then record that you did.',
    none: 'No package to be destroyed.',
    line: '{{client}}: package delivered to {{partner}} on {{date}}',
    package: 'Package',
  },
  receiptHeading: 'Record data received from a partner (Art. 30)',
  receiptPartner: 'Partner the data came from',
  receiptItem: 'What was received (English)',
  receiptItemJa: 'What was received (Japanese)',
  obtainedHow: 'How the partner obtained it',
  receiptSave: 'Record the receipt',
  receiptSaved: 'Recorded.',
  receiptRequired: 'Choose a partner and fill in every field.',
  failed: 'Not recorded ({{code}}).',
};

export const provisionsJa: DeepStrings<typeof provisionsEn> = {
  heading: '提供記録',
  intro:
    'この顧客のデータの提携先への提供と、提携先からの受領をすべて記録します。3年以上保存し、記録は変更されません。',
  none: '記録はありません。',
  json: 'JSON でダウンロード',
  print: 'このページを印刷',
  kind: {
    provided: '提供先',
    received: '受領元',
    'destroy-notified': '提携先に廃棄を依頼',
  },
  columns: {
    date: '日付',
    kind: '記録',
    partner: '提携先',
    items: '項目',
    consent: '根拠とした同意',
    people: '依頼者／承認者',
    package: 'パッケージIDとハッシュ',
    obtained: '提携先の取得経緯',
    recordedBy: '記録者',
  },
  toDestroy: '顧客が同意を撤回しました。提携先にこのパッケージの廃棄を依頼してください',
  markDestroyed: '提携先に廃棄を依頼したことを記録',
  destroyList: {
    heading: '廃棄を依頼するパッケージ',
    intro:
      '顧客が根拠となる同意を撤回した、提供済みのパッケージです。提供済みのパッケージは回収できません。提携先に廃棄を依頼し、依頼したことを記録してください。',
    none: '廃棄を依頼するパッケージはありません。',
    line: '{{client}}：{{date}} に {{partner}} へ提供したパッケージ',
    package: 'パッケージ',
  },
  receiptHeading: '提携先から受領したデータを記録（第30条）',
  receiptPartner: 'データの提供元の提携先',
  receiptItem: '受領した内容（英語）',
  receiptItemJa: '受領した内容（日本語）',
  obtainedHow: '提携先の取得経緯',
  receiptSave: '受領を記録',
  receiptSaved: '記録しました。',
  receiptRequired: '提携先を選び、すべての項目を入力してください。',
  failed: '記録できませんでした（{{code}}）。',
};
