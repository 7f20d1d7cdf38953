import type { DeepStrings } from '../../i18n/deep-strings';

/**
 * The console's catalogue for the ledger's safeguards (issue 18 review), registered under `auditLedger`: stopped
 * chains, paged staff events, what an export covers. English, and Japanese with the same keys.
 */
export const auditLedgerEn = {
  stops: {
    heading: 'Stopped access logs',
    intro:
      'The server refused an entry of these devices’ access logs (an entry altered, missing or out of order), so their logs stopped there: later entries could not be accepted. The devices keep their entries. A device resumes by itself in a new signed segment that names the refused entry and copies what it logged after it; until then it is stuck. Find out why with the person either way.',
    device: 'Device',
    person: 'Staff member',
    seq: 'Stopped at entry',
    reason: 'Reason',
    since: 'Since',
    refusals: 'Refused pushes',
    state: 'Now',
    stuck: 'Stuck',
    resumed: 'Resumed {{time, datetime(dateStyle: medium; timeStyle: short)}}',
    why: {
      signature: 'Signature does not match (the entry was altered)',
      gap: 'An entry is missing before it',
      replay: 'Repeats an earlier entry',
      fork: 'Does not follow the entry the server holds',
      names: 'Names a field the server does not know',
      resume: 'A resume with no refusal to answer',
      other: 'Refused ({{reason}})',
    },
  },
  ledgers: {
    ok: 'The staff and device events, the breach register’s history and its record of clients told are chained: every row holds, and so does every head the server signed ({{count}} signed checkpoints verified, none missing); every incident matches its history.',
    notVerified:
      'Not verified: the rows are chained, but the server has signed no checkpoint yet to vouch for them.',
    checkpoints: {
      signature:
        'Altered: checkpoint {{at}} is not signed by the server’s key. Someone changed the server’s records; treat it as an incident.',
      gap: 'Removed: the server’s checkpoints stop or skip before checkpoint {{at}} (a part of the log deleted, perhaps its end). Treat it as an incident.',
    },
    broken:
      'Altered: the {{ledger}} chain breaks at row {{at}}. Someone changed the server’s records; treat it as an incident.',
    staffEvents: 'staff and device events',
    incidentRevisions: 'breach register history',
    incidentNotifications: 'breach register’s record of clients told',
    table:
      'Cannot be verified: the server’s table {{table}} is not the plain table the check reads (a view or another kind of table in its place, row security, a table inheriting from it, or a column of another type). Someone changed the server’s database outside the app; treat it as an incident.',
    liveRow:
      'Altered: an incident in the breach register ({{incident}}) no longer matches its history (its time of discovery, discoverer, facts or reports were changed outside the app). Treat it as an incident.',
    rule: {
      'discovery-later':
        'Altered: the history of an incident in the breach register ({{incident}}) moves its time of discovery later (row {{at}}), which the app never does. Someone wrote to the server’s records outside the app; treat it as an incident.',
      'server-revision':
        'Altered: the history of an incident in the breach register ({{incident}}) holds a change made by no staff member (row {{at}}), which the app never writes. Someone wrote to the server’s records outside the app; treat it as an incident.',
      'kept-changed':
        'Altered: the history of an incident in the breach register ({{incident}}) holds an upgrade step that changed more than the time of discovery (row {{at}}). Someone changed the server’s records outside the app; treat it as an incident.',
      'revision-gap':
        'Altered: the history of an incident in the breach register ({{incident}}) skips or repeats a change (row {{at}}). Someone changed the server’s records outside the app; treat it as an incident.',
      'time-backwards':
        'Altered: the {{ledger}} holds a row dated earlier than the rows before it (row {{at}}), which the app never writes. Someone wrote to the server’s records outside the app; treat it as an incident.',
      'recorded-before-told':
        'Altered: the breach register’s record of clients told holds a notification recorded before the time it says the client was told (row {{at}}). Someone wrote to the server’s records outside the app; treat it as an incident.',
      'recorded-missing':
        'Altered: the breach register’s record of clients told holds a notification without the time it was recorded (row {{at}}), which the app always keeps. Someone wrote to the server’s records outside the app; treat it as an incident.',
    },
  },
  events: {
    more: 'Load older events',
    all: 'All events shown.',
  },
  view: {
    pending: 'Recording this view in the access log…',
    failed: 'Not shown: this view could not be recorded in the access log.',
  },
  witness: {
    first:
      'This device now keeps the end of the log it verified, signed with its own key: the next verification checks that the server’s log still holds it.',
    held: 'The log still holds the end this device verified last (checkpoint {{id}}, {{when}}, {{entries}} entries), unchanged.',
    cut: 'Cut short: the server’s log now ends before the end this device verified on {{when}} (checkpoint {{id}}, {{entries}} entries), or holds it altered. Entries were removed from the server; treat it as an incident.',
    gap: 'Removed: the server’s checkpoints skip before checkpoint {{id}} (some, perhaps the last, were deleted). Treat it as an incident.',
    beyond:
      'Cut short: this device holds the access log of {{device}} up to entry {{held}}, but the server’s log now ends at entry {{end}}. Entries were removed from the server; treat it as an incident.',
    note: 'Kept now (for npm run audit:verify --witness):',
    altered:
      'The end this device kept from its last verification was altered on this device (its signature does not hold): it was not used.',
  },
  key: {
    heading: 'The server’s checkpoint key',
    current: 'Note this key to verify the log with (npm run audit:verify --server-key):',
    retired_one: '{{count}} earlier key is retired: it still verifies the checkpoints it signed.',
    retired_other: '{{count}} earlier keys are retired: each still verifies the checkpoints it signed.',
    rotate: 'Rotate the checkpoint key…',
    confirm:
      'The current key signs a handover to a new key, which signs every checkpoint from now on. Note the new key afterwards: a log verified against the old one will say to. This cannot be undone.',
    rotateNow: 'Rotate now',
    cancel: 'Cancel',
    rotated: 'Rotated: checkpoint #{{id}} hands over to the new key shown above. Note it now.',
    failed: 'The key was not rotated: {{message}}',
  },
  paging: {
    label: 'Pages of the log',
    matched_one: '{{count}} entry matches the filters.',
    matched_other: '{{count}} entries match the filters.',
    page: 'Page {{page}} of {{pages}}',
    previous: 'Previous page',
    next: 'Next page',
    deeper:
      'The pages show the newest {{count}} entries that match; for older ones, narrow the period or the filters (the CSV holds them all).',
  },
  exportScope: {
    csv: 'CSV: every entry that matches the filters above ({{count}}).',
    json: 'JSON: the whole log, not only the entries shown, up to an end the server signs now (for npm run audit:verify).',
  },
};

export const auditLedgerJa: DeepStrings<typeof auditLedgerEn> = {
  stops: {
    heading: '停止したアクセスログ',
    intro:
      'これらの端末のアクセスログの記録をサーバーが受け付けませんでした（記録の改変、欠落、順序の誤り）。ログはそこで止まり、以後の記録は受け付けられませんでした。端末は記録を保管しています。端末は、拒否された記録を記し、その後の記録を写した署名付きの新しい区切りで自動的に再開します。それまでは止まったままです。いずれの場合も本人と理由を確認してください。',
    device: '端末',
    person: 'スタッフ',
    seq: '停止した記録番号',
    reason: '理由',
    since: '停止日時',
    refusals: '拒否された送信',
    state: '現在',
    stuck: '停止中',
    resumed: '{{time, datetime(dateStyle: medium; timeStyle: short)}} に再開',
    why: {
      signature: '署名が一致しません（記録が改変されています）',
      gap: 'この前の記録が欠けています',
      replay: '以前の記録の繰り返しです',
      fork: 'サーバーにある記録に続いていません',
      names: 'サーバーが知らない項目名が含まれています',
      resume: '答えるべき拒否のない再開です',
      other: '拒否（{{reason}}）',
    },
  },
  ledgers: {
    ok: 'スタッフと端末のイベント、漏えい等台帳の履歴、および顧客への通知の記録は連鎖しています。すべての行と、サーバーが署名したすべての先頭が一致しています（署名済みチェックポイント {{count}} 件を検証、欠落なし）。どの事案も履歴と一致しています。',
    notVerified:
      '未検証：行は連鎖していますが、それを保証するチェックポイントにサーバーがまだ署名していません。',
    checkpoints: {
      signature:
        '改変あり：チェックポイント {{at}} はサーバーの鍵で署名されていません。サーバーの記録が変更されました。事案として扱ってください。',
      gap: '削除あり：サーバーのチェックポイントがチェックポイント {{at}} の前で途切れているか、飛んでいます（ログの一部、おそらく末尾が削除されました）。事案として扱ってください。',
    },
    broken:
      '改変あり：{{ledger}}の連鎖が {{at}} 行目で途切れています。サーバーの記録が変更されました。事案として扱ってください。',
    staffEvents: 'スタッフと端末のイベント',
    incidentRevisions: '漏えい等台帳の履歴',
    incidentNotifications: '漏えい等台帳の顧客への通知の記録',
    table:
      '検証できません：サーバーのテーブル {{table}} が、検証が読む通常のテーブルではありません（代わりに置かれたビューや別の種類のテーブル、行セキュリティ、それを継承するテーブル、または型の異なる列）。サーバーのデータベースがアプリの外で変更されました。事案として扱ってください。',
    liveRow:
      '改変あり：漏えい等台帳の事案（{{incident}}）が履歴と一致しません（発覚日時・発見者・事実・報告がアプリの外で変更されました）。事案として扱ってください。',
    rule: {
      'discovery-later':
        '改変あり：漏えい等台帳の事案（{{incident}}）の履歴が発覚日時を後にずらしています（{{at}} 行目）。アプリはこれを行いません。サーバーの記録がアプリの外で書き込まれました。事案として扱ってください。',
      'server-revision':
        '改変あり：漏えい等台帳の事案（{{incident}}）の履歴に、どのスタッフによるものでもない変更があります（{{at}} 行目）。アプリはこれを書き込みません。サーバーの記録がアプリの外で書き込まれました。事案として扱ってください。',
      'kept-changed':
        '改変あり：漏えい等台帳の事案（{{incident}}）の履歴に、発覚日時以外も変えたアップグレードの記録があります（{{at}} 行目）。サーバーの記録がアプリの外で変更されました。事案として扱ってください。',
      'revision-gap':
        '改変あり：漏えい等台帳の事案（{{incident}}）の履歴で変更が飛んでいるか重複しています（{{at}} 行目）。サーバーの記録がアプリの外で変更されました。事案として扱ってください。',
      'time-backwards':
        '改変あり：{{ledger}}に、前の行より前の日時の行があります（{{at}} 行目）。アプリはこれを書き込みません。サーバーの記録がアプリの外で書き込まれました。事案として扱ってください。',
      'recorded-before-told':
        '改変あり：漏えい等台帳の顧客への通知の記録に、顧客に伝えたとする日時より前に記録された通知があります（{{at}} 行目）。サーバーの記録がアプリの外で書き込まれました。事案として扱ってください。',
      'recorded-missing':
        '改変あり：漏えい等台帳の顧客への通知の記録に、記録日時のない通知があります（{{at}} 行目）。アプリは必ずこれを残します。サーバーの記録がアプリの外で書き込まれました。事案として扱ってください。',
    },
  },
  events: {
    more: 'さらに古いイベントを読み込む',
    all: 'すべてのイベントを表示しています。',
  },
  view: {
    pending: 'アクセスログに記録しています…',
    failed: 'アクセスログに記録できなかったため表示しません。',
  },
  witness: {
    first:
      'この端末は検証したログの終端を、端末自身の鍵で署名して保管しました。次回の検証では、サーバーのログがそれを保持しているかを確認します。',
    held: 'この端末が前回検証した終端（チェックポイント {{id}}、{{when}}、{{entries}} 件）は、変更されずにログに残っています。',
    cut: '短縮あり：サーバーのログが、この端末が {{when}} に検証した終端（チェックポイント {{id}}、{{entries}} 件）より前で終わっているか、それを改変しています。サーバーから記録が削除されました。事案として扱ってください。',
    gap: '削除あり：サーバーのチェックポイントがチェックポイント {{id}} の前で飛んでいます（一部、おそらく末尾が削除されました）。事案として扱ってください。',
    beyond:
      '短縮あり：この端末は {{device}} のアクセスログを記録 {{held}} まで保持していますが、サーバーのログは記録 {{end}} で終わっています。サーバーから記録が削除されました。事案として扱ってください。',
    note: '保管した終端（検証コマンドの --witness 用）：',
    altered:
      '前回の検証でこの端末が保管した終端が、この端末上で改変されています（署名が一致しません）。使用しませんでした。',
  },
  key: {
    heading: 'サーバーのチェックポイント鍵',
    current: 'ログの検証に使う鍵として控えてください：',
    retired_one: '以前の鍵 {{count}} 件は退役済みです。署名したチェックポイントの検証には引き続き使えます。',
    retired_other:
      '以前の鍵 {{count}} 件は退役済みです。それぞれ署名したチェックポイントの検証には引き続き使えます。',
    rotate: 'チェックポイント鍵を更新…',
    confirm:
      '現在の鍵が新しい鍵への引き継ぎに署名し、以後のチェックポイントはすべて新しい鍵が署名します。更新後は新しい鍵を控えてください（古い鍵で検証すると、その旨が表示されます）。元に戻すことはできません。',
    rotateNow: '今すぐ更新',
    cancel: 'キャンセル',
    rotated:
      '更新しました：チェックポイント #{{id}} が上に表示した新しい鍵に引き継ぎます。今すぐ控えてください。',
    failed: '鍵は更新されませんでした：{{message}}',
  },
  paging: {
    label: 'ログのページ',
    matched_one: '条件に合う記録：{{count}} 件',
    matched_other: '条件に合う記録：{{count}} 件',
    page: '{{pages}} ページ中 {{page}} ページ目',
    previous: '前のページ',
    next: '次のページ',
    deeper:
      'ページで表示できるのは条件に合う新しい記録 {{count}} 件までです。それより古い記録は、期間や条件を絞って表示してください（CSV にはすべて含まれます）。',
  },
  exportScope: {
    csv: 'CSV：上の条件に合うすべての記録（{{count}} 件）。',
    json: 'JSON：表示中の記録だけでなくログ全体を、サーバーが今署名する終端まで出力します（npm run audit：verify で検証）。',
  },
};
