import type { DeepStrings } from '../../i18n/deep-strings';

/**
 * The enrolment feature's part of the UI catalogues (renderer/src/i18n registers each under its key: `enrol`,
 * `pending`, `refused`, `wiped`, `recovery`): English, and Japanese with exactly the same keys. Kept beside the
 * feature so that its text is edited in one place.
 */
export const enrolEn = {
  heading: 'Enrol this device',
  intro:
    'Each device has its own keys. Client data on it is encrypted under a passphrase that only you know, and a manager approves the device before it may sync.',
  modeLabel: 'How do you start?',
  modeJoin: 'I have an invitation code',
  modeSetup: 'Set up a new organisation (first start of the server)',
  setupCode: 'Setup code',
  setupCodeHelp: 'The server printed it when it first started. It works once.',
  invitationCode: 'Invitation code',
  invitationCodeHelp: 'From the manager who invited you, or from your other device.',
  displayName: 'Your name',
  deviceName: 'Name of this device',
  deviceNameHelp: 'For example “Aiko’s laptop”: the approver sees it.',
  submitJoin: 'Request access',
  submitSetup: 'Set up and open',
  working: 'Creating this device’s keys…',
  notSent: 'Nothing was sent: see the fields above.',
  // The form's field errors (shared/domain/staff-forms.ts, validateEnrolment): by field, then by code.
  problem: {
    code: { 'invalid-format': 'A code has 20 letters and digits, for example ABCD-EFGH-JKLM-NPQR-STUV.' },
    displayName: {
      required: 'Enter your name.',
      'too-long': 'At most {{max}} characters.',
      'invalid-format': 'A name cannot contain control characters.',
    },
    deviceName: {
      required: 'Name this device.',
      'too-long': 'At most {{max}} characters.',
      'invalid-format': 'A name cannot contain control characters.',
    },
    // Both boxes: the passphrase (too weak) and the confirmation (mismatch).
    passphrase: {
      'too-weak': 'Choose a passphrase that meets both rules.',
      mismatch: 'The two passphrases differ.',
    },
  },
  error: {
    'setup-code-invalid': 'That setup code is not valid (or has expired).',
    'already-set-up': 'This server is already set up: ask a manager for an invitation.',
    'invitation-invalid': 'That invitation code is not valid, was already used, or has expired.',
    'fingerprint-mismatch':
      'The server reported a different fingerprint for this device’s keys. Nothing was saved; tell your administrator.',
    unreachable: 'The server cannot be reached. Check the network and try again.',
    other: 'The device could not be enrolled ({{reason}}).',
  },
};

export const pendingEn = {
  heading: 'Waiting for approval',
  intro: 'A manager must approve this device before it can open client data.',
  fingerprint: 'Fingerprint of this device',
  compare:
    'The manager approving you sees a fingerprint on their screen. Read these digits to each other: they must be identical. If one digit differs, the request must be denied.',
  expires: 'This request expires {{time, datetime(dateStyle: medium; timeStyle: short)}}.',
  checking: 'Waiting for the decision…',
  unreachable: 'The server cannot be reached; still trying.',
  startOver: 'Cancel this request',
};

export const refusedEn = {
  deniedHeading: 'The request was denied',
  deniedIntro: 'A manager denied this device’s enrolment. Its keys have been discarded.',
  expiredHeading: 'The request expired',
  expiredIntro: 'Nobody decided on this device within a day. Ask for a new invitation code.',
  startOver: 'Start again',
};

export const wipedEn = {
  heading: {
    'device-revoked': 'This device was revoked',
    'staff-revoked': 'Your access was revoked',
    'too-many-attempts': 'Too many failed unlock attempts',
  },
  erased: 'All client data and keys on this device have been erased.',
  enrolAgain: 'Enrol again',
};

export const enrolJa: DeepStrings<typeof enrolEn> = {
  heading: 'この端末を登録する',
  intro:
    '端末ごとに固有の鍵があります。端末内の顧客データはあなただけが知るパスフレーズで暗号化され、同期を始める前にマネージャーが端末を承認します。',
  modeLabel: 'どのように始めますか？',
  modeJoin: '招待コードを持っている',
  modeSetup: '新しい組織を設定する（サーバーの初回起動時）',
  setupCode: 'セットアップコード',
  setupCodeHelp: 'サーバーの初回起動時に表示されたコードです。一度だけ使えます。',
  invitationCode: '招待コード',
  invitationCodeHelp: '招待したマネージャー、またはご自分の別の端末から受け取ったコードです。',
  displayName: 'お名前',
  deviceName: 'この端末の名前',
  deviceNameHelp: '例：「愛子のノートPC」。承認する人に表示されます。',
  submitJoin: '利用を申請する',
  submitSetup: '設定して開く',
  working: 'この端末の鍵を作成しています…',
  notSent: '送信していません。上の項目を確認してください。',
  problem: {
    code: { 'invalid-format': 'コードは20文字の英数字です（例：ABCD-EFGH-JKLM-NPQR-STUV）。' },
    displayName: {
      required: 'お名前を入力してください。',
      'too-long': '{{max}}文字以内で入力してください。',
      'invalid-format': '名前に制御文字は使えません。',
    },
    deviceName: {
      required: 'この端末の名前を入力してください。',
      'too-long': '{{max}}文字以内で入力してください。',
      'invalid-format': '名前に制御文字は使えません。',
    },
    passphrase: {
      'too-weak': '両方の条件を満たすパスフレーズを設定してください。',
      mismatch: '2つのパスフレーズが一致しません。',
    },
  },
  error: {
    'setup-code-invalid': 'このセットアップコードは無効か、有効期限が切れています。',
    'already-set-up': 'このサーバーは設定済みです。マネージャーに招待を依頼してください。',
    'invitation-invalid': 'この招待コードは無効か、使用済みか、有効期限が切れています。',
    'fingerprint-mismatch':
      'サーバーが報告したこの端末の鍵のフィンガープリントが異なります。何も保存していません。管理者に連絡してください。',
    unreachable: 'サーバーに接続できません。ネットワークを確認して、もう一度お試しください。',
    other: '端末を登録できませんでした（{{reason}}）。',
  },
};

export const pendingJa: DeepStrings<typeof pendingEn> = {
  heading: '承認を待っています',
  intro: '顧客データを開く前に、マネージャーがこの端末を承認する必要があります。',
  fingerprint: 'この端末のフィンガープリント',
  compare:
    '承認するマネージャーの画面にもフィンガープリントが表示されます。数字を読み合わせて、完全に一致することを確認してください。1桁でも違う場合、申請は拒否されなければなりません。',
  expires: 'この申請の有効期限：{{time, datetime(dateStyle: medium; timeStyle: short)}}',
  checking: '承認の結果を待っています…',
  unreachable: 'サーバーに接続できません。再試行しています。',
  startOver: 'この申請を取り消す',
};

export const refusedJa: DeepStrings<typeof refusedEn> = {
  deniedHeading: '申請は拒否されました',
  deniedIntro: 'マネージャーがこの端末の登録を拒否しました。端末の鍵は破棄されました。',
  expiredHeading: '申請の有効期限が切れました',
  expiredIntro: 'この端末は1日以内に承認されませんでした。新しい招待コードを依頼してください。',
  startOver: 'やり直す',
};

export const wipedJa: DeepStrings<typeof wipedEn> = {
  heading: {
    'device-revoked': 'この端末は失効しました',
    'staff-revoked': 'あなたのアクセス権は失効しました',
    'too-many-attempts': 'ロック解除の失敗が多すぎます',
  },
  erased: 'この端末の顧客データと鍵はすべて消去されました。',
  enrolAgain: 'もう一度登録する',
};

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
