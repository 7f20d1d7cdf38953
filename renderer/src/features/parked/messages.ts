import type { DeepStrings } from '../../i18n/deep-strings';

/**
 * The parked changes' part of the UI catalogues (registered under `parked`): changes the server refused for good,
 * kept on this device (renderer/src/sync/refusals.ts). Plain words: no status codes, no reason codes.
 */
export const parkedEn = {
  heading: 'Changes the server refused',
  intro:
    'These changes were made on this device but the server did not accept them. The record shows what the server holds again, and everything else keeps syncing. Copy a change if you need it, then discard it.',
  // The header shows the short one; the full one is the button's name (screen readers) and its title.
  notice_one: '{{count}} refused change: see what the server did not accept',
  notice_other: '{{count}} refused changes: see what the server did not accept',
  noticeShort_one: '{{count}} refused',
  noticeShort_other: '{{count}} refused',
  item: '{{kind}}: {{title}}',
  when: 'Refused {{time, datetime(dateStyle: medium; timeStyle: short)}}',
  changed: 'What you changed',
  field: 'Field',
  before: 'On the server',
  after: 'Your change',
  copy: 'Copy',
  copyNamed: 'Copy the change to {{title}}',
  copied: 'Copied.',
  copyFailed: 'This device did not let the app copy. Select the text above instead.',
  discard: 'Discard',
  discardNamed: 'Discard the change to {{title}}',
  why: {
    role: 'Your role may not change this kind of record.',
    assigned:
      'This record is not one of your assigned clients’, or the change would give it to someone else.',
    rule: 'The change breaks one of the organisation’s rules for this kind of record.',
    invalid: 'The change is not in a form the server accepts (it may come from an older version of the app).',
    state: 'The change no longer fits what the server holds.',
    tooLarge: 'The change is too large to send.',
    alreadyWithdrawn:
      'This consent had already been withdrawn, on another device: that withdrawal is the one on record.',
    deliveryOnly:
      'A record that data was given to a partner is written only when the package’s delivery is registered with the server, which checks the consent, the approval and the partner again. Use “Build and save the package” on the approved request (the client’s Sharing tab) instead. Nothing was recorded.',
    ledger:
      'The server refused this access-log entry, so this device’s access log stopped here. The entry is kept on this device as it was written, and the entries after it are kept too but not sent. The privacy officer sees the stopped log; tell them.',
  },
  ledgerWhy: {
    signature: 'Why: the entry’s signature does not match it (the entry was changed after it was written).',
    gap: 'Why: an entry before it is missing on this device.',
    replay: 'Why: it repeats an entry the server already holds (the log on this device was rewritten).',
    fork: 'Why: it does not follow the last entry the server holds.',
    names: 'Why: it names a field the server does not know (an app newer than the server?).',
    other: 'Why: the server gave no reason this app knows.',
  },
  ledgerStuck:
    'This device’s access log is stuck: nothing it logs now reaches the server until it resumes. It resumes by itself when it next reaches the server.',
  ledgerResumed_one:
    'Resumed {{time, datetime(dateStyle: medium; timeStyle: short)}}: the access log continues in a new signed segment that names this refusal, with {{count}} later entry copied into it.',
  ledgerResumed_other:
    'Resumed {{time, datetime(dateStyle: medium; timeStyle: short)}}: the access log continues in a new signed segment that names this refusal, with {{count}} later entries copied into it.',
  later_one: '{{count}} later entry kept, not sent.',
  later_other: '{{count}} later entries kept, not sent.',
  // The records a person edits; any other (key grants, access-log entries) reads as `other`.
  kind: {
    clients: 'Client',
    trips: 'Itinerary item',
    medical: 'Medical information',
    consents: 'Consent',
    orgSettings: 'Organisation setting',
    requests: 'Request',
    auditEvents: 'Access log',
    provisions: 'Provision record',
    other: 'Record',
  },
};

export const parkedJa: DeepStrings<typeof parkedEn> = {
  heading: 'サーバーが受け付けなかった変更',
  intro:
    'この端末で行った次の変更は、サーバーに受け付けられませんでした。記録はサーバーにある内容に戻り、ほかの変更の同期は続いています。必要な変更はコピーしてから破棄してください。',
  notice_one: '拒否 {{count}} 件：サーバーが受け付けなかった変更を表示',
  notice_other: '拒否 {{count}} 件：サーバーが受け付けなかった変更を表示',
  noticeShort_one: '拒否 {{count}} 件',
  noticeShort_other: '拒否 {{count}} 件',
  item: '{{kind}}：{{title}}',
  when: '{{time, datetime(dateStyle: medium; timeStyle: short)}} に拒否されました',
  changed: '変更した内容',
  field: '項目',
  before: 'サーバーの内容',
  after: 'あなたの変更',
  copy: 'コピー',
  copyNamed: '{{title}} への変更をコピー',
  copied: 'コピーしました。',
  copyFailed: 'この端末ではコピーできませんでした。上の文字を選択してコピーしてください。',
  discard: '破棄',
  discardNamed: '{{title}} への変更を破棄',
  why: {
    role: 'あなたの役割では、この種類の記録を変更できません。',
    assigned: 'この記録はあなたの担当顧客のものではないか、変更すると担当外の人に渡ります。',
    rule: 'この変更は、この種類の記録に関する組織のルールに反しています。',
    invalid:
      'この変更はサーバーが受け付ける形式ではありません（古いバージョンのアプリによる変更かもしれません）。',
    state: 'この変更は、サーバーにある現在の内容と合わなくなっています。',
    tooLarge: 'この変更は大きすぎて送信できません。',
    alreadyWithdrawn: 'この同意は別の端末ですでに撤回されています。記録されているのはその撤回です。',
    deliveryOnly:
      '提携先にデータを提供した記録は、パッケージの提供をサーバーに登録したときにだけ作られます（サーバーが同意・承認・提携先をもう一度確認します）。承認済みの依頼で「パッケージを作成して保存」を使ってください（顧客の「共有」タブ）。何も記録されていません。',
    ledger:
      'サーバーがこのアクセスログを受け付けなかったため、この端末のアクセスログはここで止まりました。この記録は書かれたとおりこの端末に保管され、後の記録も保管されますが送信されません。個人情報保護責任者には止まった記録が表示されます。責任者に知らせてください。',
  },
  ledgerWhy: {
    signature: '理由：記録の署名が一致しません（書かれた後に記録が変更されています）。',
    gap: '理由：この端末で、この前の記録が欠けています。',
    replay: '理由：サーバーにすでにある記録の繰り返しです（この端末のログが書き換えられています）。',
    fork: '理由：サーバーにある最後の記録に続いていません。',
    names: '理由：サーバーが知らない項目名が含まれています（アプリがサーバーより新しい可能性があります）。',
    other: '理由：このアプリが知らない理由でサーバーが拒否しました。',
  },
  ledgerStuck:
    'この端末のアクセスログは止まっています。再開するまで、今記録するものはサーバーに届きません。次にサーバーにつながったときに自動で再開します。',
  ledgerResumed_one:
    '{{time, datetime(dateStyle: medium; timeStyle: short)}} に再開しました。アクセスログは、この拒否を記した署名付きの新しい区切りで続いており、後の記録 {{count}} 件をそこに写しました。',
  ledgerResumed_other:
    '{{time, datetime(dateStyle: medium; timeStyle: short)}} に再開しました。アクセスログは、この拒否を記した署名付きの新しい区切りで続いており、後の記録 {{count}} 件をそこに写しました。',
  later_one: '後の記録 {{count}} 件を保管（未送信）',
  later_other: '後の記録 {{count}} 件を保管（未送信）',
  kind: {
    clients: '顧客',
    trips: '旅程の項目',
    medical: '医療情報',
    consents: '同意',
    orgSettings: '組織の設定',
    requests: '請求',
    auditEvents: 'アクセスログ',
    provisions: '提供記録',
    other: '記録',
  },
};
