import type { DeepStrings } from '../../i18n/deep-strings';

/**
 * The request register's words for carrying out a request (the cessation and erasure actions, the withdrawal's
 * reason, the receipt date, the refusals they add): part of messages.ts's catalogues, EN and JA with the same keys.
 */
export const requestActionsEn = {
  heading: 'Carry out the request',
  doneLabel: 'What was done',
  useIntro: 'Withdraws the client’s consents for the purposes chosen: their use stops everywhere.',
  purposes: 'Purposes whose use stops',
  method: 'How the client asked',
  ceaseUse: 'Stop the use (withdraw the consents)',
  provisionIntro:
    'Withdraws every provision and overseas-transfer consent: pending and approved shares are cancelled and listed for the partner to be told.',
  ceaseProvision: 'Stop provision to third parties',
  consentWriters:
    'A manager carries this out: the consent ledger is written by managers and coordinators, not on this device.',
  erasureIntro: 'Once the erasure is scheduled, record it here: the request can then be answered.',
  erasureNone: 'No erasure of this client has been scheduled since the request was received.',
  erasurePartial:
    'Only part of this client (the passport data or the medical section) is being erased: that does not answer the request. Erase the whole client.',
  erasurePartialScoped:
    'Only another part of this client is being erased: the request asks for this one ({{scope}}). Erase it, or the whole client.',
  recordErasure: 'Record the scheduled erasure',
  withdrawalIntro:
    'Withdraws the client’s consents for the purposes the requester named (if still in force) and records the withdrawals in the ledger as the answer’s evidence.',
  withdrawalIntroDpo:
    'Records the withdrawals of the purposes the requester named, made in the consent ledger since the request was received (by a manager or coordinator, on the client’s consents).',
  recordWithdrawal: 'Record the withdrawal',
  done: {
    'use-ceased':
      'Use stopped on {{time, datetime(dateStyle: medium; timeStyle: short)}} ({{count}} consent withdrawn).',
    'provision-ceased':
      'Provision stopped on {{time, datetime(dateStyle: medium; timeStyle: short)}} ({{count}} consent withdrawn).',
    'erasure-scheduled':
      'Erasure recorded as scheduled on {{time, datetime(dateStyle: medium; timeStyle: short)}}.',
    'consent-withdrawn':
      'Withdrawal recorded on {{time, datetime(dateStyle: medium; timeStyle: short)}} ({{count}} consent withdrawn).',
  },
  needsAction: 'Answer once the action above is done.',
  needsExport: 'Answer once the export is built.',
  withdrawReason: 'Why the requester withdrew it',
  receivedAt: 'Received on',
  receivedHint: 'When the request reached the company: its deadline runs from then.',
  purpose: {
    'medical-data': 'Medical data',
    provision: 'Provision to partners',
    'overseas-transfer': 'Transfer abroad',
    marketing: 'Marketing',
    'notice-acknowledgement': 'Notice acknowledgement',
  },
  consentMethod: { 'signed-paper': 'Signed paper', 'e-signature': 'E-signature', email: 'Email' },
};

export const requestActionsJa: DeepStrings<typeof requestActionsEn> = {
  heading: '請求への対応を実施',
  doneLabel: '実施した対応',
  useIntro: '選んだ目的について顧客の同意を撤回します。その利用はすべての場所で停止します。',
  purposes: '利用を停止する目的',
  method: '顧客からの請求方法',
  ceaseUse: '利用を停止（同意を撤回）',
  provisionIntro:
    '第三者提供と外国移転の同意をすべて撤回します。申請中・承認済みの共有は取り消され、提携先への通知対象として一覧に載ります。',
  ceaseProvision: '第三者提供を停止',
  consentWriters:
    'この対応はマネージャーが実施します。同意の台帳はマネージャーとコーディネーターが記録し、この端末では記録しません。',
  erasureIntro: '消去を予定したら、ここに記録してください。その後、請求に回答できます。',
  erasureNone: '請求の受付以降、この顧客の消去は予定されていません。',
  erasurePartial:
    'この顧客の一部（旅券情報または医療情報）だけが消去の対象です。それでは請求への回答になりません。顧客全体を消去してください。',
  erasurePartialScoped:
    'この顧客の別の部分だけが消去の対象です。請求が求めているのはこの部分（{{scope}}）です。この部分または顧客全体を消去してください。',
  recordErasure: '予定された消去を記録',
  withdrawalIntro:
    '請求者が指定した目的について顧客の同意を（まだ有効なら）撤回し、その撤回を同意の台帳に記録して回答の根拠とします。',
  withdrawalIntroDpo:
    '請求者が指定した目的について、請求の受付以降に同意の台帳へ記録された撤回（マネージャーまたはコーディネーターが顧客の同意に記録したもの）を記録します。',
  recordWithdrawal: '撤回を記録',
  done: {
    'use-ceased':
      '{{time, datetime(dateStyle: medium; timeStyle: short)}}に利用を停止しました（撤回した同意：{{count}}件）。',
    'provision-ceased':
      '{{time, datetime(dateStyle: medium; timeStyle: short)}}に第三者提供を停止しました（撤回した同意：{{count}}件）。',
    'erasure-scheduled':
      '{{time, datetime(dateStyle: medium; timeStyle: short)}}に消去の予定を記録しました。',
    'consent-withdrawn':
      '{{time, datetime(dateStyle: medium; timeStyle: short)}}に撤回を記録しました（撤回した同意：{{count}}件）。',
  },
  needsAction: '上の対応を実施してから回答してください。',
  needsExport: 'エクスポートを作成してから回答してください。',
  withdrawReason: '請求者が取り下げた理由',
  receivedAt: '受付日時',
  receivedHint: '請求が会社に届いた日時です。期限はこの日時から数えます。',
  purpose: {
    'medical-data': '医療データ',
    provision: '提携先への提供',
    'overseas-transfer': '外国への移転',
    marketing: 'マーケティング',
    'notice-acknowledgement': 'プライバシーポリシーの確認',
  },
  consentMethod: { 'signed-paper': '署名した書面', 'e-signature': '電子署名', email: 'メール' },
};
