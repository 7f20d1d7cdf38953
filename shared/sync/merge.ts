/**
 * Three-way, field-level merge of one synced document, used when the server refuses a push because its
 * state moved on since the device last saw it.
 *
 *   base   = the master state the device assumed (its last known server state; undefined if it had none)
 *   local  = the device's new state
 *   remote = the server's real master state
 *
 * Rules (pure and deterministic; every device runs the same code):
 * - Objects merge per leaf path (`names.latin` and `names.kanji` are separate fields); arrays and primitives
 *   are leaves. A field changed on one side only takes that side's value.
 * - A field changed on both sides to different values keeps both: the document takes the remote value (so
 *   the result does not depend on which device merges) and a conflict record lists every competing value.
 * - Conflict records merge as sets against the base: a value dismissed on one side (a person resolved the
 *   conflict there) stays dismissed, values added on either side are kept, and so is a value a side holds again
 *   with a new time (a conflict reopened by rival choices, which the dismissing side had not seen). A record is
 *   dropped only when no value but the field's current one is left.
 * - A choice is a change too: a side that closed a conflict record of the base (a person picked a value) or
 *   changed the field "decided" it. When both sides decided the same field differently, neither saw the
 *   other's decision, so the conflict is opened again with both values instead of one choice silently
 *   overriding the other (issue 22, finding 8).
 * - Deletion against an edit: a deletion wins only if the other side did not edit the document since the
 *   base, resolutions of its conflicts included. Otherwise the document stays alive with a conflict on
 *   `['_deleted']` (values true and false), so a person decides; neither the deletion nor the edit (nor a
 *   "keep" chosen on the other side) disappears silently.
 * - updatedAt is the later of both sides. The primary key is never merged.
 */
import { sameDocument } from './canonical';
import {
  DELETED_PATH,
  conflictAt,
  conflictValueKey,
  samePath,
  pathKey,
  valueAtPath,
  type ConflictValue,
  type FieldConflict,
  type JsonValue,
  type WithConflicts,
} from './conflicts';

type AnyDoc = Record<string, unknown>;
export type MergeableDocument = AnyDoc & WithConflicts & { _deleted: boolean };

export interface MergeOptions {
  primaryKey?: string;
  /** The epoch-millisecond field set by the device that made a change; merged as the maximum. */
  updatedAtField?: string;
}

/** Fields that are not personal content: never merged leaf by leaf. */
const BOOKKEEPING = ['conflicts', '_deleted', '_meta', '_rev', '_attachments'];

function isPlainObject(value: unknown): value is AnyDoc {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function same(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b;
  return sameDocument(a, b);
}

interface Recorder {
  record(path: string[], values: ConflictValue[]): void;
}

function mergeValue(
  base: unknown,
  local: unknown,
  remote: unknown,
  path: string[],
  at: { local?: number; remote?: number },
  conflicts: Recorder,
): unknown {
  if (same(local, remote)) return local;
  const present = [base, local, remote].filter((value) => value !== undefined);
  if (present.length > 0 && present.every(isPlainObject)) {
    return mergeObject(base as AnyDoc | undefined, local as AnyDoc | undefined, remote as AnyDoc | undefined);
  }
  if (same(base, local)) return remote;
  if (same(base, remote)) return local;
  conflicts.record(path, [entry(local, at.local), entry(remote, at.remote)]);
  return remote;

  function mergeObject(b: AnyDoc | undefined, l: AnyDoc | undefined, r: AnyDoc | undefined) {
    const keys = new Set([...Object.keys(b ?? {}), ...Object.keys(l ?? {}), ...Object.keys(r ?? {})]);
    const out: AnyDoc = {};
    for (const key of [...keys].sort()) {
      const merged = mergeValue(b?.[key], l?.[key], r?.[key], [...path, key], at, conflicts);
      if (merged !== undefined) out[key] = merged;
    }
    // An object one side removed whose every leaf ended up removed is removed, not left empty.
    if (Object.keys(out).length === 0 && (l === undefined || r === undefined)) return undefined;
    return out;
  }
}

function entry(value: unknown, at: number | undefined): ConflictValue {
  const out: ConflictValue = {};
  if (value !== undefined) out.value = value as JsonValue;
  if (at !== undefined) out.at = at;
  return out;
}

function timestamp(doc: AnyDoc | undefined, field: string): number | undefined {
  const value = doc?.[field];
  return typeof value === 'number' ? value : undefined;
}

function contentOf(doc: AnyDoc, skip: Set<string>): AnyDoc {
  const out: AnyDoc = {};
  for (const [key, value] of Object.entries(doc)) if (!skip.has(key)) out[key] = value;
  return out;
}

type ValueSet = Map<string, ConflictValue>;

function recordsOf(doc: WithConflicts | undefined): Map<string, { path: string[]; values: ValueSet }> {
  const out = new Map<string, { path: string[]; values: ValueSet }>();
  for (const conflict of doc?.conflicts ?? []) {
    const values: ValueSet = new Map();
    for (const value of conflict.values) values.set(conflictValueKey(value.value), value);
    out.set(pathKey(conflict.path), { path: conflict.path, values });
  }
  return out;
}

export function mergeDocuments<T extends MergeableDocument>(
  base: T | undefined,
  local: T,
  remote: T,
  options: MergeOptions = {},
): T {
  const primaryKey = options.primaryKey ?? 'id';
  const updatedAtField = options.updatedAtField ?? 'updatedAt';
  const skip = new Set([primaryKey, updatedAtField, ...BOOKKEEPING]);
  const at = { local: timestamp(local, updatedAtField), remote: timestamp(remote, updatedAtField) };

  const detected = new Map<string, { path: string[]; values: ConflictValue[] }>();
  const recorder: Recorder = {
    record(path, values) {
      const key = pathKey(path);
      const found = detected.get(key) ?? { path, values: [] };
      found.values.push(...values);
      detected.set(key, found);
    },
  };

  const baseContent = base && contentOf(base, skip);
  const localContent = contentOf(local, skip);
  const remoteContent = contentOf(remote, skip);
  const content = (mergeValue(baseContent, localContent, remoteContent, [], at, recorder) ?? {}) as AnyDoc;

  if (base)
    recordRivalDecisions(base, local, remote, baseContent!, localContent, remoteContent, at, recorder);
  const deleted = mergeDeletion(base, local, remote, baseContent, localContent, remoteContent, at, recorder);

  const merged: AnyDoc = { ...content, [primaryKey]: remote[primaryKey] ?? local[primaryKey] };
  const localAt = at.local;
  const remoteAt = at.remote;
  if (localAt !== undefined || remoteAt !== undefined) {
    merged[updatedAtField] = Math.max(localAt ?? 0, remoteAt ?? 0);
  }
  const conflicts = mergeConflictRecords(base, local, remote, detected, (path) =>
    pathKey(path) === pathKey(DELETED_PATH) ? deleted : valueAtPath(merged, path),
  );
  if (conflicts.length > 0) merged.conflicts = conflicts;
  merged._deleted = deleted;
  return merged as T;
}

function mergeDeletion(
  base: MergeableDocument | undefined,
  local: MergeableDocument,
  remote: MergeableDocument,
  baseContent: AnyDoc | undefined,
  localContent: AnyDoc,
  remoteContent: AnyDoc,
  at: { local?: number; remote?: number },
  recorder: Recorder,
): boolean {
  if (local._deleted === remote._deleted) return local._deleted;
  // Three-way on the flag alone: the side that changed it wins (with no base, both did: the deletion)...
  const deleted =
    base === undefined ? true : base._deleted === local._deleted ? remote._deleted : local._deleted;
  if (!deleted) return false;
  // ...but a deletion does not silently swallow an edit, or a resolution, the deleting side never saw.
  const alive = local._deleted ? remote : local;
  const aliveContent = local._deleted ? remoteContent : localContent;
  const editedSinceBase =
    baseContent === undefined ||
    !sameDocument(baseContent, aliveContent) ||
    !sameDocument(base?.conflicts ?? [], alive.conflicts ?? []);
  if (!editedSinceBase) return true;
  recorder.record([...DELETED_PATH], [entry(local._deleted, at.local), entry(remote._deleted, at.remote)]);
  return false;
}

/**
 * Fields with an open conflict in the base that both sides decided (closed the record, or changed the value)
 * and ended at different values: both values are recorded, so a choice never overrides one it had not seen.
 */
function recordRivalDecisions(
  base: WithConflicts,
  local: WithConflicts,
  remote: WithConflicts,
  baseContent: AnyDoc,
  localContent: AnyDoc,
  remoteContent: AnyDoc,
  at: { local?: number; remote?: number },
  recorder: Recorder,
): void {
  for (const { path } of base.conflicts ?? []) {
    if (samePath(path, DELETED_PATH)) continue; // mergeDeletion decides the deletion flag
    const localClosed = !conflictAt(local, path);
    const remoteClosed = !conflictAt(remote, path);
    if (!localClosed && !remoteClosed) continue;
    const before = valueAtPath(baseContent, path);
    const l = valueAtPath(localContent, path);
    const r = valueAtPath(remoteContent, path);
    const localDecided = localClosed || !same(l, before);
    const remoteDecided = remoteClosed || !same(r, before);
    if (localDecided && remoteDecided && !same(l, r))
      recorder.record(path, [entry(l, at.local), entry(r, at.remote)]);
  }
}

function mergeConflictRecords(
  base: WithConflicts | undefined,
  local: WithConflicts,
  remote: WithConflicts,
  detected: Map<string, { path: string[]; values: ConflictValue[] }>,
  currentValue: (path: string[]) => unknown,
): FieldConflict[] {
  const b = recordsOf(base);
  const l = recordsOf(local);
  const r = recordsOf(remote);
  const paths = new Map<string, string[]>();
  for (const records of [b, l, r]) for (const [key, record] of records) paths.set(key, record.path);
  for (const [key, record] of detected) paths.set(key, record.path);

  const out: FieldConflict[] = [];
  for (const key of [...paths.keys()].sort()) {
    const path = paths.get(key)!;
    const inBase = b.get(key)?.values ?? new Map<string, ConflictValue>();
    const inLocal = l.get(key)?.values ?? new Map<string, ConflictValue>();
    const inRemote = r.get(key)?.values ?? new Map<string, ConflictValue>();
    const values: ValueSet = new Map();
    const keep = (valueKey: string, value: ConflictValue) => {
      const known = values.get(valueKey);
      // The same value seen with two times keeps the later one, so the result is the same whichever side merges.
      if (!known || (value.at ?? -1) > (known.at ?? -1)) values.set(valueKey, value);
    };
    // Kept from the base only what neither side dismissed; everything either side added. A value the base held
    // that a side holds with another time was put there again since the base (a merge reopened the conflict with
    // rival choices): the other side, closing the base's record, did not see it, so it counts as added.
    for (const [valueKey, value] of inBase) {
      if (inLocal.has(valueKey) && inRemote.has(valueKey)) keep(valueKey, value);
    }
    for (const side of [inLocal, inRemote]) {
      for (const [valueKey, value] of side) {
        const before = inBase.get(valueKey);
        if (!before || (value.at ?? -1) !== (before.at ?? -1)) keep(valueKey, value);
      }
    }
    for (const value of detected.get(key)?.values ?? []) keep(conflictValueKey(value.value), value);
    if (values.size === 0) continue;
    const current = currentValue(path) as JsonValue | undefined;
    const currentKey = conflictValueKey(current);
    if (!values.has(currentKey)) keep(currentKey, current === undefined ? {} : { value: current });
    if (values.size < 2) continue;
    out.push({
      path: [...path],
      values: [...values.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v),
    });
  }
  return out;
}
