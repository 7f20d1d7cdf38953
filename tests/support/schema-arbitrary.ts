import fc from 'fast-check';

/**
 * fast-check arbitraries from the JSON schemas the server validates with (the route fuzz test's generator): values
 * that follow the schema, and, with `hostile`, values that break it where an attacker would (NUL and lone
 * surrogates in text, deep nesting, wrong types, unknown keys, oversized strings).
 */
type Schema = Record<string, unknown>;
const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const nested = (depth: number) => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

/** What an attacker puts where a schema expects something ordinary. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('a\u0000b', '\ud800', 'x\udc00y', '', ' ', '../../etc/passwd', "'; DROP TABLE staff; --"),
  fc.string({ unit: 'binary', maxLength: 20 }),
  // Deeper nesting (5,000 levels) is server/hardening.test.ts's: fast-check's own walks would overflow.
  fc.constantFrom(20, 200, 1000).map(nested),
  fc.constantFrom(null, true, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, 0.5, [], {}),
  fc.constant('é'.repeat(200_000)),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

function fitLength(text: string, minLength: number, maxLength: number): string {
  // In code points, as JSON Schema counts lengths.
  const unit = [...(text.length > 0 ? text : 'a')];
  const points = [...text];
  while (points.length < minLength) points.push(...unit);
  return points.slice(0, maxLength).join('');
}

function stringOf(schema: Schema): fc.Arbitrary<string> {
  const maxLength = typeof schema.maxLength === 'number' ? Math.min(schema.maxLength, 300) : 300;
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  if (typeof schema.pattern === 'string') {
    try {
      const regex = new RegExp(schema.pattern, 'u');
      // Never `.filter` on the length: size 'small' makes at most ~12 characters for `+`, so a minLength of 20
      // (the setup and invitation codes) never passed and fast-check retried synchronously forever (the stall after
      // `GET /auth/me`). Fit the length instead: repeat a short value, cut a long one (for `^[...]+$` patterns the
      // result still matches; for others it may not, which the server refuses like any other hostile text).
      return fc
        .stringMatching(regex, { size: minLength > 8 ? 'medium' : 'small' })
        .map((s) => fitLength(s, minLength, maxLength));
    } catch {
      // A pattern stringMatching cannot read: any text, which the server will mostly refuse.
    }
  }
  return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(maxLength, 40)) });
}

export function arbitraryOf(
  schema: unknown,
  hostile: boolean,
  root: Schema = isSchema(schema) ? schema : {},
): fc.Arbitrary<unknown> {
  const valid = followingSchema(schema, hostile, root);
  return hostile ? fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: hostileValue }) : valid;
}

function followingSchema(schema: unknown, hostile: boolean, root: Schema): fc.Arbitrary<unknown> {
  if (!isSchema(schema) || Object.keys(schema).length === 0) return fc.jsonValue({ maxDepth: 3 });
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/$defs/', '');
    return arbitraryOf((root.$defs as Schema | undefined)?.[name], hostile, root);
  }
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if ('const' in schema) return fc.constant(schema.const);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list)) return fc.oneof(...list.map((item) => arbitraryOf(item, hostile, root)));
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return stringOf(schema);
    case 'integer':
      return fc.integer({
        min: typeof schema.minimum === 'number' ? schema.minimum : -1000,
        max: typeof schema.maximum === 'number' ? Math.min(schema.maximum, Number.MAX_SAFE_INTEGER) : 1e12,
      });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const maxItems = typeof schema.maxItems === 'number' ? Math.min(schema.maxItems, 3) : 3;
      const minItems = typeof schema.minItems === 'number' ? Math.min(schema.minItems, maxItems) : 0;
      const items = arbitraryOf(schema.items, hostile, root);
      return schema.uniqueItems
        ? // No minimum: a few possible items could never make one unique, and fast-check would retry forever.
          fc.uniqueArray(items, {
            maxLength: maxItems,
            selector: (v) => JSON.stringify(v),
          })
        : fc.array(items, { minLength: minItems, maxLength: maxItems });
    }
    case 'object': {
      const properties = isSchema(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
      const record = fc.record(
        Object.fromEntries(
          Object.entries(properties).map(([key, value]) => [key, arbitraryOf(value, hostile, root)]),
        ),
        { requiredKeys: required.filter((key) => key in properties) },
      );
      if (!hostile) return record;
      return fc
        .tuple(record, fc.option(fc.tuple(fc.string({ maxLength: 12 }), hostileValue), { freq: 10 }))
        .map(([value, extra]) => (extra ? { ...value, [extra[0]]: extra[1] } : value));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
