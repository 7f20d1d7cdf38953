import { describe, expect, it } from 'vitest';
import { springTrip, uuid } from '../../tests/support/trip-fixtures';
import type { ConsentRecord } from '../domain/consent';
import { loadSodium } from '../crypto/sodium';
import type { TripItem } from '../domain/trip';
import { resealDigest } from '../domain/trip-medical';
import { collectionRegistry } from './registry';
import type { AnyDocument, PushFacts } from './push-rules';
import { tripRule } from './trip-push-rule';

const SEALED = `1.k1.${'A'.repeat(80)}`;
const caller = { staffId: uuid(50), deviceId: uuid(51), role: 'coordinator' as const };
/** The client's medical consent, in force since long ago (the fields the ledger fold reads). */
const consent = {
  id: uuid(60),
  clientId: uuid(2),
  action: 'given',
  purpose: 'medical-data',
  noticeId: uuid(61),
  noticeVersion: '2026.1',
  noticeHash: '0'.repeat(64),
  language: 'en',
  method: 'signed-paper',
  at: 1,
  recordedBy: uuid(50),
  deviceId: uuid(51),
  recordedAt: 1,
  assignedStaffIds: [],
} as ConsentRecord;
const factsWith = (records: ConsentRecord[]): PushFacts => ({
  document: async () => undefined,
  keyWrapsOfClient: async () => [],
  client: async () => undefined,
  clientHeld: async () => false,
  consentsOfClient: async () => records,
  notices: async () => [],
  deviceSignKey: async () => undefined,
  staffActive: async () => true,
  now: () => Date.parse('2026-04-01T00:00:00Z'),
});
const facts = factsWith([consent]);
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

  it('lets through sealed medical items, other kinds in clear, and tombstones without details in clear', async () => {
    const sealed = onWire([
      { id: uuid(20), kind: 'procedure', ...at, sealedDetails: SEALED, partnerId: uuid(9) },
      { id: uuid(21), kind: 'hotel', ...at, title: 'Hotel Okura', location: 'Toranomon' },
    ]);
    const legacy = onWire([{ id: uuid(20), kind: 'procedure', ...at, title: 'Knee arthroscopy' }]);
    expect(await push(sealed, legacy)).toBeUndefined();
    expect(await push({ ...sealed, _deleted: true }, sealed)).toBeUndefined();
    // The server keeps what it is sent, tombstones too: one from before version 3 is sealed first (trip-reseal.ts).
    expect(await push({ ...legacy, _deleted: true }, legacy)).toEqual({
      rule: 'medical-details',
      reason: 'medical-details-in-clear',
    });
  });

  it('refuses new or changed medical details without a medical consent in force on the server, and lets the rest by', async () => {
    const noConsent = factsWith([]);
    const sealed = onWire([{ id: uuid(20), kind: 'procedure', ...at, sealedDetails: SEALED }]);
    expect(await tripRule({ caller, master: undefined, next: sealed, facts: noConsent })).toEqual({
      rule: 'medical-consent',
      reason: 'medical-consent-missing',
    });
    const resealed = onWire([
      { id: uuid(20), kind: 'procedure', ...at, sealedDetails: `1.k2.${'B'.repeat(80)}` },
    ]);
    expect(await tripRule({ caller, master: sealed, next: resealed, facts: noConsent })).toEqual({
      rule: 'medical-consent',
      reason: 'medical-consent-missing',
    });
    // Moving the item, or adding a hotel, writes no medical detail.
    const moved = onWire([
      {
        id: uuid(20),
        kind: 'procedure',
        start: '2026-04-04T09:00:00+09:00',
        end: '2026-04-04T10:00:00+09:00',
        sealedDetails: SEALED,
      },
      { id: uuid(21), kind: 'hotel', ...at, title: 'Hotel Okura' },
    ]);
    expect(await tripRule({ caller, master: sealed, next: moved, facts: noConsent })).toBeUndefined();
    // With the consent in force, the same writes pass.
    expect(await push(sealed)).toBeUndefined();
    expect(await push(resealed, sealed)).toBeUndefined();
  });

  it('lets a re-seal of clear details through without a consent only when it carries their digest', async () => {
    const sodium = await loadSodium();
    const noConsent = factsWith([]);
    const clear = { title: 'Knee arthroscopy', location: 'Clinic', notes: 'Fasting' };
    const legacy = onWire([{ id: uuid(20), kind: 'procedure', ...at, ...clear }]);
    const sealedWith = (resealOf?: string) =>
      onWire([
        {
          id: uuid(20),
          kind: 'procedure',
          ...at,
          sealedDetails: SEALED,
          ...(resealOf !== undefined && { resealOf }),
        },
      ]);
    const refusal = { rule: 'medical-consent', reason: 'medical-consent-missing' };
    const digest = resealDigest(sodium, String(legacy.id), uuid(20), clear);
    const rule = (next: AnyDocument) => tripRule({ caller, master: legacy, next, facts: noConsent });
    expect(await rule(sealedWith(digest))).toBeUndefined();
    // No digest, or the digest of other details (new ones, or the clear ones of another item or trip): new details.
    expect(await rule(sealedWith())).toEqual(refusal);
    expect(
      await rule(sealedWith(resealDigest(sodium, String(legacy.id), uuid(20), { title: 'Hip' }))),
    ).toEqual(refusal);
    expect(await rule(sealedWith(resealDigest(sodium, String(legacy.id), uuid(21), clear)))).toEqual(refusal);
    expect(await rule(sealedWith(resealDigest(sodium, uuid(99), uuid(20), clear)))).toEqual(refusal);
    // With the consent in force, new details pass.
    expect(await push(sealedWith(), legacy)).toBeUndefined();
  });

  it('takes a second holder’s re-seal of the same clear details, met as a competing list, without a consent', async () => {
    const sodium = await loadSodium();
    const clear = { title: 'Knee arthroscopy' };
    const legacy = onWire([{ id: uuid(20), kind: 'procedure', ...at, ...clear }]);
    const digest = resealDigest(sodium, String(legacy.id), uuid(20), clear);
    const resealBy = (envelope: string, resealOf?: string) => [
      { id: uuid(20), kind: 'procedure', ...at, sealedDetails: envelope, ...(resealOf && { resealOf }) },
    ];
    // A's re-seal is on the server; B's, sealed apart (another envelope, the same digest), arrives as a conflict.
    const first = onWire(resealBy(SEALED, digest) as TripItem[]);
    const withRival = (items: unknown[]) => ({
      ...first,
      conflicts: [{ path: ['items'], values: [{ value: first.items }, { value: items }] }],
    });
    const rule = (next: AnyDocument) => tripRule({ caller, master: first, next, facts: factsWith([]) });
    expect(await rule(withRival(resealBy(`1.k1.${'C'.repeat(80)}`, digest)))).toBeUndefined();
    // Without the digest, or with another's, the rival envelope is new details.
    const refusal = { rule: 'medical-consent', reason: 'medical-consent-missing' };
    expect(await rule(withRival(resealBy(`1.k1.${'C'.repeat(80)}`)))).toEqual(refusal);
    const other = resealDigest(sodium, String(legacy.id), uuid(20), { title: 'Hip' });
    expect(await rule(withRival(resealBy(`1.k1.${'C'.repeat(80)}`, other)))).toEqual(refusal);
  });
});
