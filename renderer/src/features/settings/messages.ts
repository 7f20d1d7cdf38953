import type { DeepStrings } from '../../i18n/deep-strings';

/** The Organisation screen (the admin's organisation settings), around its sections. */
export const organisationEn = {
  heading: 'Organisation',
  intro:
    'The organisation’s settings, on every device: the privacy notice shown to clients, and the contact printed on itineraries.',
};

export const organisationJa: DeepStrings<typeof organisationEn> = {
  heading: '組織',
  intro:
    'すべての端末で使われる組織の設定です。顧客に示すプライバシーポリシーと、旅程に印刷される連絡先があります。',
};

/** The organisation's settings (issue 23): its contact details, as the printed itinerary carries them. */
export const orgContactEn = {
  heading: 'Organisation contact',
  intro:
    'The office’s contact details and the 24-hour emergency number, printed on every itinerary in the client’s language. Leave a field empty if there is none.',
  phone: 'Office phone',
  email: 'Office e-mail',
  addressEn: 'Office address (English)',
  addressJa: 'Office address (Japanese)',
  addressHint: 'Printed on itineraries in this language; at most 6 lines.',
  emergencyPhone: '24-hour emergency number',
  phoneHint: 'With the country code, such as +81 3 1234 5678; a number without one is read as Japanese.',
  save: 'Save organisation contact',
  saving: 'Saving…',
  saved: 'Organisation contact saved.',
  notSaved: 'The organisation contact was not saved: correct the fields marked.',
  saveFailed: 'The organisation contact could not be saved ({{code}}).',
  loading: 'Loading…',
  errors: {
    'invalid-email': 'Enter an e-mail address such as office@example.com.',
    'invalid-phone': 'This is not a valid phone number.',
    'phone-needs-country-code': 'Add the country code, such as +81.',
    'too-long': 'At most {{max}} characters.',
    'too-many': 'At most {{max}} lines.',
  },
};

export const orgContactJa: DeepStrings<typeof orgContactEn> = {
  heading: '組織の連絡先',
  intro:
    '事務所の連絡先と24時間対応の緊急連絡先です。すべての旅程に顧客の言語で印刷されます。該当がない項目は空欄にしてください。',
  phone: '事務所の電話番号',
  email: '事務所のメールアドレス',
  addressEn: '事務所の住所（英語）',
  addressJa: '事務所の住所（日本語）',
  addressHint: 'この言語の旅程に印刷されます。6 行までです。',
  emergencyPhone: '24時間対応の緊急連絡先',
  phoneHint: '+81 3 1234 5678 のように国番号を付けて入力します。国番号のない番号は日本の番号として読みます。',
  save: '組織の連絡先を保存',
  saving: '保存中…',
  saved: '組織の連絡先を保存しました。',
  notSaved: '組織の連絡先は保存されていません。印の付いた項目を直してください。',
  saveFailed: '組織の連絡先を保存できませんでした（{{code}}）。',
  loading: '読み込み中…',
  errors: {
    'invalid-email': 'office@example.com のようなメールアドレスを入力してください。',
    'invalid-phone': '有効な電話番号ではありません。',
    'phone-needs-country-code': '+81 のような国番号を付けてください。',
    'too-long': '{{max}} 文字までです。',
    'too-many': '{{max}} 行までです。',
  },
};
