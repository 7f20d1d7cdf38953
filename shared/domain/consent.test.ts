import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  activeConsent,
  canWriteMedical,
  consentSchema,
  isConsentInForce,
  isConsentPurpose,
  recordConsent,
  sharePurpose,
  withdrawConsent,
  type Consent,
  type ConsentPurpose,
} from './consent';
import { onWire, schemaProblems, wireValidator } from '../../tests/support/wire-schema';

const CLIENT = '00000000-0000-4000-8000-000000000001';
const OTHER_CLIENT = '00000000-0000-4000-8000-000000000002';
const WITNESS = '00000000-0000-4000-8000-0000000000aa';
const PARTNER = '00000000-0000-4000-8000-0000000000bb';
const validate = wireValidator(consentSchema);

let sequence = 0;
function consent(overrides: Partial<Consent> = {}): Consent {
  sequence += 1;
  return {
    ...recordConsent(
      {
        id: `00000000-0000-4000-9000-${sequence.toString(16).padStart(12, '0')}`,
        clientId: CLIENT,
        purpose: 'medical-data',
        policyVersion: '2026-04',
        method: 'written',
        givenAt: 1_000,
        witnessStaffId: WITNESS,
        assignedStaffIds: [WITNESS],
      },
      1_000,
    ),
    ...overrides,
  };
}

describe('consent documents', () => {
  it('are valid for the server and RxDB, with notes optional', () => {
    expect(validate(onWire(consent())), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(onWire(consent({ notes: 'Signed form, scanned', purpose: sharePurpose(PARTNER) })))).toBe(
      true,
    );
    expect(validate(onWire(withdrawConsent(consent(), 2_000, WITNESS, 2_000)))).toBe(true);
    expect(schemaProblems(consentSchema.properties)).toEqual([]);
  });

  it('refuse unknown purposes, methods and fields', () => {
    expect(validate(onWire({ ...consent(), purpose: 'share:someone' }))).toBe(false);
    expect(validate(onWire({ ...consent(), purpose: 'research' }))).toBe(false);
    expect(validate(onWire({ ...consent(), method: 'implied' }))).toBe(false);
    expect(validate(onWire({ ...consent(), optOut: true }))).toBe(false);
    expect(isConsentPurpose('marketing')).toBe(true);
    expect(isConsentPurpose(sharePurpose(PARTNER))).toBe(true);
    expect(isConsentPurpose('share:')).toBe(false);
  });

  it('drop empty notes and repeated assignees when recorded', () => {
    const recorded = consent({});
    expect(
      recordConsent({ ...recorded, notes: '  ', assignedStaffIds: [WITNESS, WITNESS] }, 5),
    ).not.toHaveProperty('notes');
    expect(recordConsent({ ...recorded, assignedStaffIds: [WITNESS, WITNESS] }, 5).assignedStaffIds).toEqual([
      WITNESS,
    ]);
  });
});

describe('activeConsent', () => {
  it('is the consent in force for that client and purpose', () => {
    const medical = consent();
    const marketing = consent({ purpose: 'marketing' });
    const otherClient = consent({ clientId: OTHER_CLIENT });
    const all = [medical, marketing, otherClient];
    expect(activeConsent(all, CLIENT, 'medical-data', 1_500)).toBe(medical);
    expect(activeConsent(all, CLIENT, 'marketing', 1_500)).toBe(marketing);
    expect(activeConsent(all, CLIENT, 'overseas-transfer', 1_500)).toBeUndefined();
    expect(activeConsent(all, CLIENT, 'medical-data', 999)).toBeUndefined();
  });

  it('stops at the withdrawal and picks the latest renewal', () => {
    const first = withdrawConsent(consent({ givenAt: 1_000 }), 2_000, WITNESS, 2_000);
    const renewed = consent({ givenAt: 3_000, policyVersion: '2026-09' });
    const renewedAgain = consent({ givenAt: 4_000, policyVersion: '2027-01' });
    expect(activeConsent([first], CLIENT, 'medical-data', 1_999)).toBe(first);
    expect(activeConsent([first], CLIENT, 'medical-data', 2_000)).toBeUndefined();
    expect(activeConsent([renewedAgain, first, renewed], CLIENT, 'medical-data', 5_000)).toBe(renewedAgain);
    expect(activeConsent([renewedAgain, first, renewed], CLIENT, 'medical-data', 3_500)).toBe(renewed);
  });

  it('returns a consent in force, and none given later is in force', () => {
    const arbitraryConsent = fc
      .record({
        purpose: fc.constantFrom<ConsentPurpose>('medical-data', 'marketing', sharePurpose(PARTNER)),
        client: fc.constantFrom(CLIENT, OTHER_CLIENT),
        givenAt: fc.integer({ min: 0, max: 100 }),
        withdrawAfter: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
      })
      .map(({ purpose, client, givenAt, withdrawAfter }) => {
        const given = consent({ purpose, clientId: client, givenAt });
        return withdrawAfter === undefined
          ? given
          : withdrawConsent(given, givenAt + withdrawAfter, WITNESS, 0);
      });
    fc.assert(
      fc.property(
        fc.array(arbitraryConsent, { maxLength: 8 }),
        fc.integer({ min: 0, max: 200 }),
        (consents, now) => {
          const active = activeConsent(consents, CLIENT, 'medical-data', now);
          const inForce = consents.filter(
            (c) => c.clientId === CLIENT && c.purpose === 'medical-data' && isConsentInForce(c, now),
          );
          if (active === undefined) expect(inForce).toEqual([]);
          else {
            expect(inForce).toContain(active);
            for (const other of inForce) expect(other.givenAt).toBeLessThanOrEqual(active.givenAt);
          }
        },
      ),
    );
  });
});

describe('canWriteMedical', () => {
  it('needs a medical-data consent in force, and says why not', () => {
    expect(canWriteMedical([], CLIENT, 1_500)).toEqual({ ok: false, reason: 'no-consent' });
    expect(canWriteMedical([consent({ purpose: 'marketing' })], CLIENT, 1_500)).toEqual({
      ok: false,
      reason: 'no-consent',
    });
    const medical = consent();
    expect(canWriteMedical([medical], CLIENT, 1_500)).toEqual({ ok: true, consent: medical });
    expect(canWriteMedical([medical], OTHER_CLIENT, 1_500)).toEqual({ ok: false, reason: 'no-consent' });
    const withdrawn = withdrawConsent(medical, 2_000, WITNESS, 2_000);
    expect(canWriteMedical([withdrawn], CLIENT, 1_999)).toEqual({ ok: true, consent: withdrawn });
    expect(canWriteMedical([withdrawn], CLIENT, 2_000)).toEqual({ ok: false, reason: 'consent-withdrawn' });
    const renewed = consent({ givenAt: 3_000 });
    expect(canWriteMedical([withdrawn, renewed], CLIENT, 3_000)).toEqual({ ok: true, consent: renewed });
  });
});

describe('withdrawConsent', () => {
  it('records the first withdrawal only, never before the consent was given', () => {
    const given = consent({ givenAt: 1_000, updatedAt: 1_000 });
    const withdrawn = withdrawConsent(given, 2_000, WITNESS, 2_500);
    expect(withdrawn).toMatchObject({ withdrawnAt: 2_000, withdrawalRecordedBy: WITNESS, updatedAt: 2_500 });
    expect(withdrawConsent(withdrawn, 3_000, OTHER_CLIENT, 3_000)).toBe(withdrawn);
    expect(() => withdrawConsent(given, 999, WITNESS, 2_000)).toThrow(RangeError);
    expect(given.withdrawnAt).toBeUndefined();
  });
});
