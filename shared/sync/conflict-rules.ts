import { UUID_PATTERN } from '../domain/schema-parts';
import { conflictValueKey, pathKey, valueAtPath, type FieldConflict, type JsonValue } from './conflicts';

/**
 * What the server checks in a pushed document's open conflicts (`conflicts`, shared/sync/conflicts.ts). Their
 * values are data like the fields they compete for: a value the server holds nowhere yet is a write of that
 * field, under the same rules, and a value must be of the kind its field holds (a medical field's competing value
 * is sealed like the field). The schema cannot say it: a conflict's value may be any JSON there.
 */

type Doc = Record<string, unknown>;
/** The document's open conflicts; their shape is the schema's (fieldConflictsSchema), checked before any rule. */
const conflictsOf = (doc: Doc | undefined): FieldConflict[] =>
  Array.isArray(doc?.conflicts) ? (doc.conflicts as FieldConflict[]) : [];

/** The competing values `doc`'s open conflict on `path` records (a removal records none). */
export function conflictValuesAt(doc: Doc | undefined, path: readonly string[]): JsonValue[] {
  const conflict = conflictsOf(doc).find((open) => pathKey(open.path) === pathKey(path));
  return (conflict?.values ?? []).flatMap((entry) => (entry.value === undefined ? [] : [entry.value]));
}

/**
 * Whether `next`'s conflicts hold a value that `master` holds neither in that field nor among its own competing
 * values for it: new data, written through a conflict. Dropping values (a person's choice) writes nothing new.
 */
export function conflictsAddValue(master: Doc | undefined, next: Doc): boolean {
  return conflictsOf(next).some((conflict) => {
    const known = new Set(
      [valueAtPath(master ?? {}, conflict.path), ...conflictValuesAt(master, conflict.path)].map((value) =>
        conflictValueKey(value),
      ),
    );
    return conflict.values.some(
      (entry) => entry.value !== undefined && !known.has(conflictValueKey(entry.value)),
    );
  });
}

const uuid = new RegExp(UUID_PATTERN);
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
type Check = (value: JsonValue) => boolean;
/** What a bookkeeping field of a document holds, as its schema says: checks for their competing values. */
export const bookkeepingChecks = {
  uuid: ((value) => typeof value === 'string' && uuid.test(value)) as Check,
  keyId: ((value) => typeof value === 'string' && KEY_ID.test(value)) as Check,
  staffIds: ((value) =>
    Array.isArray(value) &&
    value.length <= 50 &&
    value.every((item) => typeof item === 'string' && uuid.test(item))) as Check,
  epochMs: ((value) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) as Check,
  flag: ((value) => typeof value === 'boolean') as Check,
};

/**
 * A medical section's conflicts: only on its own top-level fields; a sealed field's competing values are
 * envelopes (`sealed` tells one), the others' what their field holds (`bookkeeping`). Never free text in clear.
 */
export function medicalConflictsProblem(
  next: Doc,
  sealedFields: readonly string[],
  sealed: Check,
  bookkeeping: Readonly<Record<string, Check>>,
): string | undefined {
  for (const conflict of conflictsOf(next)) {
    const [field, ...below] = conflict.path;
    if (field === undefined || below.length > 0) return 'medical-conflict-path';
    const valid = sealedFields.includes(field)
      ? sealed
      : field === '_deleted'
        ? bookkeepingChecks.flag
        : Object.hasOwn(bookkeeping, field)
          ? bookkeeping[field]
          : undefined;
    if (valid === undefined) return 'medical-conflict-path';
    if (conflict.values.some((entry) => entry.value !== undefined && !valid(entry.value))) {
      return 'medical-conflict-not-sealed';
    }
  }
  return undefined;
}
