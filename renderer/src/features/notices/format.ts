import { OFFICE_ZONE } from './notice-form';

/** An instant as a date and time in the office's zone, in the UI's language ("Jan 1, 2027, 09:00"). */
export function formatOffice(epochMs: number, language: string): string {
  return new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
    timeZone: OFFICE_ZONE,
  }).format(epochMs);
}
