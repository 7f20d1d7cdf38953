import type { TFunction } from 'i18next';
import { AUDIT_EVENT_KINDS } from '../../../../shared/domain/audit';
import { MEDICAL_ACCESS_OUTCOMES } from '../../../../shared/domain/medical-access-request';
import type { AccessLogEntry } from '../../../../shared/domain/request-export';
import { formatDate, formatDateTime } from '../../i18n/format';
import { localeOf } from '../../i18n/index';
import { formatCalendarDay, formatInstant } from '../trips/format';
import { reportValues } from './report-values';

/**
 * The kinds of the server's part of a client's access log (server/privacy/client-export.ts: the export itself,
 * erasures, and requests for access to the medical section). The device's kinds are AUDIT_EVENT_KINDS.
 */
export const SERVER_ACCESS_KINDS = [
  'client-data-exported',
  'erasure-scheduled',
  'erasure-cancelled',
  'medical-access-asked',
  ...MEDICAL_ACCESS_OUTCOMES.map((outcome) => `medical-access-${outcome}` as const),
] as const;

/** Every access-log kind the report names in words. */
export const REPORT_ACCESS_KINDS: readonly string[] = [...AUDIT_EVENT_KINDS, ...SERVER_ACCESS_KINDS];

/**
 * The report's words for its codes and its dates, in the report's language (the client's, whatever the UI's): dates
 * through the app's formatter in the app's locale for that language (British English, as the rest of the app), each
 * code a label of the catalogue, and a code the catalogue does not know yet shown plainly rather than dropped.
 */
export function reportLabels(t: TFunction, language: 'en' | 'ja') {
  const locale = localeOf(language);
  const known = (key: string, code: string) => t(key, { defaultValue: code });
  /** A calendar day (YYYY-MM-DD: a trip's, a birth date, an expiry) as a date. */
  const day = (date: string) => formatCalendarDay(date, locale, 'medium');
  /** A language tag as the language's name in the report's language ("Japanese", "日本語"). */
  const languageName = (tag: string) => {
    try {
      return new Intl.DisplayNames([locale], { type: 'language' }).of(tag) ?? tag;
    } catch {
      return tag;
    }
  };
  return {
    locale,
    date: (epochMs: number) => formatDate(epochMs, locale),
    dateTime: (epochMs: number) => formatDateTime(epochMs, locale),
    day,
    languageName,
    /** Countries by name, and the record's nested values as labelled lines (report-values.ts). */
    ...reportValues({ t, locale, day, languageName }),
    /** A trip item's start or end (ISO with its offset) in the zone it was entered in. */
    instant: (iso: string, timeZone: string) => {
      const at = Date.parse(iso);
      return Number.isNaN(at) ? iso : formatInstant(at, timeZone, locale);
    },
    accessWhat: (entry: Pick<AccessLogEntry, 'kind' | 'fields'>) =>
      t(`export.report.accessKind.${entry.kind}`, {
        fields: (entry.fields ?? [])
          .map((field) => t(`export.report.field.${field}`, { defaultValue: field }))
          .join(', '),
        defaultValue: t('export.report.accessUnknown', { code: entry.kind }),
      }),
    shareStatus: (status: string) => known(`export.report.shareStatus.${status}`, status),
    channel: (channel: string) => known(`export.report.channel.${channel}`, channel),
  };
}
