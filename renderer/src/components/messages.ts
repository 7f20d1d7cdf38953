/** Text of the shared components (form kit, badges, empty states), registered as `components` in en.ts and ja.ts. */
export const componentsEn = {
  time: {
    placeholder: 'HH:MM',
    invalid: 'Enter a 24-hour time as HH:MM, for example 08:30 or 17:45.',
  },
};

export const componentsJa: typeof componentsEn = {
  time: {
    placeholder: '時：分',
    invalid: '時刻は24時間制の「時：分」で入力してください（例：08:30、17:45）。',
  },
};
