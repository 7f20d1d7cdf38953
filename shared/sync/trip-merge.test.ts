import { describe, expect, it } from 'vitest';
import { springTrip, uuid } from '../../tests/support/trip-fixtures';
import type { TripItem } from '../domain/trip';
import { conflictValuesAt } from './conflict-rules';
import { mergeDocuments, type MergeableDocument } from './merge';
import type { AnyDocument, PushFacts } from './push-rules';
import { collectionRegistry } from './registry';
import { withServerItemsKept } from './trip-merge';
import { tripRule } from './trip-push-rule';

const at = { start: '2026-04-03T09:00:00+09:00', end: '2026-04-03T12:00:00+09:00' };
const envelope = (c: string) => `1.k1.${c.repeat(80)}`;
const procedure = (sealedDetails: string): TripItem =>
  ({ id: uuid(20), kind: 'procedure', ...at, sealedDetails }) as TripItem;
const flight = (title: string): TripItem => ({ id: uuid(21), kind: 'flight', ...at, title }) as TripItem;
const trip = (items: TripItem[], updatedAt: number) =>
  ({ ...springTrip(items), updatedAt, _deleted: false }) as unknown as MergeableDocument;
/** No consent in force: the client withdrew it. */
const withdrawn: PushFacts = {
  document: async () => undefined,
  keyWrapsOfClient: async () => [],
  client: async () => undefined,
  clientHeld: async () => false,
  consentsOfClient: async () => [],
  notices: async () => [],
  deviceSignKey: async () => undefined,
  staffActive: async () => true,
  now: () => Date.parse('2026-04-01T00:00:00Z'),
};
const caller = { staffId: uuid(50), deviceId: uuid(51), role: 'concierge' as const };

describe('a trip merged on the device (trip-merge.ts)', () => {
  // A sealed a new version of the procedure's details while the consent was in force (E1 → E2); the client then
  // withdrew it; B, offline since E1, changed only the flight's title.
  const base = trip([procedure(envelope('A')), flight('BA 7')], 1);
  const remote = trip([procedure(envelope('B')), flight('BA 7')], 2);
  const local = trip([procedure(envelope('A')), flight('BA 7, seat 2A')], 3);

  it('is what the registry gives the trips’ conflict handler', () => {
    expect(collectionRegistry.trips.beforeMerge).toBe(withServerItemsKept);
  });

  it('keeps the server’s version of each item the device did not change, so the clash shows only the flight', () => {
    const merged = mergeDocuments(base, withServerItemsKept(base, local, remote), remote);
    expect(merged.items).toEqual(remote.items);
    const competing = conflictValuesAt(merged, ['items']) as unknown as TripItem[][];
    expect(competing).toEqual([remote.items, [procedure(envelope('B')), flight('BA 7, seat 2A')]]);
  });

  it('lets B’s flight edit reach the server after the withdrawal; without it the old envelope is taken for new details', async () => {
    const push = (next: MergeableDocument) =>
      tripRule({ caller, master: remote as AnyDocument, next: next as AnyDocument, facts: withdrawn });
    expect(
      await push(mergeDocuments(base, withServerItemsKept(base, local, remote), remote)),
    ).toBeUndefined();
    expect(await push(mergeDocuments(base, local, remote))).toEqual({
      rule: 'medical-consent',
      reason: 'medical-consent-missing',
    });
  });

  it('keeps what the device changed, added or removed, and changes nothing without a base or items', () => {
    const edited = trip([procedure(envelope('C')), flight('BA 7')], 3);
    expect(withServerItemsKept(base, edited, remote).items).toEqual(edited.items);
    const added = trip([procedure(envelope('A')), flight('BA 7'), flight('JL 44')], 3);
    expect(withServerItemsKept(base, added, remote).items).toEqual([
      procedure(envelope('B')),
      flight('BA 7'),
      flight('JL 44'),
    ]);
    const removed = trip([flight('BA 7')], 3);
    expect(withServerItemsKept(base, removed, remote)).toBe(removed);
    expect(withServerItemsKept(undefined, local, remote)).toBe(local);
    // An item the server removed stays as the device has it: the merge then shows the clash.
    const gone = trip([flight('BA 7')], 2);
    expect(withServerItemsKept(base, local, gone).items).toEqual(local.items);
  });
});
