/** Text of the shared components (form kit, badges, empty states), registered as `components` in en.ts and ja.ts. */
export const componentsEn = {
  time: {
    placeholder: 'HH:MM',
    invalid: 'Enter a 24-hour time as HH:MM, for example 08:30 or 17:45.',
  },
  date: {
    placeholder: 'e.g. 12 Mar 2027',
    invalid:
      'Enter a date with the month in letters or the year first, for example 12 Mar 2027 or 2027-03-12.',
  },
  dateTime: {
    time: 'Time (24-hour)',
  },
};

export const componentsJa: typeof componentsEn = {
  time: {
    placeholder: '時：分',
    invalid: '時刻は24時間制の「時：分」で入力してください（例：08:30、17:45）。',
  },
  date: {
    placeholder: '例：2027年3月12日',
    invalid: '日付は年から入力してください（例：2027年3月12日、2027-03-12）。',
  },
  dateTime: {
    time: '時刻（24時間制）',
  },
};
