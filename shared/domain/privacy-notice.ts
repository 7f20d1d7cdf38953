import { orgContactSchema, type OrgContact } from './org-settings';
import { epochMsSchema, staffIdsSchema, uuidSchema } from './schema-parts';

/**
 * Versions of the privacy notice, as the admin (the DPO) loads them: the text the client is shown, per language,
 * with its SHA-256, the moment the version takes effect, a summary of what changed, and whether it is a substantial
 * change to the use of medical data (privacy policy §7: such changes are told to clients directly, and their
 * medical consent renewed). A version is immutable once effective (the server refuses a change or deletion then);
 * before that the admin may correct it. Every device holds every version, offline.
 *
 * Synced in the `orgSettings` collection (docs/data-model.md, row 12), the kind `privacy-notice`: the collection is
 * the organisation's settings, one kind per record type, so that retention rules can join it without spending
 * another of RxDB's 13 collections.
 */

export const NOTICE_LANGUAGES = ['en', 'ja'] as const;
/** A language a notice text may be in: BCP 47 primary tag, optionally a region (`en`, `ja`, `zh-TW`). */
export const NOTICE_LANGUAGE_PATTERN = '^[a-z]{2,3}(-[A-Z]{2})?$';
/** The version's label as the admin names it (as printed on the notice), e.g. `2026.1`. */
export const NOTICE_VERSION_PATTERN = '^[A-Za-z0-9._-]{1,32}$';
export const NOTICE_TEXT_MAX_LENGTH = 100_000;
export const NOTICE_SUMMARY_MAX_LENGTH = 2_000;
export const NOTICE_LANGUAGES_MAX = 6;
/** Lower-case hex SHA-256 of the text's UTF-8 bytes. */
export const SHA256_HEX_PATTERN = '^[0-9a-f]{64}$';

export interface NoticeText {
  language: string;
  text: string;
  /** SHA-256 (hex) of `text` in UTF-8: what a consent record cites, so the exact words shown stay provable. */
  sha256: string;
}

export interface PrivacyNotice {
  id: string;
  kind: 'privacy-notice';
  /** The label, unique among versions. */
  version: string;
  /** The moment the version takes effect (epoch ms); from then on it is immutable and offered on consent forms. */
  effectiveAt: number;
  summary: string;
  /** A substantial change to the use of medical data: clients whose medical consent cites an older version renew. */
  substantial: boolean;
  /**
   * For a substantial change: until when a medical consent under an older version still allows medical writes
   * (epoch ms, chosen by the admin, not before `effectiveAt`). Absent on other versions.
   */
  renewalDeadline?: number;
  texts: NoticeText[];
  /** The admin who loaded it. */
  publishedBy: string;
  /** Read by every role, assigned to nobody: the scope filter never reads it (registry: assignees 'fixed'). */
  assignedStaffIds: string[];
  createdAt: number;
  updatedAt: number;
}

/** The `orgSettings` collection's documents: notice versions and the organisation's contact (org-settings.ts). */
export type OrgSetting = PrivacyNotice | OrgContact;
export const ORG_SETTING_KINDS = ['privacy-notice', 'org-contact'] as const;

/**
 * The fields every notice version has. The schema requires only what every kind has (version 1 added the contact
 * record); the server's rule requires these of a notice (`noticeShapeProblem`).
 */
export const NOTICE_REQUIRED = [
  'version',
  'effectiveAt',
  'summary',
  'substantial',
  'texts',
  'publishedBy',
] as const;

export const orgSettingSchema = {
  title: 'organisation setting',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: uuidSchema,
    kind: { type: 'string', enum: [...ORG_SETTING_KINDS], maxLength: 32 },
    version: { type: 'string', maxLength: 32, pattern: NOTICE_VERSION_PATTERN },
    effectiveAt: epochMsSchema,
    summary: { type: 'string', minLength: 1, maxLength: NOTICE_SUMMARY_MAX_LENGTH },
    substantial: { type: 'boolean' },
    renewalDeadline: epochMsSchema,
    texts: {
      type: 'array',
      minItems: 1,
      maxItems: NOTICE_LANGUAGES_MAX,
      items: {
        type: 'object',
        properties: {
          language: { type: 'string', maxLength: 6, pattern: NOTICE_LANGUAGE_PATTERN },
          text: { type: 'string', minLength: 1, maxLength: NOTICE_TEXT_MAX_LENGTH },
          sha256: { type: 'string', maxLength: 64, pattern: SHA256_HEX_PATTERN },
        },
        required: ['language', 'text', 'sha256'],
        additionalProperties: false,
      },
    },
    publishedBy: uuidSchema,
    // The kind 'org-contact' (org-settings.ts).
    contact: orgContactSchema,
    updatedBy: uuidSchema,
    assignedStaffIds: staffIdsSchema,
    createdAt: epochMsSchema,
    updatedAt: epochMsSchema,
  },
  required: ['id', 'kind', 'assignedStaffIds', 'createdAt', 'updatedAt'],
  additionalProperties: false,
  indexes: ['kind'],
} as const;

export function isEffective(notice: PrivacyNotice, now: number): boolean {
  return notice.effectiveAt <= now;
}

/** The versions in effect at `now`, newest first (by effective moment, then label). */
export function effectiveNotices(notices: Iterable<PrivacyNotice>, now: number): PrivacyNotice[] {
  return [...notices]
    .filter((notice) => isEffective(notice, now))
    .sort((a, b) => b.effectiveAt - a.effectiveAt || b.version.localeCompare(a.version));
}

/** The version in force at `now`: the newest effective one. */
export function currentNotice(notices: Iterable<PrivacyNotice>, now: number): PrivacyNotice | undefined {
  return effectiveNotices(notices, now)[0];
}

/**
 * The text of a version in a language: the exact language, else the same primary language (`en` for `en-GB`).
 * Undefined when the version has no text the client can read: the consent form then does not offer it.
 */
export function noticeText(notice: PrivacyNotice, language: string): NoticeText | undefined {
  const primary = language.split('-')[0];
  return (
    notice.texts.find((text) => text.language === language) ??
    notice.texts.find((text) => text.language.split('-')[0] === primary)
  );
}

/** A notice version missing one of its fields, or carrying the contact record's. */
export function noticeShapeProblem(doc: Record<string, unknown>): 'shape' | undefined {
  const complete = NOTICE_REQUIRED.every((field) => doc[field] !== undefined);
  return complete && doc.contact === undefined && doc.updatedBy === undefined ? undefined : 'shape';
}

/** What the notice says about itself that the server and devices check beyond the schema. */
export type NoticeProblem =
  | 'duplicate-language'
  | 'renewal-deadline-required'
  | 'renewal-deadline-without-substantial'
  | 'renewal-deadline-before-effective';

export function noticeProblem(notice: PrivacyNotice): NoticeProblem | undefined {
  const languages = notice.texts.map((text) => text.language);
  if (new Set(languages).size !== languages.length) return 'duplicate-language';
  if (notice.substantial && notice.renewalDeadline === undefined) return 'renewal-deadline-required';
  if (notice.renewalDeadline !== undefined) {
    if (!notice.substantial) return 'renewal-deadline-without-substantial';
    if (notice.renewalDeadline < notice.effectiveAt) return 'renewal-deadline-before-effective';
  }
  return undefined;
}
