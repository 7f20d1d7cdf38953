import { fieldConflictsSchema, type WithConflicts } from '../sync/conflicts';
import { epochMsSchema, staffIdsSchema, uuidSchema } from './schema-parts';

/**
 * The consent ledger: one entry per consent a client gives for one purpose, under one version of the privacy
 * policy, with how it was given and who witnessed it. A withdrawal is recorded on the entry (never a deletion),
 * so the ledger shows what was in force at any moment. Medical data is "special care-required personal
 * information" under APPI: acquiring it needs prior consent, never opt-out; marketing is off until consented to.
 *
 * Synced as the `consents` collection (docs/data-model.md, row 4).
 */

export type ConsentPurpose = 'medical-data' | 'overseas-transfer' | 'marketing' | `share:${string}`;
export const CONSENT_METHODS = ['written', 'electronic', 'verbal-witnessed'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export interface Consent extends WithConflicts {
  id: string;
  clientId: string;
  /** What the client agreed to: medical data, sharing with one partner (`share:<partner id>`), etc. */
  purpose: ConsentPurpose;
  /** The version of the privacy policy the client was shown (as the admin loaded it). */
  policyVersion: string;
  method: ConsentMethod;
  /** Milliseconds since the epoch. */
  givenAt: number;
  /** The staff member who took the consent and witnessed it. */
  witnessStaffId: string;
  withdrawnAt?: number;
  /** The staff member who recorded the withdrawal. */
  withdrawalRecordedBy?: string;
  /** Free text (how and where it was given, a document reference); sealed at rest. */
  notes?: string;
  /** As on the client, so that a concierge's device receives the ledger of their own clients. */
  assignedStaffIds: string[];
  createdAt: number;
  updatedAt: number;
}

export const CONSENT_PURPOSE_PATTERN = '^(medical-data|overseas-transfer|marketing|share:[0-9a-f-]{36})$';
export const POLICY_VERSION_PATTERN = '^[A-Za-z0-9._-]{1,32}$';
export const CONSENT_NOTES_MAX_LENGTH = 2000;

export const consentSchema = {
  title: 'consent',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: uuidSchema,
    clientId: uuidSchema,
    purpose: { type: 'string', maxLength: 48, pattern: CONSENT_PURPOSE_PATTERN },
    policyVersion: { type: 'string', maxLength: 32, pattern: POLICY_VERSION_PATTERN },
    method: { type: 'string', enum: [...CONSENT_METHODS], maxLength: 16 },
    givenAt: epochMsSchema,
    witnessStaffId: uuidSchema,
    withdrawnAt: epochMsSchema,
    withdrawalRecordedBy: uuidSchema,
    notes: { type: 'string', minLength: 1, maxLength: CONSENT_NOTES_MAX_LENGTH },
    assignedStaffIds: staffIdsSchema,
    createdAt: epochMsSchema,
    updatedAt: epochMsSchema,
    conflicts: fieldConflictsSchema,
  },
  required: [
    'id',
    'clientId',
    'purpose',
    'policyVersion',
    'method',
    'givenAt',
    'witnessStaffId',
    'assignedStaffIds',
    'createdAt',
    'updatedAt',
  ],
  additionalProperties: false,
  indexes: ['clientId', 'purpose', 'updatedAt'],
} as const;

const PURPOSE = new RegExp(CONSENT_PURPOSE_PATTERN);

export function isConsentPurpose(text: string): text is ConsentPurpose {
  return PURPOSE.test(text);
}

/** The purpose of a consent to share a client's data with one partner institution. */
export function sharePurpose(partnerId: string): ConsentPurpose {
  return `share:${partnerId}`;
}

/** Whether `consent` was in force at `now`: given by then and not withdrawn by then. */
export function isConsentInForce(consent: Consent, now: number): boolean {
  return consent.givenAt <= now && (consent.withdrawnAt === undefined || consent.withdrawnAt > now);
}

/**
 * The consent in force at `now` for a client and purpose: of several, the latest given (a renewal under a newer
 * policy version). Undefined when none is.
 */
export function activeConsent(
  consents: Iterable<Consent>,
  clientId: string,
  purpose: ConsentPurpose,
  now: number,
): Consent | undefined {
  let best: Consent | undefined;
  for (const consent of consents) {
    if (consent.clientId !== clientId || consent.purpose !== purpose || !isConsentInForce(consent, now))
      continue;
    if (
      best === undefined ||
      consent.givenAt > best.givenAt ||
      (consent.givenAt === best.givenAt && consent.id > best.id)
    ) {
      best = consent;
    }
  }
  return best;
}

export type MedicalWriteCheck =
  { ok: true; consent: Consent } | { ok: false; reason: 'no-consent' | 'consent-withdrawn' };

/**
 * Whether a client's medical section may be written at `now`: only under a medical-data consent in force. The
 * refusal says whether there never was one or the client withdrew it (the UI words them differently: ask for
 * consent, or respect the withdrawal). The section records the consent's id.
 */
export function canWriteMedical(
  consents: Iterable<Consent>,
  clientId: string,
  now: number,
): MedicalWriteCheck {
  const list = [...consents];
  const consent = activeConsent(list, clientId, 'medical-data', now);
  if (consent !== undefined) return { ok: true, consent };
  const withdrawn = list.some(
    (c) =>
      c.clientId === clientId &&
      c.purpose === 'medical-data' &&
      c.withdrawnAt !== undefined &&
      c.withdrawnAt <= now,
  );
  return { ok: false, reason: withdrawn ? 'consent-withdrawn' : 'no-consent' };
}

export interface NewConsentInput {
  id: string;
  clientId: string;
  purpose: ConsentPurpose;
  policyVersion: string;
  method: ConsentMethod;
  givenAt: number;
  witnessStaffId: string;
  assignedStaffIds: string[];
  notes?: string;
}

/** A new ledger entry. */
export function recordConsent(input: NewConsentInput, now: number): Consent {
  const notes = input.notes?.trim();
  return {
    id: input.id,
    clientId: input.clientId,
    purpose: input.purpose,
    policyVersion: input.policyVersion,
    method: input.method,
    givenAt: input.givenAt,
    witnessStaffId: input.witnessStaffId,
    ...(notes ? { notes } : {}),
    assignedStaffIds: [...new Set(input.assignedStaffIds)],
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * The entry with its withdrawal recorded at `at` by `staffId`. A consent already withdrawn keeps its first
 * withdrawal (the earlier moment is the one that stopped processing). A withdrawal cannot precede the consent.
 */
export function withdrawConsent(consent: Consent, at: number, staffId: string, now: number): Consent {
  if (consent.withdrawnAt !== undefined) return consent;
  if (at < consent.givenAt) throw new RangeError('a consent cannot be withdrawn before it was given');
  return {
    ...consent,
    withdrawnAt: at,
    withdrawalRecordedBy: staffId,
    updatedAt: Math.max(consent.updatedAt, now),
  };
}
