import type { DeepStrings } from '../../i18n/deep-strings';

/** The Today screen's part of the UI catalogues (renderer/src/i18n): English, and Japanese with the same keys. */
export const todayEn = {
  heading: 'Today',
  waitingHeading: 'Waiting for you',
  nothingWaiting: 'Nothing is waiting for you.',
  navCount_one: '{{count}} waiting',
  navCount_other: '{{count}} waiting',
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
  loading: 'Loading the schedule…',
  scheduleNote: 'Times are Tokyo time; the client’s own time is beside it where it differs.',
  dayToday: 'Today, {{date}}',
  dayTomorrow: 'Tomorrow, {{date}}',
  nothingScheduled: 'Nothing scheduled.',
  clientTime: '({{time}} in {{city}})',
  edge: {
    flight: { start: 'Flight departs', end: 'Flight lands' },
    hotel: { start: 'Hotel check-in', end: 'Hotel check-out' },
  },
  flags: {
    label: 'Warnings',
    overlap: 'Overlaps another item',
    'before-arrival': 'Before the client arrives',
    'before-trip-start': 'Before the trip starts',
    noPartner: 'No partner confirmed',
    passport: {
      expired: 'Passport expired',
      'expires-before-trip-end': 'Passport expires before the trip ends',
      'expires-within-6-months-of-trip-end': 'Passport valid less than 6 months after the trip',
    },
  },
  renewals_one: '{{count}} client must renew their medical consent after a substantial change',
  renewals_other: '{{count}} clients must renew their medical consent after a substantial change',
  firstSteps: {
    notice:
      'Load the privacy notice in English and Japanese: no consent can be recorded before a version is in effect.',
    invite:
      'Invite your office staff: a manager approves devices and shares, coordinators look after clients. Your role reads every client but changes none.',
  },
};

export const todayJa: DeepStrings<typeof todayEn> = {
  heading: '今日',
  waitingHeading: 'あなたの対応待ち',
  nothingWaiting: '対応待ちの項目はありません。',
  navCount_one: '対応待ち {{count}} 件',
  navCount_other: '対応待ち {{count}} 件',
  open: '開く',
  openItem: '開く：{{text}}',
  due: '期限 {{time, datetime(dateStyle: medium; timeStyle: short)}}',
  state: {
    overdue: '期限超過',
    'due-soon': '期限間近',
    waiting: '対応待ち',
  },
  deviceApprovals_one: '承認待ちの端末が{{count}}台あります',
  deviceApprovals_other: '承認待ちの端末が{{count}}台あります',
  loading: '予定を読み込んでいます…',
  scheduleNote: '時刻は東京時間です。顧客の現地時間が異なる場合は併記します。',
  dayToday: '今日　{{date}}',
  dayTomorrow: '明日　{{date}}',
  nothingScheduled: '予定はありません。',
  clientTime: '（{{city}} {{time}}）',
  edge: {
    flight: { start: 'フライト出発', end: 'フライト到着' },
    hotel: { start: 'ホテルのチェックイン', end: 'ホテルのチェックアウト' },
  },
  flags: {
    label: '注意',
    overlap: '他の項目と時間が重なっています',
    'before-arrival': '顧客の到着前です',
    'before-trip-start': '旅行の開始前です',
    noPartner: '提携先が未確定です',
    passport: {
      expired: 'パスポートの期限が切れています',
      'expires-before-trip-end': 'パスポートが旅行の終了前に期限切れになります',
      'expires-within-6-months-of-trip-end': 'パスポートの残存期間が旅行後6か月未満です',
    },
  },
  renewals_one: '重要な変更により、{{count}}人の顧客が医療情報の同意を更新する必要があります',
  renewals_other: '重要な変更により、{{count}}人の顧客が医療情報の同意を更新する必要があります',
  firstSteps: {
    notice: 'プライバシーポリシーを英語と日本語で読み込んでください。有効な版がないと同意を記録できません。',
    invite:
      'オフィスのスタッフを招待してください。マネージャーは端末と共有を承認し、コーディネーターは顧客を担当します。あなたの役割はすべての顧客を閲覧できますが、変更はできません。',
  },
};
