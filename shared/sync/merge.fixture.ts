// Test support for the merge tests: a small client-like document and the keys of a conflict's values.
import { conflictValueKey, type FieldConflict } from './conflicts';
import type { MergeableDocument } from './merge';

export interface Doc extends MergeableDocument {
  id: string;
  names: { latin: string; katakana?: string; kanji?: string };
  status: string;
  createdAt: number;
  updatedAt: number;
}

export function doc(overrides: Partial<Doc> = {}): Doc {
  return {
    id: 'c1',
    names: { latin: 'Amelia Hartley' },
    status: 'prospect',
    createdAt: 1,
    updatedAt: 1,
    _deleted: false,
    ...overrides,
  };
}

export const keysOf = (conflict: FieldConflict | undefined) =>
  (conflict?.values ?? []).map((value) => conflictValueKey(value.value)).sort();
