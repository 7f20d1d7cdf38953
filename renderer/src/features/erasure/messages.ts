import type { DeepStrings } from '../../i18n/deep-strings';

/** The erasure feature's catalogue (registered as `erasure`): the erase dialog, the erasures list, certificates. */
export const erasureEn = {
  erase: 'Erase this client…',
  dialogTitle: 'Erase {{name}} everywhere',
  consequences: {
    intro: 'Erasing this client cannot be undone once the grace period ends. Then:',
    documents:
      'the profile, trips, medical section and consent records’ content become content-free records on the server and on every device; the client’s entries in the request register stay, reduced to type, dates, status and outcome;',
    keys: 'every key to the medical section is destroyed, the recovery sheet’s included: copies of it anywhere (backups, a lost laptop) can never be read again;',
    devices:
      'every device removes the client at its next sync; a device offline now does so when it comes back;',
    kept: 'records the law requires to keep (provision records 3 years, receipts 7 years) stay, reduced to what the law needs;',
    hidden: 'until then the client is hidden everywhere, and an administrator may cancel.',
  },
  basis: 'Why',
  bases: {
    request: 'The client’s erasure request',
    'retention-rule': 'A retention rule',
    'consent-withdrawal': 'Medical consent withdrawn with erasure',
    decision: 'Decision of the data-protection officer',
  },
  reference: 'Reference (request id or matter, no personal data)',
  graceDays: 'Grace period (days)',
  confirmLabel: 'Type the client’s name to confirm',
  confirmMismatch: 'Type the name exactly as shown.',
  part: {
    open: { medical: 'Erase the medical section…', passport: 'Erase the passport data…' },
    scope: { medical: 'medical section only', passport: 'passport data only' },
    title: {
      medical: 'Erase the medical section of {{name}}',
      passport: 'Erase the passport data of {{name}}',
    },
    consequences: {
      medical:
        'The medical section and every wrap of its key, the recovery wrap included, are destroyed when the grace period ends: crypto-shredded, so the sealed details of past medical itinerary items become unreadable too. The rest of the client stays, and the client is not hidden.',
      passport:
        'The passport data is removed from the client record when the grace period ends; every other field stays, and the client is not hidden.',
    },
  },
  fromRequest: {
    heading: 'Carry out the erasure',
    open: 'Erase this client…',
    scheduled:
      'The erasure is scheduled; it is on the Erasures due-list. Answer the request once it is done.',
  },
  submit: 'Schedule erasure',
  cancel: 'Cancel',
  scheduled: 'Erasure scheduled for {{date}}. The client is now hidden.',
  held: 'This client is under a legal hold and cannot be erased: “{{reason}}”, placed by {{by}} on {{date}}.',
  heldUnknown: 'This client is under a legal hold and cannot be erased.',
  failed: 'The erasure could not be scheduled ({{reason}}).',
  offline: 'Erasing needs the server: connect and try again.',
  heading: 'Erasures',
  intro:
    'Every erasure scheduled, cancelled or carried out, by client id (the client is gone once erased). Certificates are signed by the server.',
  loading: 'Loading erasures…',
  none: 'No erasure yet.',
  loadFailed: 'The erasures could not be loaded ({{reason}}).',
  columns: {
    client: 'Client id',
    status: 'Status',
    due: 'Due',
    basis: 'Why',
    hold: 'Legal hold',
    actions: 'Actions',
  },
  holdRow: 'Held: “{{reason}}” since {{date}}; waits until lifted',
  status: { scheduled: 'scheduled', cancelled: 'cancelled', executed: 'erased' },
  cancelErasure: 'Cancel erasure',
  answersRequest:
    'Answers an erasure request of the register: it cannot be cancelled (the requester was told their data would be erased).',
  showCertificate: 'Certificate',
  downloadJson: 'Download JSON',
  close: 'Close',
  certificate: {
    title: 'Erasure certificate',
    client: 'Client id',
    basis: 'Basis',
    reference: 'Reference',
    scheduled: 'Scheduled by {{by}} on {{date}}',
    executed: 'Erased on {{date}}',
    erased: 'Erased records',
    erasedRow: '{{collection}}: {{count}}',
    keys: '{{count}} key wraps destroyed; recovery wrap destroyed: {{recovery}}',
    kept: 'Kept records',
    keptRow: '{{category}}: {{count}} kept until {{date}} ({{reason}})',
    devices: 'Devices that confirmed their purge',
    noDevices: 'No device has confirmed yet.',
    deviceRow: '{{device}} on {{date}}',
    signature: 'Signed by the server key {{key}}',
    yes: 'yes',
    no: 'no',
    scope: {
      passport: 'Only the client’s passport data was erased (retention rule); the rest of the record stays.',
      medical:
        'Only the client’s medical section was erased, every key to it destroyed (retention rule); the rest of the record stays.',
    },
  },
};

export const erasureJa: DeepStrings<typeof erasureEn> = {
  erase: 'この顧客を消去…',
  dialogTitle: '{{name}} をすべての場所から消去',
  consequences: {
    intro: '猶予期間が終わると、この顧客の消去は取り消せません。その時点で：',
    documents:
      'プロフィール、旅程、医療情報、同意記録の内容はサーバーとすべての端末で内容のない記録になります。顧客の顧客の顧客の請求管理簿の記録は種類・日付・状況・結果だけに縮小して残ります。',
    keys: '医療情報の鍵はリカバリーシートのものを含めてすべて破棄され、どこに残った写し（バックアップ、紛失したパソコン）も二度と読めません。',
    devices: 'すべての端末が次の同期で顧客を削除します。今オフラインの端末は復帰時に削除します。',
    kept: '法律で保存が必要な記録（提供記録3年、領収書7年）は必要最小限に縮小して残ります。',
    hidden: 'それまで顧客はどこにも表示されず、管理者は取り消せます。',
  },
  basis: '理由',
  bases: {
    request: '顧客本人からの消去請求',
    'retention-rule': '保存期間ルール',
    'consent-withdrawal': '医療情報の同意撤回（消去あり）',
    decision: '個人情報保護責任者の判断',
  },
  reference: '参照番号（請求IDや案件番号。個人情報は書かない）',
  graceDays: '猶予期間（日）',
  confirmLabel: '確認のため顧客名を入力してください',
  confirmMismatch: '表示どおりに名前を入力してください。',
  part: {
    open: { medical: '医療情報を消去…', passport: '旅券情報を消去…' },
    scope: { medical: '医療情報のみ', passport: '旅券情報のみ' },
    title: { medical: '{{name}} の医療情報を消去', passport: '{{name}} の旅券情報を消去' },
    consequences: {
      medical:
        '猶予期間の終了時に、医療情報とその鍵のラップ（復旧用ラップを含む）をすべて破棄します（暗号化消去）。過去の医療関連の旅程の封印された詳細も読めなくなります。顧客のその他の情報は残り、顧客は非表示になりません。',
      passport:
        '猶予期間の終了時に、顧客記録から旅券情報を削除します。その他の項目は残り、顧客は非表示になりません。',
    },
  },
  fromRequest: {
    heading: '消去を実行する',
    open: 'この顧客を消去…',
    scheduled: '消去を予定しました。消去予定一覧に表示されます。完了後に請求へ回答してください。',
  },
  submit: '消去を予約',
  cancel: 'キャンセル',
  scheduled: '{{date}} に消去を予約しました。顧客は非表示になりました。',
  held: 'この顧客には訴訟ホールドがあり消去できません：「{{reason}}」、{{by}} が {{date}} に設定。',
  heldUnknown: 'この顧客には訴訟ホールドがあり消去できません。',
  failed: '消去を予約できませんでした（{{reason}}）。',
  offline: '消去にはサーバー接続が必要です。接続してからやり直してください。',
  heading: '消去',
  intro:
    '予約・取消・実行されたすべての消去（顧客ID別。消去後は顧客名は残りません）。証明書はサーバーが署名します。',
  loading: '消去を読み込み中…',
  none: 'まだ消去はありません。',
  loadFailed: '消去を読み込めませんでした（{{reason}}）。',
  columns: {
    client: '顧客ID',
    status: '状態',
    due: '予定日',
    basis: '理由',
    hold: '訴訟ホールド',
    actions: '操作',
  },
  holdRow: 'ホールド中：「{{reason}}」（{{date}} から）。解除まで保留',
  status: { scheduled: '予約済み', cancelled: '取消済み', executed: '消去済み' },
  cancelErasure: '消去を取り消す',
  answersRequest: '請求台帳の消去請求への対応です。取り消せません（請求者には消去すると伝えています）。',
  showCertificate: '証明書',
  downloadJson: 'JSONをダウンロード',
  close: '閉じる',
  certificate: {
    title: '消去証明書',
    client: '顧客ID',
    basis: '根拠',
    reference: '参照番号',
    scheduled: '{{by}} が {{date}} に予約',
    executed: '{{date}} に消去',
    erased: '消去した記録',
    erasedRow: '{{collection}}：{{count}}',
    keys: '鍵ラップ {{count}} 件を破棄、リカバリー用ラップの破棄：{{recovery}}',
    kept: '保存する記録',
    keptRow: '{{category}}：{{count}} 件を {{date}} まで保存（{{reason}}）',
    devices: '削除を確認した端末',
    noDevices: 'まだ確認した端末はありません。',
    deviceRow: '{{device}}（{{date}}）',
    signature: 'サーバー鍵 {{key}} で署名',
    yes: 'はい',
    no: 'いいえ',
    scope: {
      passport: '保存期間ルールにより、顧客の旅券情報だけを消去しました。記録の他の部分は残ります。',
      medical:
        '保存期間ルールにより、顧客の医療情報だけを消去し、その鍵をすべて破棄しました。記録の他の部分は残ります。',
    },
  },
};
