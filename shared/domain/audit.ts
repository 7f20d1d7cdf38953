import { epochMsSchema, staffIdsSchema, uuidSchema } from './schema-parts';
import { MEDICAL_FIELDS, type MedicalField } from './medical';

/**
 * The audit log's events. The first kind is the one APPI's promise needs now: every unsealing of a client's
 * medical data, by whom, on which device, which fields, when. Events are written once and never changed; the
 * hash chain that makes the log tamper-evident, and its viewer, come with road step 2 (docs/data-model.md, row
 * 10). Synced as `auditEvents`, insert-only (the server refuses changes and deletions).
 */

export const AUDIT_EVENT_KINDS = ['medical-unsealed'] as const;
export type AuditEventKind = (typeof AUDIT_EVENT_KINDS)[number];

export interface AuditEvent {
  id: string;
  kind: AuditEventKind;
  /** The actor. */
  staffId: string;
  deviceId: string;
  clientId: string;
  /** For medical-unsealed: which fields were opened (names only, never content), in MEDICAL_FIELDS order. */
  fields: MedicalField[];
  /** Milliseconds since the epoch, on the actor's device. */
  at: number;
  /** The client's assignees when the event was written, for sync scope (server filter and tombstones). */
  assignedStaffIds: string[];
}

export const auditEventSchema = {
  title: 'audit event',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: uuidSchema,
    kind: { type: 'string', enum: [...AUDIT_EVENT_KINDS], maxLength: 32 },
    staffId: uuidSchema,
    deviceId: uuidSchema,
    clientId: uuidSchema,
    fields: {
      type: 'array',
      minItems: 1,
      maxItems: MEDICAL_FIELDS.length,
      uniqueItems: true,
      items: { type: 'string', enum: [...MEDICAL_FIELDS], maxLength: 32 },
    },
    at: epochMsSchema,
    assignedStaffIds: staffIdsSchema,
  },
  required: ['id', 'kind', 'staffId', 'deviceId', 'clientId', 'fields', 'at', 'assignedStaffIds'],
  additionalProperties: false,
  indexes: ['staffId', 'clientId', 'at'],
} as const;

/**
 * The event recording that `staffId`, on `deviceId`, opened `fields` of a client's medical section at `at`. Build
 * it before showing anything, and write it in the same step as the unsealing. `id` is a fresh UUID from the
 * caller (crypto.randomUUID()).
 */
export function unsealEvent(input: {
  id: string;
  staffId: string;
  deviceId: string;
  clientId: string;
  fields: readonly MedicalField[];
  at: number;
  assignedStaffIds: readonly string[];
}): AuditEvent {
  const fields = MEDICAL_FIELDS.filter((field) => input.fields.includes(field));
  if (fields.length === 0) throw new RangeError('an unsealing opens at least one field');
  if (input.fields.some((field) => !MEDICAL_FIELDS.includes(field))) {
    throw new RangeError('not a medical field');
  }
  return {
    id: input.id,
    kind: 'medical-unsealed',
    staffId: input.staffId,
    deviceId: input.deviceId,
    clientId: input.clientId,
    fields,
    at: input.at,
    assignedStaffIds: [...new Set(input.assignedStaffIds)],
  };
}
