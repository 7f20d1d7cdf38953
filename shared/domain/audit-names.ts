import { ROLES } from '../auth/roles';
import { CONSENT_ACTIONS, CONSENT_PURPOSES } from './consent';
import { MEDICAL_FIELDS } from './medical';
import { SHARE_FIELDS } from './share-request';

/**
 * What an access-log entry may name (issue 18 review): `fields` from this catalogue, `target` an id. A free token
 * (a passport number, a name) is refused on the device (auditInputProblem) and by the server (the push rule): the
 * log must never hold a personal value.
 */

/** The fields of a data-subject request a handling step may change (shared/domain/request.ts). */
export const REQUEST_FIELD_NAMES = [
  'type',
  'channel',
  'receivedAt',
  'receivedBy',
  'details',
  'requester',
  'residenceCountry',
  'gdprBasis',
  'dueAt',
  'extension',
  'verification',
  'status',
  'handlerId',
  'answer',
  'refusal',
  'withdrawnAt',
  'exports',
  'notes',
] as const;

const FIELD_NAMES: ReadonlySet<string> = new Set<string>([
  ...MEDICAL_FIELDS,
  ...SHARE_FIELDS,
  ...REQUEST_FIELD_NAMES,
  'passport.number',
  'passport.country',
  'passport.expiryDate',
  'itinerary',
  'tripItemDetails',
  'medical',
  // Access restored with the organisation recovery key (renderer/src/core/medical/recovery.ts).
  'recovery-key',
  'purge',
  'device',
  'staff',
  'role',
  'session',
  'client-export-json',
  'client-export-report',
  'audit-log-json',
  'audit-log-csv',
  // What an erasure erased, by collection (shared/sync/registry.ts; not imported: the registry imports the log).
  'clients',
  'trips',
  'keyWraps',
  'consents',
  'auditEvents',
  'orgSettings',
  'requests',
  'partners',
  'provisions',
  ...ROLES.map((role) => `role.${role}`),
  ...CONSENT_PURPOSES.map((purpose) => `consent.${purpose}`),
  ...CONSENT_ACTIONS.map((action) => `action.${action}`),
]);

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** A weekly review's finding (shared/domain/audit-review.ts): its kind and the staff member's id. */
const FINDING = new RegExp(`^(?:outside-assignment|out-of-hours):${UUID}$`);
/** An id: a UUID, an erasure's (`erasure:<uuid>`), a reviewed week (`week:<date>`), a count of failures. */
const TARGET = new RegExp(`^(?:${UUID}|erasure:${UUID}|week:\\d{4}-\\d{2}-\\d{2}|count:\\d{1,6})$`);

export const isAuditFieldName = (name: string): boolean => FIELD_NAMES.has(name) || FINDING.test(name);
export const isAuditTarget = (target: string): boolean => TARGET.test(target);
