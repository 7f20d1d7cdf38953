import type { DeepStrings } from '../../i18n/deep-strings';

/** The statistics feature's catalogue (registered as `statistics`). */
export const statisticsEn = {
  heading: 'Anonymised statistics',
  intro:
    'Counts of clients, computed on this device. Anonymously processed information (APPI Art. 43): it holds only nationality, ten-year age band, treatment category and month of trip start; no name, id, date or free text. A cell of fewer than {{k}} clients is not shown.',
  loading: 'Counting…',
  dimensions: {
    nationality: 'Clients per nationality',
    ageBand: 'Clients per age band',
    treatmentCategory: 'Clients per treatment category',
    month: 'Clients per month of trip start',
  },
  value: 'Category',
  count: 'Clients',
  suppressed_one: '{{count}} cell not shown (fewer than {{k}} clients, or it would reveal one that is).',
  suppressed_other: '{{count}} cells not shown (fewer than {{k}} clients, or they would reveal one that is).',
  empty: 'No cell of at least {{k}} clients.',
  unknown: 'unknown',
};

export const statisticsJa: DeepStrings<typeof statisticsEn> = {
  heading: '匿名化統計',
  intro:
    'この端末で集計した顧客数です。匿名加工情報（個人情報保護法第43条）：国籍、10歳刻みの年齢層、治療区分、旅行開始月のみを含み、氏名・ID・日付・自由記述は含みません。{{k}}人未満の区分は表示しません。',
  loading: '集計中…',
  dimensions: {
    nationality: '国籍別の顧客数',
    ageBand: '年齢層別の顧客数',
    treatmentCategory: '治療区分別の顧客数',
    month: '旅行開始月別の顧客数',
  },
  value: '区分',
  count: '顧客数',
  suppressed_one: '{{count}} 区分は非表示（顧客{{k}}人未満、または他の区分が推定できるため）。',
  suppressed_other: '{{count}} 区分は非表示（顧客{{k}}人未満、または他の区分が推定できるため）。',
  empty: '顧客{{k}}人以上の区分はありません。',
  unknown: '不明',
};
