import type { DeepStrings } from '../../i18n/deep-strings';

/** The Recovery screen (issue 19): restoring access to medical sections with the organisation recovery key. */
export const keyRecoveryEn = {
  heading: 'Restore medical access',
  intro:
    'When no one in use can open a client’s medical section, or no one who can open it may grant access (a lost laptop, staff who left), the organisation recovery key restores it. Type the key from the printed recovery sheet: it is used on this device for this restore only, never stored, and wiped at once.',
  loading: 'Looking for medical sections that need the recovery key…',
  sectionsLegend: 'Medical sections to restore',
  none: 'No medical section needs the recovery key: someone in use who may grant access holds each one.',
  selectAll: 'Select all ({{count}})',
  reasons: {
    'device-revoked': 'every device holding the key is revoked',
    'holders-left': 'everyone holding the key has left',
    'no-holder': 'no one holds the key',
    'no-granter': 'held only by {{names}}, who may not grant access',
  },
  notRecoverable: 'No recovery key copy of its current key: the recovery key cannot open it.',
  staffLegend: 'Give access to',
  staffHint:
    'Each approved device of the people chosen receives the key. A concierge reaches only the clients assigned to them. Someone who may grant access (a coordinator or a manager) can then grant others, and their device replaces the key of clients that revoked devices held.',
  staffOption: '{{name}} ({{role}})',
  noStaff: 'No active staff member has an approved device.',
  codeLabel: 'Recovery key from the printed sheet',
  codeHint:
    '55 letters and digits in 11 groups of five. Case, spaces and hyphens do not matter; O reads as zero, I and L as one.',
  restore: 'Restore access',
  restoring: 'Restoring…',
  chooseSections: 'Choose at least one medical section.',
  chooseStaff: 'Choose at least one person to give access to.',
  problems: {
    length: 'The recovery key has the wrong length: it is 55 letters and digits. Nothing was changed.',
    character:
      'The recovery key holds a character that is not on the sheet (the sheet uses digits and letters other than I, L, O and U). Nothing was changed.',
    checksum:
      'The recovery key does not match its check: a character was miscopied. Compare it group by group with the sheet. Nothing was changed.',
    'other-organisation':
      'This recovery key is not this organisation’s (its fingerprint is {{fingerprint}}; this organisation’s is {{expected}}). Nothing was changed.',
  },
  errors: {
    'not-allowed': 'Your role may not restore medical access.',
    'no-devices': 'None of the people chosen has an approved device.',
    'no-recovery-key':
      'The organisation recovery key is not known to this device yet. Connect and try again.',
    other: 'The restore failed ({{code}}). Nothing was changed.',
  },
  restored_one: 'Access restored to {{count}} medical section for {{names}}.',
  restored_other: 'Access restored to {{count}} medical sections for {{names}}.',
  nothingNew: 'The people chosen already hold the key of every section chosen. Nothing was changed.',
  failed: 'Not restored: {{clients}}.',
  failedClient: '{{name}} ({{reason}})',
  failReasons: {
    'no-section': 'no medical section',
    'no-recovery-wrap': 'no recovery key copy',
    'bad-signature': 'the recovery key copy does not verify',
    tampered: 'the recovery key copy is damaged',
    other: 'error',
  },
  fingerprintNote: 'This organisation’s recovery key fingerprint (on the sheet): {{fingerprint}}',
  audited: 'Each restore is recorded in the access log: who restored, for which client, to whom.',
};

export const keyRecoveryJa: DeepStrings<typeof keyRecoveryEn> = {
  heading: '医療情報へのアクセスの回復',
  intro:
    '使用中の誰も顧客の医療情報を開けない場合、または開ける人がアクセス権を付与できない場合（パソコンの紛失、退職したスタッフ）、組織の復旧キーでアクセスを回復できます。印刷した復旧シートのキーを入力してください。この端末でこの回復にだけ使われ、保存されず、すぐに消去されます。',
  loading: '復旧キーが必要な医療情報を探しています…',
  sectionsLegend: '回復する医療情報',
  none: '復旧キーが必要な医療情報はありません。どの医療情報も、アクセス権を付与できる使用中の人がキーを持っています。',
  selectAll: 'すべて選択（{{count}}件）',
  reasons: {
    'device-revoked': 'キーを持つ端末はすべて失効しています',
    'holders-left': 'キーを持つ人は全員退職しています',
    'no-holder': 'キーを持つ人がいません',
    'no-granter': 'キーを持つのはアクセス権を付与できない{{names}}だけです',
  },
  notRecoverable: '現在のキーの復旧キー用の写しがないため、復旧キーでは開けません。',
  staffLegend: 'アクセス権を与える人',
  staffHint:
    '選んだ人の承認済みの端末すべてにキーが渡されます。コンシェルジュは担当の顧客にしか届きません。アクセス権を付与できる人（コーディネーターまたはマネージャー）は、その後ほかの人に付与でき、その端末が、失効した端末が持っていた顧客のキーを取り替えます。',
  staffOption: '{{name}}（{{role}}）',
  noStaff: '承認済みの端末を持つ在籍中のスタッフがいません。',
  codeLabel: '印刷した復旧シートの復旧キー',
  codeHint:
    '英数字55文字、5文字ずつ11組です。大文字と小文字、空白、ハイフンは区別しません。Oはゼロ、IとLは1として読みます。',
  restore: 'アクセスを回復',
  restoring: '回復しています…',
  chooseSections: '医療情報を1件以上選んでください。',
  chooseStaff: 'アクセス権を与える人を1人以上選んでください。',
  problems: {
    length: '復旧キーの長さが違います（英数字55文字です）。何も変更していません。',
    character:
      '復旧キーにシートにない文字が含まれています（シートは数字と、I・L・O・U以外の英字を使います）。何も変更していません。',
    checksum:
      '復旧キーが検査用の文字と一致しません。どこかの文字が写し間違っています。シートと1組ずつ照合してください。何も変更していません。',
    'other-organisation':
      'この復旧キーはこの組織のものではありません（フィンガープリントは{{fingerprint}}、この組織のものは{{expected}}です）。何も変更していません。',
  },
  errors: {
    'not-allowed': 'あなたの役割では医療情報へのアクセスを回復できません。',
    'no-devices': '選んだ人のうち、承認済みの端末を持つ人がいません。',
    'no-recovery-key': '組織の復旧キーがまだこの端末に届いていません。接続してからもう一度試してください。',
    other: '回復できませんでした（{{code}}）。何も変更していません。',
  },
  restored_one: '{{names}}に{{count}}件の医療情報へのアクセスを回復しました。',
  restored_other: '{{names}}に{{count}}件の医療情報へのアクセスを回復しました。',
  nothingNew: '選んだ人は、選んだすべての医療情報のキーをすでに持っています。何も変更していません。',
  failed: '回復できなかったもの：{{clients}}。',
  failedClient: '{{name}}（{{reason}}）',
  failReasons: {
    'no-section': '医療情報がありません',
    'no-recovery-wrap': '復旧キー用の写しがありません',
    'bad-signature': '復旧キー用の写しの署名を確認できません',
    tampered: '復旧キー用の写しが壊れています',
    other: 'エラー',
  },
  fingerprintNote: 'この組織の復旧キーのフィンガープリント（シートに記載）：{{fingerprint}}',
  audited: '回復はすべてアクセスログに記録されます（誰が、どの顧客について、誰に回復したか）。',
};
