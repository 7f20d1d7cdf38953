import type { DeepStrings } from '../../i18n/deep-strings';

/**
 * The medical part of the UI catalogues (renderer/src/i18n): English, and Japanese with exactly the same keys.
 * Kept beside the feature so that each feature's text is edited in one place.
 */
export const medicalEn = {
  heading: 'Medical',
  sectionHeading: 'Medical section',
  loading: 'Loading the medical section…',
  none: 'No medical section has been written for this client yet.',
  readOnly: 'Your role cannot write or change a medical section.',
  sealed:
    'A sealed medical section exists for this client. Its content is shown only to staff granted access.',
  noAccess: 'You have not been granted access to it.',
  whoCanGrant: 'Who can grant you access',
  nobodyCanGrant:
    'No one who may grant access holds the key on a device that is in use. The DPO, or a manager, can restore access with the organisation recovery key from the printed sheet, under Recovery.',
  show: 'Show medical section',
  hide: 'Hide',
  write: 'Write the medical section',
  save: 'Save medical section',
  saving: 'Saving…',
  saved: 'Medical section saved.',
  cancel: 'Cancel',
  opening: 'Opening…',
  auditNotice:
    'Opening the section is recorded in the audit log (who, when, which fields, from which device).',
  consent: {
    heading: 'Consent to medical data',
    inForce:
      'Consent to medical data in force: notice {{version}}, {{method}}, {{time, datetime(dateStyle: medium; timeStyle: short)}}, recorded by {{name}}.',
    renewalDue:
      'Notice {{version}} changed the use of medical data: record the client’s renewed consent (Consents tab) before {{deadline, datetime(dateStyle: medium; timeStyle: short)}}, when medical writes stop.',
    gate: {
      'no-consent':
        'No consent to medical data is recorded: nothing medical can be written until the client gives it.',
      'consent-withdrawn': 'The client withdrew consent to medical data. Nothing medical can be written.',
      'renewal-required':
        'The client’s consent to medical data must be renewed under notice {{version}}: medical writes stopped on {{deadline, datetime(dateStyle: medium; timeStyle: short)}}.',
    },
    record: 'Record consent to medical data',
    recorded: 'Consent recorded.',
    seeConsents: 'The Consents tab shows the whole consent ledger, withdrawals and the receipt.',
  },
  fields: {
    history: 'Medical history',
    currentMedications: 'Current medications',
    allergies: 'Allergies',
    conditions: 'Conditions',
    documentNotes: 'Notes on documents',
    plannedTreatments: 'Planned treatments',
    medicationName: 'Medication',
    dose: 'Dose',
    schedule: 'Schedule',
    substance: 'Substance',
    reaction: 'Reaction',
    severity: 'Severity',
    conditionName: 'Condition',
    conditionNotes: 'Notes',
    description: 'Treatment',
    institution: 'Institution',
    date: 'Date',
    noSeverity: 'Not stated',
    addRow: 'Add a row',
    removeRow: 'Remove row {{number}}',
    row: 'Row {{number}}',
  },
  severity: {
    mild: 'Mild',
    moderate: 'Moderate',
    severe: 'Severe',
    anaphylaxis: 'Anaphylaxis',
  },
  ask: {
    ask: 'Ask for access',
    asked:
      'You asked for access on {{time, datetime(dateStyle: medium; timeStyle: short)}}. Those who may grant it see your request on Today.',
    withdraw: 'Withdraw my request',
    failed: 'The request could not be sent: the server is needed. Try again when online.',
    waiting: '{{name}} asks for access to the medical section of {{client}}',
    askedBadge: 'asked for access',
    decline: 'Decline',
    declineFor: 'Decline the request of {{name}}',
    declined: 'The request of {{name}} is declined.',
  },
  access: {
    heading: 'Access to the medical section',
    intro:
      'Granting lets the person open the section on their approved devices. Revoking locks the section with a new key that they never receive.',
    hasAccess: 'Has access',
    noAccess: 'No access',
    you: '(you)',
    notAssigned: 'not assigned to this client: receives the section once assigned',
    grant: 'Grant access',
    revoke: 'Revoke access',
    grantTo: 'Grant access to {{name}}',
    revokeFrom: 'Revoke access of {{name}}',
    granted: 'Access granted to {{name}}.',
    revoked: 'Access of {{name}} revoked; the section now has a new key.',
    revokedKeyKept:
      'Access of {{name}} revoked. Without a consent in force the section cannot be re-sealed: its key stays until a consent is recorded.',
    needKey: 'Only a person who holds the key can grant access. Ask one of them.',
    empty: 'No other active staff member.',
  },
  errors: {
    required: 'Required.',
    'too-long': 'At most {{max}} characters.',
    'too-many': 'At most {{max}} rows.',
    'invalid-format': 'Not in the expected format.',
    'invalid-date': 'Not a valid date.',
    'date-in-future': 'Cannot be in the future.',
    'unknown-option': 'Choose one of the options.',
    other: 'Check this field.',
  },
  failures: {
    'no-consent': 'The client’s consent to medical data must be recorded first.',
    'consent-withdrawn': 'The client withdrew consent to medical data.',
    'renewal-required':
      'The client’s consent to medical data must be renewed after the change of the privacy notice.',
    'no-access': 'This device does not hold the client’s key.',
    'no-section': 'There is no medical section yet.',
    'not-allowed': 'Your role may not do this.',
    'no-recovery-key':
      'The organisation recovery key is not known to this device yet. Connect and try again.',
    'no-devices': 'This person has no approved device to grant access to.',
    'own-access': 'You cannot revoke your own access.',
    'changed-meanwhile': 'The section changed meanwhile. Try again.',
    crypto: 'The section could not be opened ({{code}}).',
    wrongKey:
      'The key this device holds for this client does not open the medical section: it may have been planted. Nothing was written. Tell the Data Protection Officer, and ask a person who holds access to grant it to you again.',
    other: 'That did not work ({{code}}).',
  },
};

export const medicalJa: DeepStrings<typeof medicalEn> = {
  heading: '医療情報',
  sectionHeading: '医療情報セクション',
  loading: '医療情報を読み込んでいます…',
  none: 'この顧客の医療情報はまだ作成されていません。',
  readOnly: 'あなたの役割では医療情報の作成や変更はできません。',
  sealed:
    'この顧客には暗号化された医療情報があります。内容はアクセスを許可されたスタッフにのみ表示されます。',
  noAccess: 'あなたにはアクセス権が付与されていません。',
  whoCanGrant: 'アクセス権を付与できる人',
  nobodyCanGrant:
    '使用中の端末で鍵を持ち、アクセス権を付与できる人がいません。個人情報保護責任者またはマネージャーが、印刷した復旧シートの組織の復旧キーで、「アクセス回復」からアクセスを回復できます。',
  show: '医療情報を表示',
  hide: '隠す',
  write: '医療情報を作成',
  save: '医療情報を保存',
  saving: '保存しています…',
  saved: '医療情報を保存しました。',
  cancel: 'キャンセル',
  opening: '開いています…',
  auditNotice: '医療情報を開くと監査ログに記録されます（誰が、いつ、どの項目を、どの端末から）。',
  consent: {
    heading: '医療情報の取扱いへの同意',
    inForce:
      '医療情報の取扱いへの同意あり：ポリシー {{version}}、{{method}}、{{time, datetime(dateStyle: medium; timeStyle: short)}}、記録者 {{name}}。',
    renewalDue:
      'ポリシー {{version}} で医療情報の取扱いが変更されました。{{deadline, datetime(dateStyle: medium; timeStyle: short)}} までに顧客の再同意を記録してください（「同意」タブ）。期限後は医療情報を記録できません。',
    gate: {
      'no-consent':
        '医療情報の取扱いへの同意が記録されていません。顧客が同意するまで医療情報は記録できません。',
      'consent-withdrawn': '顧客は医療情報の取扱いへの同意を撤回しました。医療情報は記録できません。',
      'renewal-required':
        '顧客はポリシー {{version}} のもとで医療情報の取扱いに再同意する必要があります。{{deadline, datetime(dateStyle: medium; timeStyle: short)}} 以降、医療情報は記録できません。',
    },
    record: '医療情報の取扱いへの同意を記録',
    recorded: '同意を記録しました。',
    seeConsents: '「同意」タブで同意の記録の全体、撤回、同意の控えを確認できます。',
  },
  fields: {
    history: '既往歴',
    currentMedications: '服用中の薬',
    allergies: 'アレルギー',
    conditions: '疾患・状態',
    documentNotes: '書類に関するメモ',
    plannedTreatments: '予定している治療',
    medicationName: '薬剤名',
    dose: '用量',
    schedule: '服用時間',
    substance: '物質',
    reaction: '反応',
    severity: '重症度',
    conditionName: '疾患・状態',
    conditionNotes: 'メモ',
    description: '治療内容',
    institution: '医療機関',
    date: '日付',
    noSeverity: '記載なし',
    addRow: '行を追加',
    removeRow: '{{number}}行目を削除',
    row: '{{number}}行目',
  },
  severity: {
    mild: '軽度',
    moderate: '中等度',
    severe: '重度',
    anaphylaxis: 'アナフィラキシー',
  },
  ask: {
    ask: 'アクセス権を依頼',
    asked:
      '{{time, datetime(dateStyle: medium; timeStyle: short)}}にアクセス権を依頼しました。付与できる人の「今日」に表示されます。',
    withdraw: '依頼を取り下げる',
    failed:
      '依頼を送信できませんでした。サーバーへの接続が必要です。オンラインのときにもう一度お試しください。',
    waiting: '{{name}}さんが{{client}}様の医療情報へのアクセス権を依頼しています',
    askedBadge: 'アクセス権を依頼中',
    decline: '断る',
    declineFor: '{{name}}さんの依頼を断る',
    declined: '{{name}}さんの依頼を断りました。',
  },
  access: {
    heading: '医療情報へのアクセス',
    intro:
      'アクセス権を付与すると、その人は承認済みの端末で医療情報を開けます。取り消すと、その人が受け取らない新しい鍵で医療情報が保護し直されます。',
    hasAccess: 'アクセス権あり',
    noAccess: 'アクセス権なし',
    you: '（あなた）',
    notAssigned: 'この顧客の担当ではありません（担当になると受け取ります）',
    grant: 'アクセス権を付与',
    revoke: 'アクセス権を取り消す',
    grantTo: '{{name}}にアクセス権を付与',
    revokeFrom: '{{name}}のアクセス権を取り消す',
    granted: '{{name}}にアクセス権を付与しました。',
    revoked: '{{name}}のアクセス権を取り消しました。医療情報は新しい鍵で暗号化されました。',
    revokedKeyKept:
      '{{name}}のアクセス権を取り消しました。有効な同意がないため医療情報を暗号化し直せません。同意が記録されるまで鍵はそのままです。',
    needKey: 'アクセス権を付与できるのは鍵を持つ人だけです。鍵を持つ人に依頼してください。',
    empty: 'ほかに有効なスタッフはいません。',
  },
  errors: {
    required: '必須です。',
    'too-long': '{{max}}文字以内で入力してください。',
    'too-many': '{{max}}行までです。',
    'invalid-format': '形式が正しくありません。',
    'invalid-date': '正しい日付ではありません。',
    'date-in-future': '未来の日時は指定できません。',
    'unknown-option': '選択肢から選んでください。',
    other: 'この項目を確認してください。',
  },
  failures: {
    'no-consent': '先に顧客の医療情報の取扱いへの同意を記録してください。',
    'consent-withdrawn': '顧客は医療情報の取扱いへの同意を撤回しました。',
    'renewal-required': 'プライバシーポリシーの変更後、顧客の医療情報の取扱いへの再同意が必要です。',
    'no-access': 'この端末は顧客の鍵を持っていません。',
    'no-section': '医療情報はまだありません。',
    'not-allowed': 'あなたの役割ではこの操作はできません。',
    'no-recovery-key':
      'この端末は組織の復旧キーをまだ受け取っていません。接続してからもう一度お試しください。',
    'no-devices': 'この人には付与先となる承認済みの端末がありません。',
    'own-access': '自分自身のアクセス権は取り消せません。',
    'changed-meanwhile': 'その間に医療情報が変更されました。もう一度お試しください。',
    crypto: '医療情報を開けませんでした（{{code}}）。',
    wrongKey:
      'この端末がこの顧客について保持している鍵では医療情報を開けません。不正に置かれた鍵の可能性があります。何も記録していません。個人情報保護責任者に連絡し、アクセス権を持つ人にもう一度付与を依頼してください。',
    other: '操作に失敗しました（{{code}}）。',
  },
};
