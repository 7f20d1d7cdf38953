import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';
import {
  competingValues,
  conflictAt,
  conflictValueKey,
  resolveConflict,
  valueAtPath,
  type FieldConflict,
  type JsonValue,
} from './conflicts';
import { mergeDocuments, type MergeableDocument } from './merge';
import { doc, keysOf } from './merge.fixture';

describe('mergeDocuments', () => {
  it('merges changes to different fields, nested ones per leaf', () => {
    const base = doc({ names: { latin: 'Amelia Hartley' } });
    const local = doc({ names: { latin: 'Amelia Hartley', kanji: '愛美' }, updatedAt: 5 });
    const remote = doc({
      names: { latin: 'Amelia Hartley', katakana: 'アメリア' },
      status: 'active',
      updatedAt: 3,
    });
    const merged = mergeDocuments(base, local, remote);
    expect(merged).toEqual(
      doc({
        names: { latin: 'Amelia Hartley', kanji: '愛美', katakana: 'アメリア' },
        status: 'active',
        updatedAt: 5,
      }),
    );
    expect(merged.conflicts).toBeUndefined();
  });

  it('keeps both values of a field changed on both sides, taking the remote one', () => {
    const base = doc();
    const local = doc({ names: { latin: 'Amelia Hart' }, updatedAt: 7 });
    const remote = doc({ names: { latin: 'Amelia Hartley-Smith' }, updatedAt: 6 });
    const merged = mergeDocuments(base, local, remote);
    expect(merged.names.latin).toBe('Amelia Hartley-Smith');
    expect(merged.updatedAt).toBe(7);
    expect(merged.conflicts).toEqual([
      {
        path: ['names', 'latin'],
        values: [
          { value: 'Amelia Hart', at: 7 },
          { value: 'Amelia Hartley-Smith', at: 6 },
        ],
      },
    ]);
  });

  it('takes the change of the one side that made it', () => {
    const base = doc();
    expect(mergeDocuments(base, base, doc({ status: 'active' })).status).toBe('active');
    expect(mergeDocuments(base, doc({ status: 'archived' }), base).status).toBe('archived');
  });

  it('records a field removed on one side and changed on the other as a conflict with an absent value', () => {
    const base = doc({ names: { latin: 'A', kanji: '甲' } });
    const local = doc({ names: { latin: 'A' } });
    const remote = doc({ names: { latin: 'A', kanji: '乙' } });
    const merged = mergeDocuments(base, local, remote);
    expect(merged.names.kanji).toBe('乙');
    expect(conflictAt(merged, ['names', 'kanji'])!.values).toEqual(
      expect.arrayContaining([{ at: 1 }, { value: '乙', at: 1 }]),
    );
  });

  it('with no base, every differing field is a conflict', () => {
    const merged = mergeDocuments(undefined, doc({ status: 'active' }), doc({ status: 'archived' }));
    expect(merged.status).toBe('archived');
    expect(keysOf(conflictAt(merged, ['status']))).toEqual(['"active"', '"archived"']);
  });

  it('unions conflicts already open on either side, without duplicates', () => {
    const base = doc();
    const open: FieldConflict = { path: ['status'], values: [{ value: 'active' }, { value: 'prospect' }] };
    const local = doc({ conflicts: [open], names: { latin: 'L' } });
    const remote = doc({
      conflicts: [{ path: ['names', 'kanji'], values: [{ value: '甲' }, {}] }, open],
      names: { latin: 'R' },
    });
    const merged = mergeDocuments(base, local, remote);
    expect(merged.conflicts!.map((c) => c.path)).toEqual([
      ['names', 'kanji'],
      ['names', 'latin'],
      ['status'],
    ]);
    expect(keysOf(conflictAt(merged, ['status']))).toEqual(['"active"', '"prospect"']);
  });

  it('keeps a resolution made on one side unless the other side added a value the resolver never saw', () => {
    const open: FieldConflict = { path: ['names', 'latin'], values: [{ value: 'A' }, { value: 'B' }] };
    const base = doc({ names: { latin: 'B' }, conflicts: [open] });
    const resolved = resolveConflict(base, ['names', 'latin'], 'A', 9);
    const untouched = doc({ names: { latin: 'B' }, conflicts: [open], status: 'active' });
    const merged = mergeDocuments(base, untouched, resolved);
    expect(merged.names.latin).toBe('A');
    expect(merged.status).toBe('active');
    expect(merged.conflicts).toBeUndefined();

    const addedC = doc({
      names: { latin: 'B' },
      conflicts: [{ path: ['names', 'latin'], values: [{ value: 'A' }, { value: 'B' }, { value: 'C' }] }],
    });
    const kept = mergeDocuments(base, addedC, resolved);
    expect(kept.names.latin).toBe('A');
    expect(keysOf(conflictAt(kept, ['names', 'latin']))).toEqual(['"A"', '"C"']);
  });

  it('lets a deletion win when the other side did not edit', () => {
    const base = doc();
    const merged = mergeDocuments(base, doc({ _deleted: true, updatedAt: 4 }), base);
    expect(merged._deleted).toBe(true);
    expect(merged.conflicts).toBeUndefined();
  });

  it('keeps a document deleted on one side and edited on the other alive, with a deletion conflict', () => {
    const base = doc();
    const edited = doc({ names: { latin: 'Edited' }, updatedAt: 3 });
    const deleted = doc({ _deleted: true, updatedAt: 2 });
    for (const [local, remote] of [
      [deleted, edited],
      [edited, deleted],
    ] as const) {
      const merged = mergeDocuments(base, local, remote);
      expect(merged._deleted).toBe(false);
      expect(merged.names.latin).toBe('Edited');
      expect(keysOf(conflictAt(merged, ['_deleted']))).toEqual(['false', 'true']);
    }
  });

  it('a person choosing the deletion deletes the document and closes the conflict', () => {
    const merged = mergeDocuments(doc(), doc({ _deleted: true }), doc({ status: 'active' }));
    const chosen = resolveConflict(merged, ['_deleted'], true, 10);
    expect(chosen._deleted).toBe(true);
    expect(chosen.conflicts).toBeUndefined();
    expect(chosen.updatedAt).toBe(10);
  });

  it('does not merge the primary key and treats arrays as single values', () => {
    type Tagged = MergeableDocument & { id: string; tags: string[]; updatedAt: number };
    const base: Tagged = { id: 'x', tags: ['a'], updatedAt: 1, _deleted: false };
    const merged = mergeDocuments<Tagged>(base, { ...base, tags: ['a', 'b'] }, { ...base, tags: ['a', 'c'] });
    expect(merged.id).toBe('x');
    expect(merged.tags).toEqual(['a', 'c']);
    expect(keysOf(conflictAt(merged, ['tags']))).toEqual(['["a","b"]', '["a","c"]']);
  });
});

describe('resolveConflict', () => {
  it('sets the chosen value and removes only that conflict', () => {
    const conflicted = doc({
      names: { latin: 'B', kanji: '甲' },
      conflicts: [
        { path: ['names', 'latin'], values: [{ value: 'A' }, { value: 'B' }] },
        { path: ['names', 'kanji'], values: [{ value: '甲' }, {}] },
      ],
    });
    const resolved = resolveConflict(conflicted, ['names', 'latin'], 'A', 5);
    expect(resolved.names).toEqual({ latin: 'A', kanji: '甲' });
    expect(resolved.conflicts!.map((c) => c.path)).toEqual([['names', 'kanji']]);
    const removed = resolveConflict(resolved, ['names', 'kanji'], undefined);
    expect(removed.names).toEqual({ latin: 'A' });
    expect(removed.conflicts).toBeUndefined();
    expect(removed.updatedAt).toBe(5);
  });

  it('offers the current value among the choices even when no record has it yet', () => {
    const conflicted = doc({
      names: { latin: 'D' },
      conflicts: [{ path: ['names', 'latin'], values: [{ value: 'A' }, { value: 'B' }] }],
    });
    expect(competingValues(conflicted, conflicted.conflicts![0]!).map((v) => v.value)).toEqual([
      'A',
      'B',
      'D',
    ]);
  });
});

// Property tests over small value pools, so that sides often collide on the same values.
const FIELDS = [['a'], ['b'], ['n', 'x'], ['n', 'y'], ['n', 'z', 'deep']] as const;
const valueArb: fc.Arbitrary<JsonValue | undefined> = fc.oneof(
  fc.constantFrom<JsonValue | undefined>('p', 'q', 'r', 1, 2, null, true, undefined),
  fc.constantFrom<JsonValue>(['p'], { k: 'v' }),
);

type Gen = MergeableDocument & { id: string; updatedAt: number };

function build(values: (JsonValue | undefined)[], updatedAt: number, deleted = false): Gen {
  let out: Gen = { id: 'doc', updatedAt, _deleted: deleted };
  FIELDS.forEach((path, i) => {
    const value = values[i];
    if (value === undefined) return;
    out = setAt(out, path, value);
  });
  return out;
}

function setAt<T extends Record<string, unknown>>(target: T, path: readonly string[], value: unknown): T {
  const [head, ...rest] = path;
  const copy: Record<string, unknown> = { ...target };
  if (rest.length === 0) copy[head!] = value;
  else {
    const child = copy[head!];
    copy[head!] = setAt(
      child && typeof child === 'object' && !Array.isArray(child) ? (child as T) : {},
      rest,
      value,
    );
  }
  return copy as T;
}

const docArb = (updatedAt: fc.Arbitrary<number>) =>
  fc
    .tuple(fc.array(valueArb, { minLength: FIELDS.length, maxLength: FIELDS.length }), updatedAt)
    .map(([values, at]) => build(values, at));

/** A side derived from the base by editing some fields. */
const editedArb = (base: Gen) =>
  fc
    .tuple(
      fc.array(fc.option(valueArb, { nil: 'keep' as const }), {
        minLength: FIELDS.length,
        maxLength: FIELDS.length,
      }),
      fc.nat(1000),
    )
    .map(([edits, at]) => {
      let out: Gen = { ...base, updatedAt: base.updatedAt + at };
      FIELDS.forEach((path, i) => {
        const edit = edits[i];
        if (edit === 'keep') return;
        out = edit === undefined ? removeAt(out, path) : setAt(out, path, edit);
      });
      return out;
    });

function removeAt<T extends Record<string, unknown>>(target: T, path: readonly string[]): T {
  const [head, ...rest] = path;
  const copy: Record<string, unknown> = { ...target };
  if (rest.length === 0) return Object.fromEntries(Object.entries(copy).filter(([key]) => key !== head)) as T;
  else {
    const child = copy[head!];
    if (child && typeof child === 'object' && !Array.isArray(child)) copy[head!] = removeAt(child as T, rest);
  }
  return copy as T;
}

const scenarioArb = docArb(fc.nat(1000)).chain((base) =>
  fc.tuple(fc.constant(base), editedArb(base), editedArb(base)),
);

const keyAt = (d: Gen, path: readonly string[]) => conflictValueKey(valueAtPath(d, path));

function keptSomewhere(merged: Gen, path: readonly string[], value: JsonValue | undefined): boolean {
  const key = conflictValueKey(value);
  if (keyAt(merged, path) === key) return true;
  return keysOf(conflictAt(merged, path)).includes(key);
}

describe('mergeDocuments properties', () => {
  it('loses no edit: every changed leaf of either side is the merged value or in its conflict record', () => {
    fc.assert(
      fc.property(scenarioArb, ([base, local, remote]) => {
        const merged = mergeDocuments(base, local, remote);
        for (const path of FIELDS) {
          for (const side of [local, remote]) {
            if (keyAt(side, path) === keyAt(base, path)) continue;
            expect(keptSomewhere(merged, path, valueAtPath(side, path))).toBe(true);
          }
        }
      }),
    );
  });

  it('agrees with either side where the other did not change, and opens no conflict there', () => {
    fc.assert(
      fc.property(scenarioArb, ([base, local, remote]) => {
        const merged = mergeDocuments(base, local, remote);
        for (const path of FIELDS) {
          const localChanged = keyAt(local, path) !== keyAt(base, path);
          const remoteChanged = keyAt(remote, path) !== keyAt(base, path);
          if (localChanged && remoteChanged && keyAt(local, path) !== keyAt(remote, path)) {
            expect(keyAt(merged, path)).toBe(keyAt(remote, path));
            continue;
          }
          // A leaf under a parent that became something else is not a leaf any more; skip those.
          if (!localChanged) expect(keyAt(merged, path)).toBe(keyAt(remote, path));
          else expect(keyAt(merged, path)).toBe(keyAt(local, path));
          expect(conflictAt(merged, path)).toBeUndefined();
        }
        expect(merged.updatedAt).toBe(Math.max(local.updatedAt, remote.updatedAt));
      }),
    );
  });

  it('opens the same conflicts whichever side merges', () => {
    fc.assert(
      fc.property(scenarioArb, ([base, local, remote]) => {
        const one = mergeDocuments(base, local, remote);
        const other = mergeDocuments(base, remote, local);
        const summary = (d: Gen) => (d.conflicts ?? []).map((c) => [c.path, keysOf(c)]);
        expect(summary(one)).toEqual(summary(other));
        // Outside conflicts both merges hold the same content.
        let a: Gen = one;
        let b: Gen = other;
        for (const conflict of one.conflicts ?? []) {
          a = resolveConflict(a, conflict.path, 'chosen');
          b = resolveConflict(b, conflict.path, 'chosen');
        }
        expect(canonicalJson(a)).toBe(canonicalJson(b));
      }),
    );
  });

  it('is idempotent: merging a side with itself changes nothing but the time', () => {
    fc.assert(
      fc.property(scenarioArb, ([base, local]) => {
        const merged = mergeDocuments(base, local, local);
        expect(canonicalJson(merged)).toBe(canonicalJson(local));
      }),
    );
  });

  it('merging a merged result again with the same remote is stable (converges)', () => {
    fc.assert(
      fc.property(scenarioArb, ([base, local, remote]) => {
        const once = mergeDocuments(base, local, remote);
        const twice = mergeDocuments(remote, once, remote);
        expect(canonicalJson(twice)).toBe(canonicalJson(once));
      }),
    );
  });

  it('keeps every value already in a conflict record on either side that the base did not have', () => {
    const withRecord = (side: Gen, values: (JsonValue | undefined)[]): Gen => {
      const entries = values.map((value) => (value === undefined ? {} : { value }));
      return { ...side, conflicts: [{ path: ['a'], values: entries }] };
    };
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(valueArb, { minLength: 2, maxLength: 4 }),
        fc.array(valueArb, { minLength: 2, maxLength: 4 }),
        ([base, local, remote], localValues, remoteValues) => {
          const merged = mergeDocuments(
            base,
            withRecord(local, localValues),
            withRecord(remote, remoteValues),
          );
          for (const value of [...localValues, ...remoteValues]) {
            expect(keptSomewhere(merged, ['a'], value)).toBe(true);
          }
        },
      ),
    );
  });

  it('never loses a deletion or an edit: a deletion that met an edit is a conflict', () => {
    fc.assert(
      fc.property(scenarioArb, fc.boolean(), ([base, local, remote], localDeletes) => {
        const l = localDeletes ? { ...local, _deleted: true } : local;
        const r = localDeletes ? remote : { ...remote, _deleted: true };
        const alive = localDeletes ? remote : local;
        const merged = mergeDocuments(base, l, r);
        const edited = canonicalJson({ ...alive, updatedAt: 0 }) !== canonicalJson({ ...base, updatedAt: 0 });
        expect(merged._deleted).toBe(!edited);
        if (edited) expect(keysOf(conflictAt(merged, ['_deleted']))).toEqual(['false', 'true']);
      }),
    );
  });
});
