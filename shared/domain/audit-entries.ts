import type { AuditEntryInput } from './audit';
import { isAuditFieldName } from './audit-names';
import type { ConsentRecord } from './consent';
import type { Role } from '../auth/roles';

/**
 * The access-log entries of the call sites outside the medical section (issue 18, "what is logged"): one builder
 * per action, so that a call site is one line and what an entry holds is decided here. Names and ids only: a
 * field's name, a purpose, a status, a role, never a value a person typed.
 */

/** The client record's passport section shown with a stored number (the number is on screen). */
export const passportViewEntry = (clientId: string): AuditEntryInput => ({
  kind: 'passport-viewed',
  clientId,
  fields: ['passport.number', 'passport.country', 'passport.expiryDate'],
});

/** An itinerary printed with its medical items' details. */
export const printMedicalEntry = (trip: { id: string; clientId: string }): AuditEntryInput => ({
  kind: 'printed-medical',
  clientId: trip.clientId,
  fields: ['itinerary', 'tripItemDetails'],
  target: trip.id,
});

/** A client's data export built on this device (`json`) or its readable report opened (`report`). */
export const clientExportEntry = (
  clientId: string,
  part: 'json' | 'report',
  requestId?: string,
): AuditEntryInput => ({
  kind: 'exported',
  clientId,
  fields: [`client-export-${part}`],
  ...(requestId !== undefined ? { target: requestId } : {}),
});

/** A consent record written: given, refused or corrected (recorded) or withdrawn. */
export const consentEntry = (record: Pick<ConsentRecord, 'id' | 'clientId' | 'action' | 'purpose'>) =>
  ({
    kind: record.action === 'withdrawn' ? 'consent-withdrawn' : 'consent-recorded',
    clientId: record.clientId,
    fields: [`consent.${record.purpose}`, `action.${record.action}`],
    target: record.id,
  }) satisfies AuditEntryInput;

/** A data-subject request handled: the request's fields the step changed (verification, status, answer…). */
export const requestHandledEntry = (
  request: { id: string; clientId: string },
  changed: readonly string[],
): AuditEntryInput => ({
  kind: 'request-handled',
  clientId: request.clientId,
  fields: [...new Set(changed)].filter(isAuditFieldName).slice(0, 32),
  target: request.id,
});

/** A staff member's role changed (the role's name is not personal data). */
export const roleChangeEntry = (staffId: string, role: Role): AuditEntryInput => ({
  kind: 'role-changed',
  fields: ['role', `role.${role}`],
  target: staffId,
});

/** A device approved (after comparing its fingerprint). */
export const deviceApprovalEntry = (deviceId: string): AuditEntryInput => ({
  kind: 'device-approved',
  fields: ['device'],
  target: deviceId,
});

/** A device revoked, or (`staff`) every device of a staff member at once. */
export const deviceRevocationEntry = (id: string, of: 'device' | 'staff'): AuditEntryInput => ({
  kind: 'device-revoked',
  fields: [of],
  target: id,
});

/**
 * For the share-package and erasure work (issue 15, issue 17): a share package built for a partner, naming the
 * sections it holds and the package by id.
 */
export const sharePackageEntry = (
  clientId: string,
  packageId: string,
  sections: readonly string[],
): AuditEntryInput => ({
  kind: 'share-package-built',
  clientId,
  fields: [...new Set(sections)],
  target: packageId,
});

/**
 * An executed erasure purged from this device (renderer/src/features/erasure/erasure-data.ts): named by the erasure's
 * id, deliberately without the client, which is in nobody's scope once erased (the server would refuse the entry,
 * and so every later one of the device's chain); the erasure's certificate names the client.
 */
export const erasureEntry = (erasureId: string): AuditEntryInput => ({
  kind: 'erased',
  fields: ['purge'],
  target: `erasure:${erasureId}`,
});
