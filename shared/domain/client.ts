import { fieldConflictsSchema, type WithConflicts } from '../sync/conflicts';

/**
 * A client of LUMINA Japan: a foreign guest whose trip the concierges plan.
 *
 * This is the walking-skeleton shape: names and bookkeeping only. Later issues add contact, passport,
 * lifestyle and assignment fields; medical data never lives here but in sealed medical sections.
 */
export interface ClientNames {
  /** Name in Latin script, as in the passport. */
  latin: string;
  katakana?: string;
  kanji?: string;
}

export type ClientStatus = 'prospect' | 'active' | 'archived';

export interface Client extends WithConflicts {
  id: string;
  names: ClientNames;
  status: ClientStatus;
  /**
   * Staff ids of the concierges (and others) looking after this client. A concierge's device receives only the
   * clients it is assigned to (shared/auth/roles.ts); office roles see all.
   */
  assignedStaffIds: string[];
  /** Milliseconds since the epoch; set by the device that made the change. */
  createdAt: number;
  updatedAt: number;
}

export const CLIENT_NAME_MAX_LENGTH = 200;

/** Upper bound for epoch-millisecond fields (year 2100); RxDB needs a bound for indexed numbers. */
export const EPOCH_MS_MAX = 4_102_444_800_000;

/**
 * The one schema for a client document: RxDB uses it for the local collection, the server for request
 * validation (through {@link wireSchemaOf}), and the tests for fixtures. Only keywords that both RxDB and
 * JSON Schema (draft 7, as Ajv reads it) understand appear inside `properties`.
 */
export const clientSchema = {
  title: 'client',
  // 1: `conflicts` added (open edit conflicts kept for a person to resolve); local-store migrates 0 → 1.
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36, pattern: '^[0-9a-f-]{36}$' },
    names: {
      type: 'object',
      properties: {
        latin: { type: 'string', minLength: 1, maxLength: CLIENT_NAME_MAX_LENGTH },
        katakana: { type: 'string', maxLength: CLIENT_NAME_MAX_LENGTH },
        kanji: { type: 'string', maxLength: CLIENT_NAME_MAX_LENGTH },
      },
      required: ['latin'],
      additionalProperties: false,
    },
    status: { type: 'string', enum: ['prospect', 'active', 'archived'], maxLength: 16 },
    assignedStaffIds: {
      type: 'array',
      items: { type: 'string', maxLength: 36, pattern: '^[0-9a-f-]{36}$' },
      maxItems: 50,
      uniqueItems: true,
    },
    createdAt: { type: 'integer', minimum: 0, maximum: EPOCH_MS_MAX, multipleOf: 1 },
    updatedAt: { type: 'integer', minimum: 0, maximum: EPOCH_MS_MAX, multipleOf: 1 },
    conflicts: fieldConflictsSchema,
  },
  required: ['id', 'names', 'status', 'assignedStaffIds', 'createdAt', 'updatedAt'],
  additionalProperties: false,
  indexes: ['updatedAt'],
} as const;

export interface NewClientInput {
  latinName: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Validates what a person typed before it becomes a document; the schema re-checks it at every boundary. */
export function validateNewClient(input: NewClientInput): ValidationResult<{ latin: string }> {
  const latin = input.latinName.trim().replace(/\s+/g, ' ');
  if (latin.length === 0) return { ok: false, reason: 'name-required' };
  if (latin.length > CLIENT_NAME_MAX_LENGTH) return { ok: false, reason: 'name-too-long' };
  return { ok: true, value: { latin } };
}

export function newClient(
  id: string,
  names: { latin: string },
  now: number,
  assignedStaffIds: string[] = [],
): Client {
  return {
    id,
    names: { latin: names.latin },
    status: 'prospect',
    assignedStaffIds: [...new Set(assignedStaffIds)],
    createdAt: now,
    updatedAt: now,
  };
}
