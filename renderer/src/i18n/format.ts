/**
 * Instants in the UI's language, in one style everywhere: a medium date and a 24-hour time ("1 Apr 2026, 21:00",
 * "2026/04/01 21:00"). `language` is i18next's (en-GB for English: see index.ts). The machine's own locale is never
 * used: `toLocaleString()` without one printed US dates on an English system.
 */
export function formatDateTime(epochMs: number, language: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).format(epochMs);
}

export function formatDate(epochMs: number, language: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', ...(timeZone ? { timeZone } : {}) }).format(
    epochMs,
  );
}
