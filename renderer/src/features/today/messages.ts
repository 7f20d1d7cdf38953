import type { DeepStrings } from '../../i18n/deep-strings';

/** The Today screen's part of the UI catalogues (renderer/src/i18n): English, and Japanese with the same keys. */
export const todayEn = {
  heading: 'Today',
  waitingHeading: 'Waiting for you',
  nothingWaiting: 'Nothing is waiting for you.',
  open: 'Open',
  openItem: 'Open: {{text}}',
  due: 'Due {{time, datetime(dateStyle: medium; timeStyle: short)}}',
  state: {
    overdue: 'Overdue',
    'due-soon': 'Due soon',
    waiting: 'Waiting',
  },
  deviceApprovals_one: '{{count}} device waiting for approval',
  deviceApprovals_other: '{{count}} devices waiting for approval',
  firstSteps: {
    invite:
      'Invite your office staff: a manager approves devices and shares, coordinators look after clients. Your role reads every client but changes none.',
  },
};

export const todayJa: DeepStrings<typeof todayEn> = {
  heading: '今日',
  waitingHeading: 'あなたの対応待ち',
  nothingWaiting: '対応待ちの項目はありません。',
  open: '開く',
  openItem: '開く：{{text}}',
  due: '期限 {{time, datetime(dateStyle: medium; timeStyle: short)}}',
  state: {
    overdue: '期限超過',
    'due-soon': '期限間近',
    waiting: '対応待ち',
  },
  deviceApprovals_one: '承認待ちのデバイスが{{count}}台あります',
  deviceApprovals_other: '承認待ちのデバイスが{{count}}台あります',
  firstSteps: {
    invite:
      'オフィスのスタッフを招待してください。マネージャーはデバイスと共有を承認し、コーディネーターは顧客を担当します。あなたのロールはすべての顧客を閲覧できますが、変更はできません。',
  },
};
