/**
 * Bounds every JSON schema a server route validates with (server/app.ts applies boundedSchema to each route's
 * body, query and params), so that what passes validation is what PostgreSQL can store and what the server can
 * walk without running out of stack:
 * - every string refuses NUL and lone surrogates (jsonb holds neither) and has a length limit;
 * - a free-form value (an empty schema `{}`, such as a conflict's value, or the unknown keys of an object that
 *   does not refuse them) is JSON of bounded depth, width and string length;
 * - every id that the collection schemas describe loosely (36 of [0-9a-f-]) must be a strict UUID on the wire.
 *
 * The collection schemas themselves stay as they are: the devices' RxDB stores hash them, and a change would
 * need a schema version and a migration on every device.
 */

/** A UUID as `crypto.randomUUID()` writes it: lower-case hex in the 8-4-4-4-12 form. */
export const STRICT_UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const LOOSE_UUID = '[0-9a-f-]{36}';
/** Text jsonb can hold (patterns are compiled with the `u` flag, so a well-formed pair is one code point). */
export const STORABLE_TEXT_PATTERN = '^[^\\u0000\\uD800-\\uDFFF]*$';
export const FREE_VALUE_MAX_DEPTH = 16;
export const FREE_ARRAY_MAX_ITEMS = 1000;
export const FREE_OBJECT_MAX_KEYS = 200;
export const FREE_KEY_MAX_LENGTH = 128;
export const FREE_STRING_MAX_LENGTH = 100_000;

type Schema = Record<string, unknown>;
const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const storableText = { type: 'string', maxLength: FREE_STRING_MAX_LENGTH, pattern: STORABLE_TEXT_PATTERN };
const freeKeys = { maxLength: FREE_KEY_MAX_LENGTH, pattern: STORABLE_TEXT_PATTERN };
const scalars = [{ type: 'null' }, { type: 'boolean' }, { type: 'number' }, storableText];
const freeRef = (depth: number) => ({ $ref: `#/$defs/freeValue${depth}` });

/** freeValue0 is a scalar; freeValueN may nest N levels of arrays and objects. */
function freeValueDefs(): Schema {
  const defs: Schema = { freeValue0: { anyOf: scalars } };
  for (let depth = 1; depth <= FREE_VALUE_MAX_DEPTH; depth++) {
    defs[`freeValue${depth}`] = {
      anyOf: [
        ...scalars,
        { type: 'array', maxItems: FREE_ARRAY_MAX_ITEMS, items: freeRef(depth - 1) },
        {
          type: 'object',
          maxProperties: FREE_OBJECT_MAX_KEYS,
          propertyNames: freeKeys,
          additionalProperties: freeRef(depth - 1),
        },
      ],
    };
  }
  return defs;
}

const typesOf = (schema: Schema): unknown[] =>
  Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];

function bound(schema: Schema, uses: { free: boolean }): Schema {
  if (Object.keys(schema).length === 0) {
    uses.free = true;
    return freeRef(FREE_VALUE_MAX_DEPTH);
  }
  const out: Schema = { ...schema };
  const types = typesOf(schema);
  if (types.includes('string')) {
    const pattern =
      typeof schema.pattern === 'string' ? schema.pattern.split(LOOSE_UUID).join(STRICT_UUID) : null;
    if (pattern === null) out.pattern = STORABLE_TEXT_PATTERN;
    else {
      out.pattern = pattern;
      out.allOf = [...(Array.isArray(schema.allOf) ? schema.allOf : []), { pattern: STORABLE_TEXT_PATTERN }];
    }
    if (schema.maxLength === undefined && schema.enum === undefined) out.maxLength = FREE_STRING_MAX_LENGTH;
  }
  if (isSchema(schema.properties)) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([key, value]) => [
        key,
        isSchema(value) ? bound(value, uses) : value,
      ]),
    );
  }
  if (types.includes('object') && schema.additionalProperties === undefined) {
    uses.free = true;
    out.additionalProperties = freeRef(FREE_VALUE_MAX_DEPTH - 1);
    out.propertyNames = freeKeys;
    if (schema.maxProperties === undefined) out.maxProperties = FREE_OBJECT_MAX_KEYS;
  } else if (isSchema(schema.additionalProperties)) {
    out.additionalProperties = bound(schema.additionalProperties, uses);
  }
  if (isSchema(schema.items)) out.items = bound(schema.items, uses);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = out[key];
    if (Array.isArray(list)) out[key] = list.map((item) => (isSchema(item) ? bound(item, uses) : item));
  }
  return out;
}

/** The schema with the bounds above; its own `$defs` gain the free-value levels when it uses them. */
export function boundedSchema<T>(schema: T): T {
  if (!isSchema(schema)) return schema;
  const uses = { free: false };
  const out = bound(schema, uses);
  if (uses.free) out.$defs = { ...(isSchema(schema.$defs) ? schema.$defs : {}), ...freeValueDefs() };
  return out as T;
}
