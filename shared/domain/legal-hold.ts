import { uuidParamsSchema } from '../auth/protocol';

/**
 * Legal holds: a client under an active hold must not be deleted or anonymised by retention, whatever is due.
 * Applying, lifting and listing them is the `runRetention` capability (listing also `exportData`); the retention
 * engine that honours them comes later.
 */
export const legalHoldPaths = {
  holds: '/retention/legal-holds',
  lift: (holdId: string) => `/retention/legal-holds/${encodeURIComponent(holdId)}/lift`,
} as const;

export const LEGAL_HOLD_REASON_MAX_LENGTH = 500;

export interface LegalHold {
  id: string;
  clientId: string;
  reason: string;
  /** Staff id. */
  appliedBy: string;
  /** Milliseconds since the epoch. */
  appliedAt: number;
  liftReason?: string;
  liftedBy?: string;
  liftedAt?: number;
}

export interface ApplyLegalHoldRequest {
  clientId: string;
  reason: string;
}

export interface LiftLegalHoldRequest {
  reason: string;
}

const uuid = uuidParamsSchema.properties.id;
const reason = {
  type: 'string',
  minLength: 1,
  maxLength: LEGAL_HOLD_REASON_MAX_LENGTH,
  pattern: '^[^\\u0000-\\u001f\\u007f]+$',
  description:
    'Why, as a matter reference (e.g. "Litigation 2026-014, counsel request"). Stored in clear on the server: ' +
    'no personal data is expected here (no names, health details or contact data).',
} as const;

export const applyLegalHoldRequestSchema = {
  type: 'object',
  properties: { clientId: uuid, reason },
  required: ['clientId', 'reason'],
  additionalProperties: false,
} as const;

export const liftLegalHoldRequestSchema = {
  type: 'object',
  properties: { reason },
  required: ['reason'],
  additionalProperties: false,
} as const;

export const legalHoldQuerySchema = {
  type: 'object',
  properties: { clientId: uuid },
  additionalProperties: false,
} as const;
