import type { DeepStrings } from '../../i18n/deep-strings';

/** "Change my passphrase" on This device (registered under `passphraseChange`): English and Japanese. */
export const passphraseChangeEn = {
  heading: 'Change my passphrase',
  intro:
    'The passphrase opens this device only. Your records stay as they are; the new passphrase must meet the same rules as when the device was enrolled.',
  current: 'Current passphrase',
  submit: 'Change passphrase',
  working: 'Changing…',
  done: 'Your passphrase is changed. Use the new one from the next unlock.',
  notSent: 'Nothing was changed: see the fields above.',
  wrong: 'That is not this device’s current passphrase.',
  failed: 'The passphrase could not be changed ({{code}}).',
  problem: {
    current: { required: 'Enter your current passphrase.' },
    passphrase: {
      'too-weak': 'Choose a passphrase that meets both rules.',
      mismatch: 'The two passphrases differ.',
    },
  },
};

export const passphraseChangeJa: DeepStrings<typeof passphraseChangeEn> = {
  heading: 'パスフレーズの変更',
  intro:
    'パスフレーズはこの端末を開くためだけのものです。記録はそのまま残ります。新しいパスフレーズは、端末の登録時と同じ条件を満たす必要があります。',
  current: '現在のパスフレーズ',
  submit: 'パスフレーズを変更',
  working: '変更しています…',
  done: 'パスフレーズを変更しました。次回のロック解除から新しいパスフレーズを使ってください。',
  notSent: '何も変更されていません。上の項目を確認してください。',
  wrong: 'この端末の現在のパスフレーズではありません。',
  failed: 'パスフレーズを変更できませんでした（{{code}}）。',
  problem: {
    current: { required: '現在のパスフレーズを入力してください。' },
    passphrase: {
      'too-weak': '両方の条件を満たすパスフレーズを選んでください。',
      mismatch: '2つのパスフレーズが一致しません。',
    },
  },
};
