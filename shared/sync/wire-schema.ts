import { PULL_LIMIT_MAX, PUSH_ROWS_MAX } from './protocol';

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
