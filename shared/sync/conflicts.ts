/**
 * Open edit conflicts carried inside a synced document.
 *
 * When two devices change the same field to different values without seeing each other's change, neither
 * value is dropped: the document keeps the field at one of them (the server's, so every device converges on
 * the same bytes) and records every competing value under `conflicts` until a person picks one with
 * {@link resolveConflict}. The shape is the same for every collection: a field is named by its path of keys
 * (`['names', 'latin']`), and `['_deleted']` stands for a deletion that met a concurrent edit.
 */
import { canonicalJson } from './canonical';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One competing value. No `value` key means "the field was removed". `at` is the writer's updatedAt. */
export interface ConflictValue {
  value?: JsonValue;
  at?: number;
}

export interface FieldConflict {
  path: string[];
  values: ConflictValue[];
}

/** A document that may carry open conflicts; absent when there is none. */
export interface WithConflicts {
  conflicts?: FieldConflict[];
}

export const DELETED_PATH: readonly string[] = ['_deleted'];

export const CONFLICT_PATH_MAX_DEPTH = 8;
export const CONFLICT_VALUES_MAX = 64;
export const CONFLICTS_MAX = 256;

/**
 * The JSON Schema of the `conflicts` field, for any collection's schema: RxDB (which only stores it; the
 * vault storage seals it with the other personal fields) and the server's Ajv (which validates pushes) both
 * read it. A value may be any JSON, hence the empty schema for `value`.
 */
export const fieldConflictsSchema = {
  type: 'array',
  maxItems: CONFLICTS_MAX,
  items: {
    type: 'object',
    properties: {
      path: {
        type: 'array',
        minItems: 1,
        maxItems: CONFLICT_PATH_MAX_DEPTH,
        items: { type: 'string', minLength: 1, maxLength: 64 },
      },
      values: {
        type: 'array',
        minItems: 2,
        maxItems: CONFLICT_VALUES_MAX,
        items: {
          type: 'object',
          properties: {
            value: {},
            at: { type: 'integer', minimum: 0 },
          },
          additionalProperties: false,
        },
      },
    },
    required: ['path', 'values'],
    additionalProperties: false,
  },
} as const;

const ABSENT_KEY = '\u0000absent';

/** Identity of a competing value: its canonical JSON, or a marker for "removed". */
export function conflictValueKey(value: JsonValue | undefined): string {
  return value === undefined ? ABSENT_KEY : canonicalJson(value);
}

export function pathKey(path: readonly string[]): string {
  return JSON.stringify(path);
}

export function samePath(a: readonly string[], b: readonly string[]): boolean {
  return pathKey(a) === pathKey(b);
}

type AnyDoc = Record<string, unknown>;

export function valueAtPath(doc: object, path: readonly string[]): JsonValue | undefined {
  let node: unknown = doc;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as AnyDoc)[key];
  }
  return node as JsonValue | undefined;
}

/** A copy of `doc` with `value` at `path` (removed when `value` is undefined); parents are created. */
export function withValueAtPath<T extends object>(doc: T, path: readonly string[], value: unknown): T {
  const [head, ...rest] = path;
  if (head === undefined) return doc;
  const out = Object.fromEntries(Object.entries(doc).filter(([key]) => key !== head)) as AnyDoc;
  if (rest.length === 0) {
    if (value !== undefined) out[head] = value;
    return out as T;
  }
  const child = (doc as AnyDoc)[head];
  const parent = child !== null && typeof child === 'object' && !Array.isArray(child) ? child : {};
  out[head] = withValueAtPath(parent, rest, value);
  return out as T;
}

/** The open conflict on `path`, if any. */
export function conflictAt(doc: WithConflicts, path: readonly string[]): FieldConflict | undefined {
  return doc.conflicts?.find((conflict) => samePath(conflict.path, path));
}

/**
 * Every value a person chooses between for one conflict: the recorded ones plus the document's current
 * value (a device that edited the field without resolving it may have set a value not yet recorded).
 */
export function competingValues(doc: object, conflict: FieldConflict): ConflictValue[] {
  const current = valueAtPath(doc, conflict.path);
  const keys = new Set(conflict.values.map((entry) => conflictValueKey(entry.value)));
  if (keys.has(conflictValueKey(current))) return conflict.values;
  return [...conflict.values, current === undefined ? {} : { value: current }];
}

/**
 * A person's choice: the field takes `chosen` (undefined removes it; for `['_deleted']`, true deletes the
 * document) and its conflict record goes. `now` moves updatedAt forward so the choice is a new change.
 */
export function resolveConflict<T extends WithConflicts>(
  doc: T,
  path: readonly string[],
  chosen: JsonValue | undefined,
  now?: number,
): T {
  const out = withValueAtPath(doc, path, chosen) as AnyDoc;
  if (samePath(path, DELETED_PATH)) out._deleted = chosen === true;
  const remaining = (doc.conflicts ?? []).filter((conflict) => !samePath(conflict.path, path));
  if (remaining.length > 0) out.conflicts = remaining;
  else delete out.conflicts;
  const updatedAt = (doc as AnyDoc).updatedAt;
  if (now !== undefined && typeof updatedAt === 'number') out.updatedAt = Math.max(updatedAt, now);
  return out as T;
}

export function hasConflicts(doc: WithConflicts): boolean {
  return (doc.conflicts?.length ?? 0) > 0;
}
