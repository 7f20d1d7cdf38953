import { FieldErrors, type ValidationResult } from '../../../../shared/domain/validation';
import { dateTimeInZone, zonedParts } from '../../../../shared/domain/itinerary-checks';
import {
  NOTICE_LANGUAGE_PATTERN,
  NOTICE_LANGUAGES_MAX,
  NOTICE_SUMMARY_MAX_LENGTH,
  NOTICE_TEXT_MAX_LENGTH,
  NOTICE_VERSION_PATTERN,
  currentNotice,
  type NoticeText,
  type PrivacyNotice,
} from '../../../../shared/domain/privacy-notice';

/**
 * The notice-version form, pure: reading a text file the admin chose, its SHA-256, the draft's checks, the office's
 * wall clock (dates are typed and shown in Asia/Tokyo whatever the machine's zone), and a version's state.
 */

/** The office's zone: effective dates and deadlines are typed and shown in it. */
export const OFFICE_ZONE = 'Asia/Tokyo';

/** The languages the form offers for a text (BCP 47, as NOTICE_LANGUAGE_PATTERN takes them). */
export const NOTICE_FORM_LANGUAGES = ['en', 'ja', 'zh-CN', 'zh-TW', 'ko', 'fr', 'de', 'es'] as const;

/** A UTF-8 character takes at most 4 bytes: a larger file cannot hold an allowed text, and is not decoded. */
export const NOTICE_FILE_MAX_BYTES = NOTICE_TEXT_MAX_LENGTH * 4;

/** Why a chosen file was refused (`unreadable`: the browser could not read it at all). */
export type NoticeFileProblem = 'empty' | 'not-utf8' | 'too-large' | 'unreadable';

export type NoticeFileResult = { ok: true; text: string } | { ok: false; problem: NoticeFileProblem };

/** A text file's bytes as the notice text: strict UTF-8 (a byte-order mark is dropped), not blank, not too long. */
export function decodeNoticeFile(bytes: Uint8Array): NoticeFileResult {
  if (bytes.byteLength > NOTICE_FILE_MAX_BYTES) return { ok: false, problem: 'too-large' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: 'not-utf8' };
  }
  if (text.trim().length === 0) return { ok: false, problem: 'empty' };
  // A NUL is no text a person reads: a binary file that happens to be valid UTF-8.
  if (text.includes('\u0000')) return { ok: false, problem: 'not-utf8' };
  if (text.length > NOTICE_TEXT_MAX_LENGTH) return { ok: false, problem: 'too-large' };
  return { ok: true, text };
}

/** Lower-case hex SHA-256 of the text's UTF-8 bytes (what the notice stores and consent records cite). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export interface NoticeTextDraft {
  /** The form's own key for the row (rows are added and removed); not stored. */
  row?: number;
  language: string;
  fileName?: string;
  /** The file's text and hash once read; absent until a file is chosen (or when it was refused). */
  text?: string;
  sha256?: string;
  problem?: NoticeFileProblem;
}

export interface NoticeDraft {
  version: string;
  /** YYYY-MM-DD and HH:mm, in the office's zone. */
  effectiveDate: string;
  effectiveTime: string;
  summary: string;
  substantial: boolean;
  deadlineDate: string;
  deadlineTime: string;
  texts: NoticeTextDraft[];
}

export type NoticeValues = Pick<
  PrivacyNotice,
  'version' | 'effectiveAt' | 'summary' | 'substantial' | 'texts'
> & {
  renewalDeadline?: number;
};

/** The office's wall clock for an instant: the date and time fields of the form. */
export function officeDateTime(epochMs: number): { date: string; time: string } {
  const parts = zonedParts(epochMs, OFFICE_ZONE);
  return { date: parts.date, time: parts.time };
}

/** A date and time typed in the office's zone as an instant, undefined when it names none. */
export function officeInstant(date: string, time: string): number | undefined {
  const iso = dateTimeInZone(date, time, OFFICE_ZONE);
  return iso === undefined ? undefined : Date.parse(iso);
}

let rows = 0;
/** A key for a new row of texts in the form. */
export const newRowKey = () => ++rows;

export function emptyNoticeDraft(): NoticeDraft {
  return {
    version: '',
    effectiveDate: '',
    effectiveTime: '00:00',
    summary: '',
    substantial: false,
    deadlineDate: '',
    deadlineTime: '23:59',
    texts: [
      { row: newRowKey(), language: 'en' },
      { row: newRowKey(), language: 'ja' },
    ],
  };
}

/** A version as the form shows it, to correct one not yet effective. */
export function noticeDraftOf(notice: PrivacyNotice): NoticeDraft {
  const effective = officeDateTime(notice.effectiveAt);
  const deadline = notice.renewalDeadline === undefined ? undefined : officeDateTime(notice.renewalDeadline);
  return {
    version: notice.version,
    effectiveDate: effective.date,
    effectiveTime: effective.time,
    summary: notice.summary,
    substantial: notice.substantial,
    deadlineDate: deadline?.date ?? '',
    deadlineTime: deadline?.time ?? '23:59',
    texts: notice.texts.map((text) => ({ row: newRowKey(), ...text })),
  };
}

function instantField(errors: FieldErrors, prefix: string, date: string, time: string): number | undefined {
  if (date.trim() === '') {
    errors.add(`${prefix}Date`, 'required');
    return undefined;
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || dateTimeInZone(date, '12:00', OFFICE_ZONE) === undefined) {
    errors.add(`${prefix}Date`, 'date-invalid');
    return undefined;
  }
  const instant = officeInstant(date, time);
  if (instant === undefined) errors.add(`${prefix}Time`, 'time-invalid');
  return instant;
}

/**
 * The draft as the version to store, or every field error. `others`: the other versions (a label is used once).
 * The renewal deadline is asked for a substantial change only, and may not precede the effective moment.
 */
export function validateNoticeDraft(
  draft: NoticeDraft,
  others: readonly PrivacyNotice[],
): ValidationResult<NoticeValues> {
  const errors = new FieldErrors();
  const version = draft.version.trim();
  if (version === '') errors.add('version', 'required');
  else if (!new RegExp(NOTICE_VERSION_PATTERN).test(version)) errors.add('version', 'invalid-format');
  else if (others.some((other) => other.version === version)) errors.add('version', 'repeated');

  const effectiveAt = instantField(errors, 'effective', draft.effectiveDate, draft.effectiveTime);

  const summary = draft.summary.trim();
  if (summary === '') errors.add('summary', 'required');
  else if (summary.length > NOTICE_SUMMARY_MAX_LENGTH) {
    errors.add('summary', 'too-long', { max: NOTICE_SUMMARY_MAX_LENGTH });
  }

  let renewalDeadline: number | undefined;
  if (draft.substantial) {
    renewalDeadline = instantField(errors, 'deadline', draft.deadlineDate, draft.deadlineTime);
    if (renewalDeadline !== undefined && effectiveAt !== undefined && renewalDeadline < effectiveAt) {
      errors.add('deadlineDate', 'end-before-start');
    }
  }

  if (draft.texts.length === 0) errors.add('texts', 'required');
  if (draft.texts.length > NOTICE_LANGUAGES_MAX)
    errors.add('texts', 'too-many', { max: NOTICE_LANGUAGES_MAX });
  const texts: NoticeText[] = [];
  const languages = new Set<string>();
  draft.texts.forEach((entry, index) => {
    const at = `texts.${index}`;
    if (entry.language === '') errors.add(`${at}.language`, 'required');
    else if (!new RegExp(NOTICE_LANGUAGE_PATTERN).test(entry.language)) {
      errors.add(`${at}.language`, 'invalid-format');
    } else if (languages.has(entry.language)) errors.add(`${at}.language`, 'repeated');
    languages.add(entry.language);
    // A refused file is explained beside the file input by its own message (`problem`); here it is only missing.
    if (entry.text === undefined || entry.sha256 === undefined) {
      errors.add(`${at}.file`, 'required');
      return;
    }
    texts.push({ language: entry.language, text: entry.text, sha256: entry.sha256 });
  });

  if (errors.list.length > 0 || effectiveAt === undefined) return { ok: false, errors: errors.list };
  return {
    ok: true,
    value: {
      version,
      effectiveAt,
      summary,
      substantial: draft.substantial,
      ...(renewalDeadline === undefined ? {} : { renewalDeadline }),
      texts,
    },
  };
}

export type NoticeState = 'scheduled' | 'in-effect' | 'superseded';

/** A version's state at `now`: not yet effective, the one in force, or an earlier one a newer version replaced. */
export function noticeState(notice: PrivacyNotice, all: readonly PrivacyNotice[], now: number): NoticeState {
  if (notice.effectiveAt > now) return 'scheduled';
  return currentNotice(all, now)?.id === notice.id ? 'in-effect' : 'superseded';
}

/** The versions in the order the admin reads them: the newest effective moment first. */
export function noticesNewestFirst(notices: readonly PrivacyNotice[]): PrivacyNotice[] {
  return [...notices].sort((a, b) => b.effectiveAt - a.effectiveAt || b.version.localeCompare(a.version));
}
