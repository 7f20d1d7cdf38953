import { describe, expect, it } from 'vitest';
import { consentPartnerProblem, nameablePartners } from './consent-partner';
import type { Partner } from './partner';

const uuid = (n: number) => `00000000-0000-4000-a000-${n.toString(16).padStart(12, '0')}`;
const partner = (n: number, status: Partner['vetting']['status'], en: string, ja: string): Partner => ({
  id: uuid(n),
  names: { en, ja },
  kind: 'clinic',
  country: 'SG',
  city: 'City',
  vetting: { status },
  assignedStaffIds: [],
  createdAt: 0,
  updatedAt: 0,
});
const VETTED = partner(1, 'vetted', 'Zen Clinic', 'あおばクリニック');
const PENDING = partner(2, 'pending', 'Aoba Hospital', 'ぜんびょういん');
const SUSPENDED = partner(3, 'suspended', 'Bay Clinic', 'うみクリニック');

describe('the partners a consent may name', () => {
  it('offers the directory’s partners but suspended ones, by name in the language shown', () => {
    const all = [VETTED, PENDING, SUSPENDED];
    expect(nameablePartners(all, 'en').map((p) => p.id)).toEqual([PENDING.id, VETTED.id]);
    expect(nameablePartners(all, 'ja').map((p) => p.id)).toEqual([VETTED.id, PENDING.id]);
  });

  it('refuses a partner not held, another country, a consent given to a suspended one', () => {
    const given = { purpose: 'provision', action: 'given', partnerId: VETTED.id } as const;
    expect(consentPartnerProblem(given, VETTED)).toBeUndefined();
    expect(consentPartnerProblem(given, undefined)).toBe('partner-unknown');
    expect(consentPartnerProblem(given, PENDING)).toBe('partner-unknown');
    expect(consentPartnerProblem({ ...given, partnerCountry: 'US' }, VETTED)).toBe(
      'partner-country-mismatch',
    );
    const toSuspended = { ...given, partnerId: SUSPENDED.id };
    expect(consentPartnerProblem(toSuspended, SUSPENDED)).toBe('partner-suspended');
    for (const action of ['refused', 'informed', 'corrected', 'withdrawn'] as const) {
      expect(consentPartnerProblem({ ...toSuspended, action }, SUSPENDED)).toBeUndefined();
    }
    // A withdrawal names the partner of its consent, held or not.
    expect(consentPartnerProblem({ ...given, action: 'withdrawn' }, undefined)).toBeUndefined();
    expect(consentPartnerProblem({ purpose: 'medical-data', action: 'given' }, undefined)).toBeUndefined();
  });
});
