import { describe, expect, it } from 'vitest';
import { springTrip, uuid } from '../../tests/support/trip-fixtures';
import type { TripItem } from '../domain/trip';
import type { AnyDocument, PushFacts } from './push-rules';
import { shreddedKeyRule } from './shredded-key-rule';
import { tripRule } from './trip-push-rule';

const at = { start: '2026-04-03T09:00:00+09:00', end: '2026-04-03T12:00:00+09:00' };
const underShredded = `1.k1.${'A'.repeat(80)}`;
const procedure = (sealedDetails: string) =>
  ({ id: uuid(20), kind: 'procedure', ...at, sealedDetails }) as TripItem;
const trip = (items: TripItem[], deleted: boolean): AnyDocument => ({
  ...springTrip(items),
  _deleted: deleted,
});
/** Key k1 was shredded by a medical erasure; no consent is in force any more. */
const facts: PushFacts = {
  document: async () => undefined,
  keyWrapsOfClient: async () => [],
  client: async () => undefined,
  clientHeld: async () => false,
  consentsOfClient: async () => [],
  notices: async () => [],
  deviceSignKey: async () => undefined,
  staffActive: async () => true,
  now: () => Date.parse('2026-04-01T00:00:00Z'),
  shreddedKeyIds: async () => new Set(['k1']),
};
const caller = { staffId: uuid(50), deviceId: uuid(51), role: 'coordinator' as const };

describe('a trip kept alive against its tombstone, after its key was shredded (session review, finding 5)', () => {
  const tombstone = trip([procedure(underShredded)], true);

  it('takes back the past item the tombstone holds: nothing is brought in, and no medical detail is written', async () => {
    const alive = trip([procedure(underShredded)], false);
    expect(await shreddedKeyRule({ caller, master: tombstone, next: alive, facts })).toBeUndefined();
    expect(await tripRule({ caller, master: tombstone, next: alive, facts })).toBeUndefined();
  });

  it('still refuses an envelope under the shredded key that the server never held, and new details without consent', async () => {
    const resealed = trip([procedure(`1.k1.${'B'.repeat(80)}`)], false);
    expect(await shreddedKeyRule({ caller, master: tombstone, next: resealed, facts })).toEqual({
      rule: 'erasure',
      reason: 'key-shredded',
    });
    expect(await tripRule({ caller, master: tombstone, next: resealed, facts })).toEqual({
      rule: 'medical-consent',
      reason: 'medical-consent-missing',
    });
    // A medical section naming the shredded key over its erased stub stays refused (its keyId is brought in).
    const stub = { id: uuid(30), clientId: springTrip([]).clientId, _deleted: true };
    const section = { ...stub, keyId: 'k1', history: underShredded, _deleted: false };
    expect(await shreddedKeyRule({ caller, master: stub, next: section, facts })).toEqual({
      rule: 'erasure',
      reason: 'key-shredded',
    });
  });
});
