import type { Messages } from './en';

export const ja: Messages = {
  app: {
    title: 'Lumina Concierge',
    starting: '起動しています…',
    failed: 'アプリを起動できませんでした: {{reason}}',
    lock: 'ロック',
    language: '言語',
  },
  lock: {
    unlockHeading: 'Lumina Concierge のロックを解除',
    setUpHeading: 'この端末を保護する',
    unlockIntro: 'この端末の顧客データは暗号化されています。パスフレーズを入力して開いてください。',
    setUpIntro: 'この端末の顧客データは、あなただけが知るパスフレーズで暗号化されます。',
    passphrase: 'パスフレーズ',
    passphraseAgain: 'パスフレーズ（確認）',
    unlock: 'ロック解除',
    setUp: '暗号化して開く',
    unlocking: 'ロックを解除しています…',
    tooShort: '{{min}}文字以上のパスフレーズを設定してください。',
    mismatch: '2つのパスフレーズが一致しません。',
    wrongPassphrase: 'このパスフレーズではこの端末のロックを解除できません。',
    failed: '端末のロックを解除できませんでした: {{reason}}',
  },
  quickUnlock: {
    label: 'クイックロック解除',
    remember: 'この端末のシステムキーチェーンに記憶する',
    atNextUnlock: '次にパスフレーズでロックを解除したときに、鍵がシステムキーチェーンに保存されます。',
    unlock: 'システムキーチェーンでロック解除',
    notKept: 'システムキーチェーンにこの端末の鍵がありません。パスフレーズでロックを解除してください。',
    failed: 'クイックロック解除に失敗しました: {{reason}}',
    refusal: {
      'no-keyring':
        '利用できません: このシステムにはアプリが使えるキーチェーンがありません（Linux では GNOME Keyring または KWallet が必要です）。',
      'basic-text':
        '利用できません: この Linux デスクトップには、誰でも調べられる鍵で秘密を隠すだけの「basic」ストアしかないため、ファイルを複製されると鍵が読まれてしまいます。',
      'unsupported-host':
        'ブラウザーでは利用できません: システムキーチェーンを使えるのはデスクトップアプリだけです。',
    },
  },
  sync: {
    connecting: '接続しています…',
    online: 'オンライン',
    offline: 'オフライン — 変更はこの端末に保存されています',
    syncing: '同期しています…',
    lastSync: '最終同期 {{time, datetime(timeStyle: short)}}',
    error: '同期エラー: {{message}}',
    direction: {
      push: '変更の送信',
      pull: '変更の受信',
      sync: '同期',
    },
    cause: {
      http: '{{direction}}に失敗しました: サーバーの応答 HTTP {{status}}',
      unreachable: '{{direction}}に失敗しました: サーバーに接続できません',
      unknown: '{{direction}}に失敗しました',
    },
  },
  clients: {
    heading: '顧客',
    loading: '顧客を読み込んでいます…',
    empty: '顧客はまだいません。',
    listLabel: '顧客一覧',
    latinName: '顧客名（パスポートどおりのローマ字）',
    add: '顧客を追加',
    nameRequired: 'パスポートに記載されたとおりに顧客名を入力してください。',
    nameTooLong: '名前は{{max}}文字以内で入力してください。',
    saveFailed: 'この端末に顧客を保存できませんでした（{{code}}）。',
    status: {
      prospect: '見込み',
      active: '対応中',
      archived: 'アーカイブ',
    },
  },
};
