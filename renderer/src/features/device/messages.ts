import type { DeepStrings } from '../../i18n/deep-strings';

/**
 * The device feature's part of the UI catalogues (renderer/src/i18n registers each under its key: `device`): English, and
 * Japanese with exactly the same keys. Kept beside the feature so that its text is edited in one place.
 */

export const deviceEn = {
  heading: 'This device',
  syncHeading: 'Sync status',
  owner: 'Enrolled for {{name}}, {{role}}',
  fingerprint: 'Fingerprint',
  autoLock: 'Lock after inactivity',
  minutes_one: '{{count}} minute',
  minutes_other: '{{count}} minutes',
  addHeading: 'Add another device',
  addIntro:
    'Get a one-time code here and enter it on your other device. A manager then approves that device after comparing its fingerprint.',
  addSubmit: 'Get a code for another device',
  codeOnce:
    'Enter this code on your other device. It is shown only once and expires {{time, datetime(dateStyle: medium; timeStyle: short)}}.',
  done: 'Done: hide the code',
};

export const deviceJa: DeepStrings<typeof deviceEn> = {
  heading: 'この端末',
  syncHeading: '同期の状態',
  owner: '{{name}}さん（{{role}}）の端末として登録されています',
  fingerprint: 'フィンガープリント',
  autoLock: '操作がないときに自動でロックするまでの時間',
  minutes_one: '{{count}}分',
  minutes_other: '{{count}}分',
  addHeading: '別の端末を追加する',
  addIntro:
    'ここで1回限りのコードを取得し、別の端末で入力してください。その後、マネージャーがフィンガープリントを照合してその端末を承認します。',
  addSubmit: '別の端末用のコードを取得',
  codeOnce:
    'このコードを別の端末で入力してください。表示されるのは一度だけで、有効期限は{{time, datetime(dateStyle: medium; timeStyle: short)}}です。',
  done: '完了（コードを隠す）',
};
