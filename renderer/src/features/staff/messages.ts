import type { DeepStrings } from '../../i18n/deep-strings';

/**
 * The staff feature's part of the UI catalogues (renderer/src/i18n registers each under its key: `staff`): English, and
 * Japanese with exactly the same keys. Kept beside the feature so that its text is edited in one place.
 */

export const staffEn = {
  heading: 'Staff and devices',
  refresh: 'Refresh',
  loading: 'Loading…',
  you: '(you)',
  error: {
    forbidden: 'Your role may not do this.',
    'own-device': 'You cannot approve your own device: ask another manager.',
    'not-pending': 'This request was already decided or has expired.',
    unreachable: 'The server cannot be reached.',
    other: 'The server refused ({{reason}}).',
  },
  approvals: {
    heading: 'Devices waiting for approval',
    none: 'No device is waiting for approval.',
    request: '{{name}} ({{role}}) asks to enrol the device “{{device}}”.',
    requestedAt: 'Asked {{time, datetime(dateStyle: medium; timeStyle: short)}}',
    fingerprint: 'Fingerprint',
    confirm:
      'I compared this fingerprint with the one on the new device’s screen, and every digit is identical.',
    approve: 'Approve',
    deny: 'Deny',
    approved: 'Approved the device “{{device}}”.',
    denied: 'Denied the device “{{device}}”.',
  },
  invite: {
    heading: 'Invite a staff member',
    name: 'Name',
    role: 'Role',
    submit: 'Create invitation',
    codeHeading: 'Invitation code for {{name}}',
    codeOnce:
      'Give this code to {{name}} in person or by phone. It is shown only once and expires {{time, datetime(dateStyle: medium; timeStyle: short)}}.',
    done: 'Done: hide the code',
    notCreated: 'No invitation was created: see the fields above.',
    problem: {
      required: 'Enter the name of the person you invite.',
      'too-long': 'At most {{max}} characters.',
      'invalid-format': 'A name cannot contain control characters.',
      'unknown-option': 'Pick one of the roles.',
      'not-allowed': 'Only an administrator can invite an administrator.',
    },
  },
  list: {
    heading: 'Staff',
    name: 'Name',
    role: 'Role',
    status: 'Status',
    devices: 'Devices',
    noDevices: 'No device yet',
    changeRole: 'Change role',
    roleFor: 'Role of {{name}}',
    roleChanged: '{{name}} is now {{role}}.',
    revokeStaff: 'Revoke access',
    revokeDevice: 'Revoke device',
    confirmRevokeStaff:
      'Revoke all access of {{name}}? Every device of theirs erases its data at its next contact with the server.',
    confirmRevokeDevice:
      'Revoke the device “{{device}}”? It erases its data at its next contact with the server.',
    confirm: 'Confirm revocation',
    cancel: 'Cancel',
    staffRevoked: 'Revoked the access of {{name}}.',
    deviceRevoked: 'Revoked the device “{{device}}”.',
    lastSeen: 'last seen {{time, datetime(dateStyle: medium; timeStyle: short)}}',
  },
  status: {
    invited: 'invited',
    active: 'active',
    revoked: 'revoked',
  },
  deviceStatus: {
    pending: 'waiting for approval',
    active: 'active',
    denied: 'denied',
    expired: 'expired',
    revoked: 'revoked',
  },
};

export const staffJa: DeepStrings<typeof staffEn> = {
  heading: 'スタッフと端末',
  refresh: '更新',
  loading: '読み込んでいます…',
  you: '（あなた）',
  error: {
    forbidden: 'あなたの役割ではこの操作はできません。',
    'own-device': 'ご自分の端末は承認できません。別のマネージャーに依頼してください。',
    'not-pending': 'この申請はすでに処理済みか、有効期限が切れています。',
    unreachable: 'サーバーに接続できません。',
    other: 'サーバーが拒否しました（{{reason}}）。',
  },
  approvals: {
    heading: '承認待ちの端末',
    none: '承認待ちの端末はありません。',
    request: '{{name}}（{{role}}）が端末「{{device}}」の登録を申請しています。',
    requestedAt: '申請日時：{{time, datetime(dateStyle: medium; timeStyle: short)}}',
    fingerprint: 'フィンガープリント',
    confirm:
      'このフィンガープリントを新しい端末の画面に表示されたものと照合し、すべての数字が一致することを確認しました。',
    approve: '承認',
    deny: '拒否',
    approved: '端末「{{device}}」を承認しました。',
    denied: '端末「{{device}}」を拒否しました。',
  },
  invite: {
    heading: 'スタッフを招待する',
    name: '名前',
    role: '役割',
    submit: '招待を作成',
    codeHeading: '{{name}}さんの招待コード',
    codeOnce:
      'このコードを{{name}}さんに直接または電話で伝えてください。表示されるのは一度だけで、有効期限は{{time, datetime(dateStyle: medium; timeStyle: short)}}です。',
    done: '完了（コードを隠す）',
    notCreated: '招待は作成されていません。上の項目を確認してください。',
    problem: {
      required: '招待する人の名前を入力してください。',
      'too-long': '{{max}}文字以内で入力してください。',
      'invalid-format': '名前に制御文字は使えません。',
      'unknown-option': '役割を選んでください。',
      'not-allowed': '管理者を招待できるのは管理者だけです。',
    },
  },
  list: {
    heading: 'スタッフ',
    name: '名前',
    role: '役割',
    status: '状態',
    devices: '端末',
    noDevices: '端末はまだありません',
    changeRole: '役割を変更',
    roleFor: '{{name}}さんの役割',
    roleChanged: '{{name}}さんの役割を{{role}}に変更しました。',
    revokeStaff: 'アクセス権を失効',
    revokeDevice: '端末を失効',
    confirmRevokeStaff:
      '{{name}}さんのすべてのアクセス権を失効させますか？その人のすべての端末は、次にサーバーに接続したときにデータを消去します。',
    confirmRevokeDevice:
      '端末「{{device}}」を失効させますか？この端末は、次にサーバーに接続したときにデータを消去します。',
    confirm: '失効を確定',
    cancel: 'キャンセル',
    staffRevoked: '{{name}}さんのアクセス権を失効させました。',
    deviceRevoked: '端末「{{device}}」を失効させました。',
    lastSeen: '最終接続 {{time, datetime(dateStyle: medium; timeStyle: short)}}',
  },
  status: {
    invited: '招待中',
    active: '有効',
    revoked: '失効',
  },
  deviceStatus: {
    pending: '承認待ち',
    active: '有効',
    denied: '拒否',
    expired: '期限切れ',
    revoked: '失効',
  },
};
