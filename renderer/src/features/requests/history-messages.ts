import type { DeepStrings } from '../../i18n/deep-strings';

/**
 * The register's words for its history (shared/domain/request-history.ts): a new check after a failed one, the
 * withdrawal said by the requester, and the refusals of a change that would rewrite what was recorded. Part of
 * messages.ts's catalogues, EN and JA with the same keys.
 */
export const requestHistoryEn = {
  history: {
    earlierCheck:
      'Earlier check: {{outcome}}: {{method}}, {{time, datetime(dateStyle: medium; timeStyle: short)}}',
    checkAgain: 'The check failed: record a new check (the failed one stays on record).',
    withdrawChannel: 'How the requester withdrew it',
    withdrawalChannel: ' (how the requester withdrew it: {{channel}})',
    withdrawOverdue: 'Past its deadline: the request is answered or refused, it can no longer be withdrawn.',
  },
  refused: {
    'fixed-field': 'What was received (when, how, the requester’s words) cannot be changed.',
    'status-backwards': 'A request’s status only moves forward; a closed request stays closed.',
    'record-kept': 'What was recorded stays: it cannot be changed or removed.',
    'requester-fixed': 'Who asks, and a representative’s checked authority, cannot be changed.',
    'check-kept': 'Identity checks stay on record: a failed check is kept when a new one follows.',
    'exports-grow': 'The exports made for a request stay on record.',
    'recorded-in-future': 'A record cannot be dated in the future.',
    'recorded-before-receipt': 'A record cannot be dated before the request was received.',
    'recorded-backdated': 'A record cannot be dated more than 30 days back.',
    'withdrawal-channel-missing': 'Say how the requester withdrew the request.',
    'withdrawal-overdue': 'A request past its deadline cannot be withdrawn: answer or refuse it.',
    'consent-withdrawal-missing':
      'The consent ledger holds no withdrawal, since the request was received, of each purpose chosen.',
  },
};

export const requestHistoryJa: DeepStrings<typeof requestHistoryEn> = {
  history: {
    earlierCheck:
      '以前の確認：{{outcome}}：{{method}}、{{time, datetime(dateStyle: medium; timeStyle: short)}}',
    checkAgain: '本人確認ができませんでした。新たな確認を記録してください（失敗した確認も記録に残ります）。',
    withdrawChannel: '請求者が取り下げた方法',
    withdrawalChannel: '（請求者による取下げ：{{channel}}）',
    withdrawOverdue: '期限を過ぎた請求は取り下げられません。回答するか拒否してください。',
  },
  refused: {
    'fixed-field': '受付の内容（日時、方法、請求者の言葉）は変更できません。',
    'status-backwards': '請求の状況は先に進むだけです。完了した請求は完了のままです。',
    'record-kept': '記録された内容は変更も削除もできません。',
    'requester-fixed': '請求者と、確認済みの代理権は変更できません。',
    'check-kept': '本人確認は記録に残ります。新たな確認をしても、失敗した確認は残ります。',
    'exports-grow': '請求のために作成したエクスポートは記録に残ります。',
    'recorded-in-future': '未来の日時で記録することはできません。',
    'recorded-before-receipt': '請求の受付より前の日時で記録することはできません。',
    'recorded-backdated': '30日より前の日時で記録することはできません。',
    'withdrawal-channel-missing': '請求者がどのように取り下げたかを選んでください。',
    'withdrawal-overdue': '期限を過ぎた請求は取り下げられません。回答するか拒否してください。',
    'consent-withdrawal-missing':
      '選んだ目的のそれぞれについて、請求の受付以降の撤回が同意の台帳にありません。',
  },
};
