import type { ConsentPurpose, ConsentRecord } from './consent';
import { consentKeyOf, liveConsent } from './consent-ledger';
import type { DataSubjectRequest, RefusalGround, RequestActionKind, RequestType } from './request';

/**
 * What a request's answer must rest on, and which legal grounds fit which type of request (issue 16 review). Pure:
 * the device's register (renderer/src/features/requests) and the server's push rule
 * (shared/sync/request-push-rule.ts) both run these.
 */

/**
 * The grounds a refusal or a partial answer may name, by type of request. APPI Art. 33(2)'s three grounds are for
 * disclosure only; Art. 34's (the content is accurate) for a correction; Art. 35's (no ground for the demand) and a
 * legal hold for cessation and erasure; a failed identity check and GDPR Art. 12(5) for any (a consent withdrawal
 * cannot be refused otherwise).
 */
export const GROUNDS_BY_TYPE: Record<RequestType, readonly RefusalGround[]> = {
  disclosure: [
    'appi-33-2-i-harm',
    'appi-33-2-ii-business',
    'appi-33-2-iii-other-law',
    'identity-not-verified',
    'gdpr-12-5-unfounded',
  ],
  'provision-records': [
    'appi-33-2-i-harm',
    'appi-33-2-ii-business',
    'appi-33-2-iii-other-law',
    'identity-not-verified',
    'gdpr-12-5-unfounded',
  ],
  correction: ['appi-34-content-accurate', 'identity-not-verified', 'gdpr-12-5-unfounded'],
  'cessation-of-use': ['appi-35-no-ground', 'legal-hold', 'identity-not-verified', 'gdpr-12-5-unfounded'],
  erasure: ['appi-35-no-ground', 'legal-hold', 'identity-not-verified', 'gdpr-12-5-unfounded'],
  'cessation-of-provision': ['appi-35-no-ground', 'identity-not-verified', 'gdpr-12-5-unfounded'],
  'consent-withdrawal': ['identity-not-verified'],
  enquiry: ['identity-not-verified', 'gdpr-12-5-unfounded'],
};

export const groundFits = (type: RequestType, ground: RefusalGround) =>
  GROUNDS_BY_TYPE[type].includes(ground);

/**
 * The evidence an answer needs, by type: an export made for a disclosure, the action recorded for a cessation, an
 * erasure or a consent withdrawal (its withdrawals in the ledger, issue 16 review F4). A correction and an enquiry
 * are answered through the editors, whose own records (the access log) are the evidence.
 */
export const EVIDENCE_BY_TYPE: Partial<Record<RequestType, 'export' | RequestActionKind>> = {
  disclosure: 'export',
  'provision-records': 'export',
  'cessation-of-use': 'use-ceased',
  'cessation-of-provision': 'provision-ceased',
  erasure: 'erasure-scheduled',
  'consent-withdrawal': 'consent-withdrawn',
};

/** The purposes whose use a cessation of use may cease: every consent a client gives, but the notice's receipt. */
export const CEASABLE_PURPOSES: readonly ConsentPurpose[] = [
  'medical-data',
  'provision',
  'overseas-transfer',
  'marketing',
];
/** What a cessation of provision to third parties withdraws. */
export const PROVISION_PURPOSES: readonly ConsentPurpose[] = ['provision', 'overseas-transfer'];

/** Whether the request's answer is missing its evidence (on the request itself; the server checks it further). */
export function answerEvidenceMissing(request: DataSubjectRequest): boolean {
  const needed = EVIDENCE_BY_TYPE[request.type];
  if (needed === undefined) return false;
  if (needed === 'export') return (request.exports ?? []).length === 0;
  return request.action?.kind !== needed;
}

/** The consents of the client in force at `now` for the purposes (each key's live record). */
export function liveConsentsFor(
  records: readonly ConsentRecord[],
  clientId: string,
  purposes: readonly ConsentPurpose[],
  now: number,
): ConsentRecord[] {
  const keys = new Map<string, ConsentRecord>();
  for (const record of records) {
    if (record.clientId === clientId && purposes.includes(record.purpose)) {
      keys.set(consentKeyOf(record), record);
    }
  }
  const live: ConsentRecord[] = [];
  for (const record of keys.values()) {
    const found = liveConsent(
      records,
      {
        clientId,
        purpose: record.purpose,
        ...(record.partnerId !== undefined ? { partnerId: record.partnerId } : {}),
        ...(record.country !== undefined ? { country: record.country } : {}),
      },
      now,
    );
    if (found) live.push(found);
  }
  return live;
}

export type ActionProblem =
  | 'action-kind'
  | 'action-purposes'
  | 'action-records-unknown'
  | 'action-consent-live'
  | 'action-withdrawal-missing';

/**
 * Whether the ledger bears out a cessation's or a consent withdrawal's action: every record it names is a
 * withdrawal of this client's, recorded at or after the request's receipt, and no consent of the purposes it ceased
 * is still in force. A consent withdrawal names at least one such withdrawal of each purpose: the ledger records
 * that the client's withdrawal was carried out, not only that nothing was in force.
 */
export function cessationActionProblem(
  request: DataSubjectRequest,
  ledger: readonly ConsentRecord[],
  now: number,
): ActionProblem | undefined {
  const action = request.action;
  if (!action || action.kind === 'erasure-scheduled') return undefined;
  if (EVIDENCE_BY_TYPE[request.type] !== action.kind) return 'action-kind';
  const purposes = action.kind === 'provision-ceased' ? PROVISION_PURPOSES : (action.purposes ?? []);
  if (purposes.length === 0 || purposes.some((purpose) => !CEASABLE_PURPOSES.includes(purpose))) {
    return 'action-purposes';
  }
  const byId = new Map(ledger.map((record) => [record.id, record]));
  for (const id of action.consentRecordIds ?? []) {
    const record = byId.get(id);
    if (
      !record ||
      record.clientId !== request.clientId ||
      record.action !== 'withdrawn' ||
      !purposes.includes(record.purpose) ||
      record.recordedAt < request.receivedAt
    ) {
      return 'action-records-unknown';
    }
  }
  if (liveConsentsFor(ledger, request.clientId, purposes, now).length > 0) return 'action-consent-live';
  if (action.kind === 'consent-withdrawn') {
    const withdrawn = new Set((action.consentRecordIds ?? []).map((id) => byId.get(id)!.purpose));
    if (purposes.some((purpose) => !withdrawn.has(purpose))) return 'action-withdrawal-missing';
  }
  return undefined;
}
