import type { SyncedCollectionName } from './collections';
import { PULL_LIMIT_MAX, PUSH_ROWS_MAX } from './protocol';

const MiB = 1024 * 1024;
/**
 * The largest request body each kind of route reads (larger ones are answered 413 before they are read).
 * A push is at most PUSH_ROWS_MAX rows and at most this many bytes: 2 MiB holds a device's batch of 50 rows
 * (each with its assumed state) of ordinary documents, which are a few KiB; a medical section's six sealed fields
 * may each reach 350,000 characters, so its pushes may be 8 MiB (one full section with its assumed state fits).
 */
export const PUSH_BODY_MAX_BYTES = 2 * MiB;
export const MEDICAL_PUSH_BODY_MAX_BYTES = 8 * MiB;
export const pushBodyMaxBytes = (collection: SyncedCollectionName): number =>
  collection === 'medical' ? MEDICAL_PUSH_BODY_MAX_BYTES : PUSH_BODY_MAX_BYTES;
/** Device authentication (a device id; a challenge id and a signature). */
export const AUTH_BODY_MAX_BYTES = 4 * 1024;
/** Every other route (enrolment, staff, shares, legal holds): small forms with public keys. */
export const FORM_BODY_MAX_BYTES = 64 * 1024;

/** The subset of an RxDB schema that is also plain JSON Schema. */
interface CollectionSchema {
  type: 'object';
  properties: Readonly<Record<string, unknown>>;
  required: readonly string[];
}

/**
 * The JSON Schema of a document as it travels on the wire: the collection schema without RxDB's own
 * keywords (primaryKey, indexes, version), plus the replication's `_deleted` flag. Unknown fields are
 * refused, not stripped, so a malformed push is rejected with a reason instead of being half-stored.
 */
export function wireSchemaOf(schema: CollectionSchema) {
  return {
    type: 'object',
    properties: { ...schema.properties, _deleted: { type: 'boolean' } },
    required: [...schema.required, '_deleted'],
    additionalProperties: false,
  } as const;
}

export function pushBodySchemaOf(schema: CollectionSchema) {
  const doc = wireSchemaOf(schema);
  return {
    type: 'array',
    maxItems: PUSH_ROWS_MAX,
    items: {
      type: 'object',
      properties: { newDocumentState: doc, assumedMasterState: doc },
      required: ['newDocumentState'],
      additionalProperties: false,
    },
  } as const;
}

export const pullQuerySchema = {
  type: 'object',
  properties: {
    after: { type: 'integer', minimum: 0 },
    limit: { type: 'integer', minimum: 1, maximum: PULL_LIMIT_MAX },
  },
  additionalProperties: false,
} as const;
