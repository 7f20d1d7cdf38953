import { describe, expect, it } from 'vitest';
import { conflictAt, conflictValueKey, resolveConflict, type FieldConflict } from './conflicts';
import { mergeDocuments } from './merge';
import { doc, keysOf } from './merge.fixture';

/** Issue 22, finding 8: a choice (a conflict resolved) never overrides a value or choice its author had not seen. */

describe('mergeDocuments and choices made without seeing each other', () => {
  it('keeps both choices when two people resolve a deletion conflict differently without seeing each other', () => {
    const open: FieldConflict = { path: ['_deleted'], values: [{ value: false }, { value: true }] };
    const base = doc({ names: { latin: 'Edited' }, conflicts: [open] });
    const kept = resolveConflict(base, ['_deleted'], false, 10);
    const deleted = resolveConflict(base, ['_deleted'], true, 11);
    for (const [local, remote] of [
      [deleted, kept],
      [kept, deleted],
    ] as const) {
      const merged = mergeDocuments(base, local, remote);
      expect(merged._deleted).toBe(false);
      expect(keysOf(conflictAt(merged, ['_deleted']))).toEqual(['false', 'true']);
    }
  });

  it('a deletion does not override a resolution it had not seen', () => {
    const open: FieldConflict = { path: ['names', 'latin'], values: [{ value: 'A' }, { value: 'B' }] };
    const base = doc({ names: { latin: 'A' }, conflicts: [open] });
    const resolved = resolveConflict(base, ['names', 'latin'], 'A', 10);
    const merged = mergeDocuments(base, { ...base, _deleted: true, updatedAt: 11 }, resolved);
    expect(merged._deleted).toBe(false);
    expect(keysOf(conflictAt(merged, ['_deleted']))).toEqual(['false', 'true']);
  });

  it('keeps both choices when two people resolve a field conflict differently without seeing each other', () => {
    const open: FieldConflict = { path: ['names', 'latin'], values: [{ value: 'A' }, { value: 'B' }] };
    const base = doc({ names: { latin: 'A' }, conflicts: [open] });
    const choseA = resolveConflict(base, ['names', 'latin'], 'A', 10);
    const choseB = resolveConflict(base, ['names', 'latin'], 'B', 11);
    const editedC = { ...base, names: { latin: 'C' }, updatedAt: 12 };
    for (const [local, remote] of [
      [choseA, choseB],
      [choseB, choseA],
      [choseA, editedC],
      [editedC, choseA],
    ] as const) {
      const merged = mergeDocuments(base, local, remote);
      const values = [local, remote].map((side) => conflictValueKey(side.names.latin)).sort();
      expect(keysOf(conflictAt(merged, ['names', 'latin']))).toEqual(values);
    }
    // The same choice on both sides closes the conflict.
    expect(mergeDocuments(base, choseA, { ...choseA, status: 'active' }).conflicts).toBeUndefined();
  });
});

describe('a conflict reopened by rival choices, met by a third choice that had seen neither', () => {
  // Found by the randomised offline rounds (tests/integration/sync-choices.test.ts, SYNC_CHOICES_ROUNDS=200, seed
  // 22, SYNC_CHOICES_PATH=9): three devices resolved one conflict offline, two of them picking the same value.
  it('keeps the choice the third had not seen: the reopened record is not the one it closed', () => {
    const open: FieldConflict = { path: ['names', 'latin'], values: [{ value: 'A' }, { value: 'B' }] };
    const base = doc({ names: { latin: 'B' }, conflicts: [open] });
    const choseA = resolveConflict(base, ['names', 'latin'], 'A', 10);
    const choseB = resolveConflict(base, ['names', 'latin'], 'B', 11);
    const alsoChoseA = resolveConflict(base, ['names', 'latin'], 'A', 12);
    // B reached the server first; A's push met it and reopened the conflict with both choices.
    const reopened = mergeDocuments(base, choseA, choseB);
    expect(keysOf(conflictAt(reopened, ['names', 'latin']))).toEqual(['"A"', '"B"']);
    // The third, who had seen neither, must not close it again silently.
    const merged = mergeDocuments(base, alsoChoseA, reopened);
    expect(keysOf(conflictAt(merged, ['names', 'latin']))).toEqual(['"A"', '"B"']);
  });

  it('still drops a record that one side closed and the other left as it was in the base', () => {
    const open: FieldConflict = {
      path: ['names', 'latin'],
      values: [
        { value: 'A', at: 3 },
        { value: 'B', at: 4 },
      ],
    };
    const base = doc({ names: { latin: 'B' }, conflicts: [open] });
    const choseA = resolveConflict(base, ['names', 'latin'], 'A', 10);
    const otherEdit = { ...base, status: 'active', updatedAt: 11 };
    for (const [local, remote] of [
      [choseA, otherEdit],
      [otherEdit, choseA],
    ] as const) {
      const merged = mergeDocuments(base, local, remote);
      expect(conflictAt(merged, ['names', 'latin'])).toBeUndefined();
      expect([merged.names.latin, merged.status]).toEqual(['A', 'active']);
    }
  });
});
