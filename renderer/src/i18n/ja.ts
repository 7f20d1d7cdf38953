import { clientDetailJa, clientRecordJa, clientsJa } from '../features/clients/messages';
import { consentsJa } from '../features/consents/messages';
import { deviceJa } from '../features/device/messages';
import { parkedJa } from '../features/parked/messages';
import { passphraseChangeJa } from '../features/passphrase/messages';
import { enrolJa, pendingJa, recoveryJa, refusedJa, wipedJa } from '../features/enrolment/messages';
import { marketingJa } from '../features/marketing/messages';
import { medicalJa } from '../features/medical/messages';
import { noticesJa } from '../features/notices/messages';
import { orgContactJa, organisationJa } from '../features/settings/messages';
import { renewalsJa } from '../features/renewals/messages';
import { staffJa } from '../features/staff/messages';
import { todayJa } from '../features/today/messages';
import { requestsJa } from '../features/requests/messages';
import { partnersJa } from '../features/partners/messages';
import { provisionsJa } from '../features/provisions/messages';
import { sharesJa } from '../features/shares/messages';
import { exportJa } from '../features/export/messages';
import { auditJa } from '../features/audit/messages';
import { auditLedgerJa } from '../features/audit/messages-ledger';
import { auditBreachJa } from '../features/audit/messages-breach';
import { erasureJa } from '../features/erasure/messages';
import { retentionJa } from '../features/retention/messages';
import { statisticsJa } from '../features/statistics/messages';
import { keyRecoveryJa } from '../features/recovery/messages';
import { tripsJa } from '../features/trips/messages';
import { componentsJa } from '../components/messages';
import type { Messages } from './en';

export const ja: Messages = {
  app: {
    title: 'Lumina Concierge',
    starting: '起動しています…',
    failed: 'アプリを起動できませんでした：{{reason}}',
    lock: 'ロック',
    language: '言語',
  },
  lock: {
    unlockHeading: 'Lumina Concierge のロックを解除',
    unlockIntro: 'この端末の顧客データは暗号化されています。パスフレーズを入力して開いてください。',
    passphrase: 'パスフレーズ',
    unlock: 'ロック解除',
    unlocking: 'ロックを解除しています…',
    wrongPassphrase: 'このパスフレーズではこの端末のロックを解除できません。',
    attemptsLeft_one:
      'あと{{count}}回失敗すると、この端末のデータは消去され、端末の登録からやり直す必要があります。',
    attemptsLeft_other:
      'あと{{count}}回失敗すると、この端末のデータは消去され、端末の登録からやり直す必要があります。',
    wait: '失敗が続いたため、{{time}}後にもう一度お試しください。',
    mustGoOnline:
      'この端末は{{days}}日以上サーバーに接続していません。ネットワークに接続してから、もう一度ロックを解除してください。',
    serverRefused: 'サーバーがこの端末の接続を拒否しました（{{reason}}）。',
    failed: '端末のロックを解除できませんでした：{{reason}}',
    openElsewhere:
      'Lumina Concierge はこの端末の別のウィンドウまたはタブですでに開いています。そちらを使うか、そちらを閉じてから、ここでもう一度ロックを解除してください。',
    autoLocked_one: '{{count}}分間操作がなかったためロックしました。',
    autoLocked_other: '{{count}}分間操作がなかったためロックしました。',
    roleChanged: 'あなたの役割が「{{role}}」に変わりました。続けるにはロックを解除してください。',
  },
  passphrase: {
    label: 'パスフレーズ',
    again: 'パスフレーズ（確認）',
    meter: 'パスフレーズの強度',
    strength: '強度：{{label}}',
    score: {
      '0': '非常に弱い',
      '1': '弱い',
      '2': '普通',
      '3': '強い',
      '4': '非常に強い',
    },
    ruleLength: '{{min}}文字以上',
    ruleScore: '推測されにくいこと（強度「強い」以上）',
    hint: '関係のない単語をいくつか並べると、長くて強く、覚えやすいパスフレーズになります。',
    checking: '強度を確認しています…',
    warning: {
      straightRow: 'キーボードで横に並んだキーは推測されやすいです。',
      keyPattern: '短いキーボードのパターンは推測されやすいです。',
      simpleRepeat: '「aaa」のような同じ文字の繰り返しは推測されやすいです。',
      extendedRepeat: '「abcabcabc」のようなパターンの繰り返しは推測されやすいです。',
      sequences: '「abc」のような連続した文字は推測されやすいです。',
      recentYears: '最近の年は推測されやすいです。',
      dates: '日付は推測されやすいです。',
      topTen: '最もよく使われているパスワードの一つです。',
      topHundred: '非常によく使われているパスワードです。',
      common: 'よく使われているパスワードです。',
      similarToCommon: 'よく使われているパスワードに似ています。',
      wordByItself: '単語1つだけでは推測されやすいです。',
      namesByThemselves: '名前だけでは推測されやすいです。',
      commonNames: 'よくある名前や名字は推測されやすいです。',
      userInputs: 'ご自分の名前や端末の名前は使わないでください。',
    },
  },
  enrol: enrolJa,
  pending: pendingJa,
  refused: refusedJa,
  wiped: wipedJa,
  unsaved: {
    confirm: '保存していない変更があります。変更を破棄して移動しますか？',
  },
  nav: {
    label: 'セクション',
    today: '今日',
    requests: '請求',
    partners: '提携先',
    shares: '共有依頼',
    clients: '顧客',
    staff: 'スタッフ',
    audit: 'アクセスログ',
    statistics: '統計',
    erasures: '消去',
    recovery: 'アクセス回復',
    device: 'この端末',
    organisation: '組織',
    renewals: '再同意',
    marketing: 'マーケティング',
    signedInAs: '{{name}} · {{role}}',
    offlineSession: 'オフラインで開いています',
  },
  roles: {
    concierge: 'コンシェルジュ',
    coordinator: 'コーディネーター',
    manager: 'マネージャー',
    admin: '管理者',
  },
  staff: staffJa,
  device: deviceJa,
  parked: parkedJa,
  passphraseChange: passphraseChangeJa,
  quickUnlock: {
    label: 'クイックロック解除',
    remember: 'この端末のシステムキーチェーンに記憶する',
    atNextUnlock: '次にパスフレーズでロックを解除したときに、鍵がシステムキーチェーンに保存されます。',
    unlock: 'システムキーチェーンでロック解除',
    notKept: 'システムキーチェーンにこの端末の鍵がありません。パスフレーズでロックを解除してください。',
    failed: 'クイックロック解除に失敗しました：{{reason}}',
    refusal: {
      'no-keyring':
        '利用できません：このシステムにはアプリが使えるキーチェーンがありません（Linux では GNOME Keyring または KWallet が必要です）。',
      'basic-text':
        '利用できません：この Linux デスクトップには、誰でも調べられる鍵で秘密を隠すだけの「basic」ストアしかないため、ファイルを複製されると鍵が読まれてしまいます。',
      'unsupported-host':
        'ブラウザーでは利用できません：システムキーチェーンを使えるのはデスクトップアプリだけです。',
    },
  },
  sync: {
    connecting: '接続しています…',
    online: 'オンライン',
    offline: 'オフライン — 変更はこの端末に保存されています',
    syncing: '同期しています…',
    lastSync: '最終同期 {{time, datetime(timeStyle: short)}}',
    error: '同期エラー：{{message}}',
    direction: {
      push: '変更の送信',
      pull: '変更の受信',
      sync: '同期',
    },
    pending_one: '送信待ちの変更 {{count}} 件',
    pending_other: '送信待ちの変更 {{count}} 件',
    pendingNone: 'すべての変更を送信済み',
    quarantined_one:
      'この端末の {{count}} 件の記録を開けないか、アプリ外で変更されています。隔離し、送信しません',
    quarantined_other:
      'この端末の {{count}} 件の記録を開けないか、アプリ外で変更されています。隔離し、送信しません',
    unsendable_one:
      'この端末の {{count}} 件の記録は、サーバーが受け付けなくなった旧形式の ID を持っています。端末に残し、送信しません',
    unsendable_other:
      'この端末の {{count}} 件の記録は、サーバーが受け付けなくなった旧形式の ID を持っています。端末に残し、送信しません',
    progress: '変更を受信しています：{{done}} / {{total}}',
    short: {
      connecting: '接続しています…',
      online: 'オンライン',
      offline: 'オフライン',
      syncing: '同期しています…',
      pending_one: '送信待ち {{count}} 件',
      pending_other: '送信待ち {{count}} 件',
      pendingNone: '送信済み',
      error: '同期エラー',
      quarantined_one: '隔離した記録 {{count}} 件',
      quarantined_other: '隔離した記録 {{count}} 件',
      unsendable_one: '送信できない記録 {{count}} 件',
      unsendable_other: '送信できない記録 {{count}} 件',
    },
    cause: {
      http: '{{direction}}に失敗しました：サーバーが拒否しました',
      serverFault: '{{direction}}に失敗しました：サーバーで問題が起きました。この端末から再試行します',
      unreachable: '{{direction}}に失敗しました：サーバーに接続できません',
      unknown: '{{direction}}に失敗しました',
    },
  },
  clients: clientsJa,
  clientDetail: clientDetailJa,
  clientRecord: clientRecordJa,
  consents: consentsJa,
  medical: medicalJa,
  recovery: recoveryJa,
  trips: tripsJa,
  today: todayJa,
  notices: noticesJa,
  orgContact: orgContactJa,
  organisation: organisationJa,
  renewals: renewalsJa,
  marketing: marketingJa,
  requests: requestsJa,
  partners: partnersJa,
  shares: sharesJa,
  provisions: provisionsJa,
  export: exportJa,
  audit: auditJa,
  auditLedger: auditLedgerJa,
  auditBreach: auditBreachJa,
  erasure: erasureJa,
  retention: retentionJa,
  statistics: statisticsJa,
  components: componentsJa,
  keyRecovery: keyRecoveryJa,
  conflicts: {
    badge_one: '競合 {{count}} 件',
    badge_other: '競合 {{count}} 件',
    open: '{{name}} の競合を解決',
    close: '閉じる',
    heading: '{{name}} の競合する編集',
    intro:
      'これらの項目は別々の端末で同時に変更されました。どれかを選ぶまで、すべての値が保持されます。選んだ値はすべての端末に反映されます。',
    fieldHeading: '{{field}}：{{count}} 個の版',
    current: '現在の表示',
    changedAt: '{{time, datetime(dateStyle: medium; timeStyle: short)}} に変更',
    choose: 'これを残す',
    chooseValue: '{{field}} に「{{value}}」を残す',
    empty: '（空）',
    deletedValue: '削除',
    keptValue: '保持',
    failed: 'この端末に選択を保存できませんでした（{{code}}）。',
    field: {
      names: {
        latin: '名前（ローマ字）',
        katakana: '名前（カタカナ）',
        kanji: '名前（漢字）',
      },
      status: 'ステータス',
      deleted: 'ある端末で削除され、別の端末で編集されました',
      other: '項目 {{path}}',
    },
  },
};
