import { describe, expect, it } from 'vitest';
import { springTrip, uuid } from '../../tests/support/trip-fixtures';
import type { TripItem } from '../domain/trip';
import type { FieldConflict } from './conflicts';
import { medicalRule, type AnyDocument, type PushFacts } from './push-rules';
import { tripRule } from './trip-push-rule';

/**
 * A document's open conflicts are data like its fields: a crafted push must not write medical data through them
 * without the consent the fields need, nor put it there in clear (review of issue 14, finding F1). The ledger here
 * holds no consent at all, so whatever is taken for a medical write is refused.
 */

const caller = { staffId: uuid(50), deviceId: uuid(51), role: 'coordinator' as const };
const noConsent: PushFacts = {
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
const envelope = (letter: string) => `1.k1.${letter.repeat(60)}`;
const reason = async (refusal: ReturnType<typeof medicalRule>) => (await refusal)?.reason;

describe('conflicts of a medical section', () => {
  const section = (extra: Record<string, unknown> = {}): AnyDocument => ({
    id: uuid(700),
    clientId: uuid(2),
    keyId: 'k1',
    history: envelope('A'),
    currentMedications: envelope('A'),
    allergies: envelope('A'),
    conditions: envelope('A'),
    documentNotes: envelope('A'),
    plannedTreatments: envelope('A'),
    consentId: uuid(60),
    assignedStaffIds: [caller.staffId],
    createdAt: 4,
    updatedAt: 4,
    _deleted: false,
    ...extra,
  });
  const onHistory = (...values: string[]): FieldConflict[] => [
    { path: ['history'], values: values.map((value, at) => ({ value, at })) },
  ];
  const run = (master: AnyDocument, next: AnyDocument) =>
    reason(medicalRule({ caller, master, next, facts: noConsent }));

  it('takes a new competing envelope for medical data written: refused without a consent', async () => {
    const master = section();
    expect(await run(master, section({ conflicts: onHistory(envelope('A'), envelope('B')) }))).toBe(
      'medical-consent-missing',
    );
  });

  it('refuses clear text, or a path inside a field or outside the section', async () => {
    const master = section();
    expect(await run(master, section({ conflicts: onHistory(envelope('A'), 'HIV positive') }))).toBe(
      'medical-conflict-not-sealed',
    );
    const inside = [{ path: ['history', 'x'], values: [{ value: envelope('B') }, {}] }];
    expect(await run(master, section({ conflicts: inside }))).toBe('medical-conflict-path');
    const outside = [{ path: ['notes'], values: [{ value: 'clear' }, {}] }];
    expect(await run(master, section({ conflicts: outside }))).toBe('medical-conflict-path');
    const bookkeeping = [{ path: ['consentId'], values: [{ value: 'a free text value' }, {}] }];
    expect(await run(master, section({ conflicts: bookkeeping }))).toBe('medical-conflict-not-sealed');
    // Each bookkeeping field's competing values are what the field holds: staff ids, not words.
    const words = [{ path: ['assignedStaffIds'], values: [{ value: ['HIV_positive'] }, { value: [] }] }];
    expect(await run(master, section({ conflicts: words }))).toBe('medical-conflict-not-sealed');
  });

  it('checks the conflicts of a tombstone too', async () => {
    const master = section();
    const clear = section({ _deleted: true, conflicts: onHistory(envelope('A'), 'HIV positive') });
    expect(await run(master, clear)).toBe('medical-conflict-not-sealed');
    const sealed = section({ _deleted: true, conflicts: onHistory(envelope('A'), envelope('B')) });
    expect(await run(master, sealed)).toBeUndefined();
  });

  it('lets values the server holds already through, and a person dropping them', async () => {
    const master = section({ conflicts: onHistory(envelope('A'), envelope('B')) });
    // The same conflict, pushed again with a reassignment.
    expect(
      await run(master, section({ conflicts: onHistory(envelope('B'), envelope('A')), updatedAt: 9 })),
    ).toBeUndefined();
    // A person keeps the field's value: the conflict goes, nothing is written.
    expect(await run(master, section({ updatedAt: 9 }))).toBeUndefined();
    // Keeping the other value writes the field: the consent is checked, as for any changed field.
    expect(await run(master, section({ history: envelope('B'), updatedAt: 9 }))).toBe(
      'medical-consent-missing',
    );
  });
});

describe('conflicts of a trip', () => {
  const at = { start: '2026-04-03T09:00:00+09:00', end: '2026-04-03T12:00:00+09:00' };
  const procedure = (extra: Partial<TripItem> = {}) =>
    ({ id: uuid(20), kind: 'procedure', ...at, sealedDetails: envelope('A'), ...extra }) as TripItem;
  const trip = (items: TripItem[], conflicts?: FieldConflict[]): AnyDocument => ({
    ...springTrip(items),
    ...(conflicts && { conflicts }),
    _deleted: false,
  });
  const onItems = (...lists: TripItem[][]): FieldConflict[] => [
    {
      path: ['items'],
      values: lists.map((list, n) => ({
        value: list as unknown as FieldConflict['values'][0]['value'],
        at: n,
      })),
    },
  ];
  const run = (master: AnyDocument | undefined, next: AnyDocument) =>
    reason(tripRule({ caller, master, next, facts: noConsent }));

  it('refuses a procedure named in clear inside a competing list of items', async () => {
    const master = trip([procedure()]);
    const clear = procedure({ title: 'Knee arthroscopy' } as Partial<TripItem>);
    expect(await run(master, trip([procedure()], onItems([procedure()], [clear])))).toBe(
      'medical-details-in-clear',
    );
  });

  it('takes new sealed details in a competing list for a medical write: refused without a consent', async () => {
    const master = trip([procedure()]);
    const next = trip([procedure()], onItems([procedure()], [procedure({ sealedDetails: envelope('B') })]));
    expect(await run(master, next)).toBe('medical-consent-missing');
  });

  it('refuses a tombstone carrying a procedure in clear, and takes one with sealed details', async () => {
    const clear = procedure({ title: 'Knee arthroscopy' } as Partial<TripItem>);
    expect(await run(undefined, { ...trip([clear]), _deleted: true })).toBe('medical-details-in-clear');
    expect(await run(trip([procedure()]), { ...trip([procedure()]), _deleted: true })).toBeUndefined();
    const hidden = { ...trip([procedure()], onItems([procedure()], [clear])), _deleted: true };
    expect(await run(trip([procedure()]), hidden)).toBe('medical-details-in-clear');
  });

  it('refuses a conflict inside the items, and lets one the server holds through', async () => {
    const master = trip([procedure()], onItems([procedure()], [procedure({ sealedDetails: envelope('B') })]));
    const inside = [{ path: ['items', '0', 'title'], values: [{ value: 'Knee arthroscopy' }, {}] }];
    expect(await run(master, trip([procedure()], inside))).toBe('trip-conflict-path');
    const again = trip([procedure()], onItems([procedure({ sealedDetails: envelope('B') })], [procedure()]));
    expect(await run(master, again)).toBeUndefined();
  });
});
