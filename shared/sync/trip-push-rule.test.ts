import { describe, expect, it } from 'vitest';
import { springTrip, uuid } from '../../tests/support/trip-fixtures';
import type { TripItem } from '../domain/trip';
import { collectionRegistry } from './registry';
import type { AnyDocument, PushFacts } from './push-rules';
import { tripRule } from './trip-push-rule';

const SEALED = `1.k1.${'A'.repeat(80)}`;
const caller = { staffId: uuid(50), deviceId: uuid(51), role: 'coordinator' as const };
const facts: PushFacts = {
  document: async () => undefined,
  keyWrapsOfClient: async () => [],
  client: async () => undefined,
  clientHeld: async () => false,
};
const onWire = (items: TripItem[], deleted = false): AnyDocument => ({
  ...springTrip(items),
  _deleted: deleted,
});
const at = { start: '2026-04-03T09:00:00+09:00', end: '2026-04-03T12:00:00+09:00' };
const push = (next: AnyDocument, master?: AnyDocument) => tripRule({ caller, master, next, facts });

describe('the trips push rule', () => {
  it('is the rule the registry names for trips', () => {
    expect(collectionRegistry.trips.pushRule).toBe(tripRule);
  });

  it.each(['appointment', 'procedure', 'therapy'] as const)(
    'refuses a %s carrying its title, location or notes in clear',
    async (kind) => {
      for (const clear of [{ title: 'Knee arthroscopy' }, { location: 'Clinic' }, { notes: 'Fasting' }]) {
        const item = { id: uuid(20), kind, ...at, sealedDetails: SEALED, ...clear } as TripItem;
        expect(await push(onWire([item]))).toEqual({
          rule: 'medical-details',
          reason: 'medical-details-in-clear',
        });
      }
    },
  );

  it('refuses clear medical details even when the server already holds them (a trip from before version 3)', async () => {
    const legacy = onWire([{ id: uuid(20), kind: 'procedure', ...at, title: 'Knee arthroscopy' }]);
    expect(await push(legacy, legacy)).toEqual({
      rule: 'medical-details',
      reason: 'medical-details-in-clear',
    });
  });

  it('lets through sealed medical items, other kinds in clear, and tombstones', async () => {
    const sealed = onWire([
      { id: uuid(20), kind: 'procedure', ...at, sealedDetails: SEALED, partnerId: uuid(9) },
      { id: uuid(21), kind: 'hotel', ...at, title: 'Hotel Okura', location: 'Toranomon' },
    ]);
    const legacy = onWire([{ id: uuid(20), kind: 'procedure', ...at, title: 'Knee arthroscopy' }]);
    expect(await push(sealed, legacy)).toBeUndefined();
    expect(await push({ ...legacy, _deleted: true }, legacy)).toBeUndefined();
  });
});
