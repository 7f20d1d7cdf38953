import { boundedSchema, STRICT_UUID } from '../../../shared/domain/schema-bounds';

type Schema = Record<string, unknown>;
const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether a document's ids are strict UUIDs wherever the server demands them (shared/domain/schema-bounds.ts: every
 * id the collection schema describes loosely, 36 of [0-9a-f-], must be 8-4-4-4-12 on the wire).
 *
 * A document whose id is not (written before ids were strict, by a client that did not use the app's
 * crypto.randomUUID(): nothing the app makes has one) is refused by the server, and with it the whole push it is
 * in, again at every retry, which blocks the collection's queue for good. It is not re-keyed: every device holding
 * it would mint a different new id, and the server's copy under the old id could not be linked to any of them, so
 * one document would become several. The device keeps it as it is, never pushes it, and says so (issue 22).
 */
export function strictIdsCheck(collectionSchema: unknown): (doc: unknown) => boolean {
  const schema = boundedSchema(collectionSchema);
  const patterns = new Map<string, RegExp>();
  const matches = (pattern: string, value: string) => {
    let regex = patterns.get(pattern);
    if (!regex) patterns.set(pattern, (regex = new RegExp(pattern, 'u')));
    return regex.test(value);
  };
  const check = (part: unknown, value: unknown): boolean => {
    if (!isSchema(part)) return true;
    if (typeof value === 'string') {
      return (
        typeof part.pattern !== 'string' ||
        !part.pattern.includes(STRICT_UUID) ||
        matches(part.pattern, value)
      );
    }
    if (Array.isArray(value)) return value.every((item) => check(part.items, item));
    if (!isSchema(value)) return true;
    const properties = isSchema(part.properties) ? part.properties : {};
    return Object.entries(value).every(([key, item]) =>
      check(key in properties ? properties[key] : part.additionalProperties, item),
    );
  };
  return (doc) => check(schema, doc);
}
