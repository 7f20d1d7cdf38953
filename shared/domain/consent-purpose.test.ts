import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from './consent';
import { consentRecordProblem } from './consent';
import { consentCovers } from './consent-purpose';

const id = (n: number) => `00000000-0000-4000-a000-${n.toString(16).padStart(12, '0')}`;
const PARTNER = '00000000-0000-4000-8aaa-000000000001';
const OTHER_PARTNER = '00000000-0000-4000-8aaa-000000000002';

const provision: ConsentRecord = {
  id: id(1),
  clientId: id(2),
  action: 'given',
  purpose: 'provision',
  partnerId: PARTNER,
  statedPurpose: 'Pre-treatment assessment at the partner hospital',
  purposeCode: 'medical-assessment',
  partnerCountry: 'SG',
  noticeId: id(3),
  noticeVersion: 'v1',
  noticeHash: '0'.repeat(64),
  language: 'en',
  method: 'signed-paper',
  at: 1,
  recordedBy: id(4),
  deviceId: id(5),
  recordedAt: 1,
  assignedStaffIds: [],
};
/** The record without its provision fields: the base of another purpose's record. */
function withoutProvision(record: ConsentRecord): ConsentRecord {
  const rest = { ...record };
  delete rest.partnerId;
  delete rest.statedPurpose;
  delete rest.purposeCode;
  delete rest.partnerCountry;
  return rest;
}
const use = { purpose: 'medical-assessment' as const, partnerId: PARTNER, country: 'SG' };

describe('a consent’s structured purpose', () => {
  it('is required of a provision consent given or corrected, and belongs to provision only', () => {
    expect(consentRecordProblem(provision)).toBeUndefined();
    const withoutCode = { ...provision, purposeCode: undefined };
    expect(consentRecordProblem(withoutCode)).toBe('purpose-code-required');
    expect(consentRecordProblem({ ...withoutCode, action: 'corrected', refersTo: id(9) })).toBe(
      'purpose-code-required',
    );
    // The words said to the client are required as well (review F3).
    expect(consentRecordProblem({ ...provision, statedPurpose: undefined })).toBe('stated-purpose-required');
    // A withdrawal of a consent recorded before the catalogue need not name one.
    expect(consentRecordProblem({ ...withoutCode, action: 'withdrawn', refersTo: id(9) })).toBeUndefined();
    const rest = { ...withoutProvision(provision), purposeCode: provision.purposeCode };
    expect(consentRecordProblem({ ...rest, purpose: 'marketing' })).toBe('partner-not-allowed');
    expect(
      consentRecordProblem({ ...rest, purpose: 'marketing', purposeCode: undefined, partnerCountry: 'SG' }),
    ).toBe('partner-not-allowed');
  });

  it('covers the same partner, catalogue purpose and country, and nothing else', () => {
    expect(consentCovers(provision, use)).toBe(true);
    expect(consentCovers(provision, { ...use, purpose: 'insurance-claim' })).toBe(false);
    expect(consentCovers(provision, { ...use, partnerId: OTHER_PARTNER })).toBe(false);
    expect(consentCovers(provision, { ...use, country: 'US' })).toBe(false);
    // No country named: any country of that partner.
    expect(consentCovers({ ...provision, partnerCountry: undefined }, { ...use, country: 'US' })).toBe(true);
    // Recorded before the catalogue: covers no purpose.
    expect(consentCovers({ ...provision, purposeCode: undefined }, use)).toBe(false);
    for (const action of ['withdrawn', 'refused', 'informed'] as const) {
      expect(consentCovers({ ...provision, action }, use)).toBe(false);
    }
    expect(consentCovers({ ...provision, action: 'corrected', refersTo: id(9) }, use)).toBe(true);
    expect(consentCovers({ ...provision, legacy: true }, use)).toBe(false);
  });

  it('covers a transfer abroad by its country, and no other purpose covers a provision', () => {
    const base = withoutProvision(provision);
    const overseas: ConsentRecord = {
      ...base,
      purpose: 'overseas-transfer',
      country: 'SG',
      countryInformation: 'PDPA 2012',
    };
    expect(consentCovers(overseas, use)).toBe(true);
    expect(consentCovers(overseas, { ...use, country: 'US' })).toBe(false);
    expect(consentCovers({ ...base, purpose: 'medical-data' }, use)).toBe(false);
    expect(consentCovers({ ...base, purpose: 'marketing' }, use)).toBe(false);
  });
});
