import { uuidParamsSchema } from '../auth/protocol';

/**
 * A staff member who reaches a client but cannot open its sealed medical section asks for access (issue 23): the
 * request waits, on the server, for someone who may grant (`grantMedicalAccess`) and holds the key; they see it on
 * Today and on the client's Medical tab, grant (on their device: the key is sealed to the asker's devices there)
 * or decline. The server holds who asked for which client and when, nothing medical.
 */
export const medicalAccessPaths = {
  /** POST: ask (body: clientId). GET: the open requests the caller may answer, and the caller's own. */
  requests: '/medical-access/requests',
  /** POST: closes an open request (body: outcome). */
  close: (requestId: string) => `/medical-access/requests/${encodeURIComponent(requestId)}/close`,
} as const;

export const MEDICAL_ACCESS_OUTCOMES = ['granted', 'declined', 'withdrawn'] as const;
export type MedicalAccessOutcome = (typeof MEDICAL_ACCESS_OUTCOMES)[number];
export type MedicalAccessStatus = 'open' | MedicalAccessOutcome;

export interface MedicalAccessRequest {
  id: string;
  clientId: string;
  /** Who asked (staff id). */
  askedBy: string;
  askedAt: number;
  status: MedicalAccessStatus;
  closedBy?: string;
  closedAt?: number;
}

export interface MedicalAccessAsk {
  clientId: string;
}

export interface MedicalAccessClose {
  outcome: MedicalAccessOutcome;
}

const uuid = uuidParamsSchema.properties.id;

export const medicalAccessAskSchema = {
  type: 'object',
  properties: { clientId: uuid },
  required: ['clientId'],
  additionalProperties: false,
} as const;

export const medicalAccessCloseSchema = {
  type: 'object',
  properties: { outcome: { type: 'string', enum: MEDICAL_ACCESS_OUTCOMES } },
  required: ['outcome'],
  additionalProperties: false,
} as const;

/**
 * Who may close a request how: the asker withdraws their own; someone who may grant, other than the asker,
 * records it granted (after granting on their device) or declined.
 */
export function mayClose(
  request: Pick<MedicalAccessRequest, 'askedBy' | 'status'>,
  caller: { staffId: string; mayGrant: boolean },
  outcome: MedicalAccessOutcome,
): boolean {
  if (request.status !== 'open') return false;
  if (outcome === 'withdrawn') return request.askedBy === caller.staffId;
  return caller.mayGrant && request.askedBy !== caller.staffId;
}
