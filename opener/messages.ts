/** The opener's words, English and Japanese, in the app's vocabulary (提携先 partner, 共有 share, 顧客 client). */

export type Language = 'en' | 'ja';

const en = {
  title: 'LUMINA secure package opener',
  intro:
    'For LUMINA Japan’s partner institutions. Everything happens on this computer: this page has no server and sends nothing over the network.',
  languageLabel: 'Language',
  step1: '1. Create your key pair',
  step1Intro:
    'Do this once. Your private key is saved in a key file, protected by a passphrase that only you know. Send the public key to LUMINA, then confirm the fingerprint with LUMINA staff by phone.',
  passphrase: 'Passphrase',
  confirmation: 'Passphrase again',
  ruleLength: 'At least {min} characters',
  ruleScore: 'Hard to guess: strength “strong” or better',
  ruleMatch: 'Both passphrases are identical',
  ruleMet: 'met',
  ruleNotMet: 'not met yet',
  ruleState: '{rule} ({state})',
  strength: 'Strength: {label}',
  score: ['very weak', 'weak', 'fair', 'strong', 'very strong'],
  hint: 'A few unrelated words make a passphrase that is long, strong and easy to remember.',
  create: 'Create the key pair',
  creating: 'Creating the key pair and protecting it with your passphrase…',
  createRefused: 'Choose a passphrase that meets every rule above.',
  created:
    'Your key pair is ready. The key file was saved to your downloads: keep it safe, with a copy on a second medium. Without the key file and the passphrase no package can be opened, and LUMINA cannot recover them.',
  fingerprint: 'Fingerprint (read it to LUMINA staff by phone)',
  publicKey: 'Public key to send to LUMINA',
  saveKeyFile: 'Save the key file again',
  savePublicKey: 'Save the public key as a text file',
  step2: '2. Open a package',
  step2Intro: 'Choose the package LUMINA sent you and your key file, and type your passphrase.',
  packageFile: 'Package file',
  keyFile: 'Your key file',
  openPassphrase: 'Passphrase of the key file',
  open: 'Open the package',
  opening: 'Checking the signature and opening the package…',
  missingFiles: 'Choose both the package file and your key file, and type the passphrase.',
  verified:
    'Signature verified: this package was sealed by the device whose fingerprint is shown below, and not altered since. LUMINA staff can confirm by phone that the fingerprint is one of LUMINA’s devices.',
  organisation: 'Organisation',
  staffName: 'Staff member',
  deviceFingerprint: 'Device fingerprint',
  recipient: 'Recipient (partner)',
  purpose: 'Purpose of the share',
  subject: 'Client reference',
  packageId: 'Package id',
  created_at: 'Sealed on',
  expires: 'Expires on',
  items: 'Shared data',
  item: 'Item',
  value: 'Value',
  medical: 'Medical',
  medicalYes: 'Medical information',
  medicalNo: '—',
  print: 'Print',
  close: 'Close the package',
  errors: {
    malformed: 'This file is not a LUMINA package, or it is damaged. Nothing from it is shown.',
    tampered:
      'This package was altered after it was sealed, or it does not open with your key. Nothing from it is shown. Ask LUMINA to send it again.',
    'not-addressed-to-you':
      'This package is addressed to another key, not to your key file. Nothing from it is shown. Check that you chose your own key file, or tell LUMINA.',
    unsigned:
      'This package carries no signature, so its sender cannot be verified. Nothing from it is shown. Tell LUMINA.',
    expired: 'This package expired on {date}. Nothing from it is shown. Ask LUMINA for a new package.',
    'lifetime-too-long':
      'This package says it stays open more than 31 days, longer than LUMINA ever allows. Nothing from it is shown. Tell LUMINA.',
    'unsupported-version':
      'This package was made in a newer format. Ask LUMINA for the current version of this opener.',
    'invalid-input': 'This package cannot be opened. Nothing from it is shown.',
    'wrong-passphrase': 'The passphrase does not open this key file. Nothing was opened.',
    'key-malformed': 'This is not a LUMINA partner key file, or it is damaged.',
    'key-unsupported-version': 'This key file was made in a newer format. Ask LUMINA for the current opener.',
    unexpected: 'Something went wrong. Nothing from the package is shown.',
  },
};

export type Messages = typeof en;

const ja: Messages = {
  title: 'LUMINA 安全パッケージ閲覧ツール',
  intro:
    'LUMINA Japan の提携先のためのツールです。処理はすべてこのコンピューター上で行われます。このページにはサーバーがなく、ネットワークに何も送信しません。',
  languageLabel: '言語',
  step1: '1. 鍵ペアを作成する',
  step1Intro:
    '最初に一度だけ行います。秘密鍵は鍵ファイルに保存され、あなただけが知るパスフレーズで保護されます。公開鍵を LUMINA に送り、フィンガープリントを LUMINA の担当者と電話で確認してください。',
  passphrase: 'パスフレーズ',
  confirmation: 'パスフレーズ（確認）',
  ruleLength: '{min}文字以上',
  ruleScore: '推測されにくいこと（強度「強い」以上）',
  ruleMatch: '2つのパスフレーズが一致していること',
  ruleMet: '満たしています',
  ruleNotMet: 'まだ満たしていません',
  ruleState: '{rule}（{state}）',
  strength: '強度：{label}',
  score: ['非常に弱い', '弱い', '普通', '強い', '非常に強い'],
  hint: '関係のない単語をいくつか並べると、長くて強く、覚えやすいパスフレーズになります。',
  create: '鍵ペアを作成',
  creating: '鍵ペアを作成し、パスフレーズで保護しています…',
  createRefused: '上のすべての条件を満たすパスフレーズを設定してください。',
  created:
    '鍵ペアを作成しました。鍵ファイルはダウンロードフォルダーに保存されました。別の媒体にも控えを取り、安全に保管してください。鍵ファイルとパスフレーズの両方がないとパッケージは開けず、LUMINA も復元できません。',
  fingerprint: 'フィンガープリント（LUMINA の担当者に電話で読み上げてください）',
  publicKey: 'LUMINA に送る公開鍵',
  saveKeyFile: '鍵ファイルをもう一度保存',
  savePublicKey: '公開鍵をテキストファイルとして保存',
  step2: '2. パッケージを開く',
  step2Intro: 'LUMINA から届いたパッケージとあなたの鍵ファイルを選び、パスフレーズを入力してください。',
  packageFile: 'パッケージファイル',
  keyFile: 'あなたの鍵ファイル',
  openPassphrase: '鍵ファイルのパスフレーズ',
  open: 'パッケージを開く',
  opening: '署名を確認し、パッケージを開いています…',
  missingFiles: 'パッケージファイルと鍵ファイルを選び、パスフレーズを入力してください。',
  verified:
    '署名を確認しました。このパッケージは下記のフィンガープリントの端末で封がされ、その後改変されていません。このフィンガープリントが LUMINA の端末のものであることは、LUMINA の担当者に電話で確認できます。',
  organisation: '組織',
  staffName: '担当者',
  deviceFingerprint: '端末のフィンガープリント',
  recipient: '受領者（提携先）',
  purpose: '共有の目的',
  subject: '顧客の参照番号',
  packageId: 'パッケージ ID',
  created_at: '作成日時',
  expires: '有効期限',
  items: '共有されたデータ',
  item: '項目',
  value: '内容',
  medical: '医療',
  medicalYes: '医療情報',
  medicalNo: '—',
  print: '印刷',
  close: 'パッケージを閉じる',
  errors: {
    malformed: 'このファイルは LUMINA のパッケージではないか、破損しています。内容は一切表示しません。',
    tampered:
      'このパッケージは封をされた後に改変されたか、あなたの鍵では開けません。内容は一切表示しません。LUMINA に再送を依頼してください。',
    'not-addressed-to-you':
      'このパッケージは別の鍵宛てで、あなたの鍵ファイル宛てではありません。内容は一切表示しません。ご自身の鍵ファイルを選んだか確認し、LUMINA にお知らせください。',
    unsigned:
      'このパッケージには署名がなく、送信者を確認できません。内容は一切表示しません。LUMINA にお知らせください。',
    expired:
      'このパッケージの有効期限は {date} に切れています。内容は一切表示しません。LUMINA に新しいパッケージを依頼してください。',
    'lifetime-too-long':
      'このパッケージは31日を超えて開ける設定になっており、LUMINA が認める期間を超えています。内容は一切表示しません。LUMINA にお知らせください。',
    'unsupported-version':
      'このパッケージは新しい形式で作られています。最新の閲覧ツールを LUMINA に依頼してください。',
    'invalid-input': 'このパッケージは開けません。内容は一切表示しません。',
    'wrong-passphrase': 'このパスフレーズでは鍵ファイルを開けません。何も開いていません。',
    'key-malformed': 'LUMINA の提携先用鍵ファイルではないか、破損しています。',
    'key-unsupported-version':
      'この鍵ファイルは新しい形式で作られています。最新の閲覧ツールを LUMINA に依頼してください。',
    unexpected: '問題が発生しました。パッケージの内容は表示していません。',
  },
};

export const MESSAGES: Record<Language, Messages> = { en, ja };

export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}
