import { describe, expect, it } from 'vitest';
import {
  consentRecordProblem,
  consentSchema,
  migrateConsentV0,
  migrateConsentV0Withdrawal,
  type ConsentRecord,
  type ConsentV0,
} from './consent';
import { onWire, schemaProblems, wireValidator } from '../../tests/support/wire-schema';

const CLIENT = '00000000-0000-4000-8000-000000000001';
const STAFF = '00000000-0000-4000-8000-0000000000aa';
const WITNESS = '00000000-0000-4000-8000-0000000000ab';
const PARTNER = '00000000-0000-4000-8000-0000000000bb';
const DEVICE = '00000000-0000-4000-8000-0000000000dd';
const validate = wireValidator(consentSchema);

function record(overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  return {
    id: '00000000-0000-4000-a000-000000000001',
    clientId: CLIENT,
    action: 'given',
    purpose: 'medical-data',
    noticeId: '00000000-0000-4000-f000-000000000001',
    noticeVersion: '2026.1',
    noticeHash: 'ab'.repeat(32),
    language: 'en',
    method: 'signed-paper',
    at: 1_000,
    recordedBy: STAFF,
    deviceId: DEVICE,
    recordedAt: 2_000,
    signature: 'A'.repeat(86),
    assignedStaffIds: [STAFF],
    ...overrides,
  };
}

describe('a consent record (schema version 2)', () => {
  it('is valid under the schema, and the schema keeps to what storage allows', () => {
    expect(schemaProblems(consentSchema.properties)).toEqual([]);
    expect(consentSchema.version).toBe(2);
    const examples = [
      record(),
      record({
        purpose: 'provision',
        partnerId: PARTNER,
        statedPurpose: 'Treatment planning',
        purposeCode: 'treatment-arrangement',
        partnerCountry: 'SG',
      }),
      record({ purpose: 'overseas-transfer', country: 'US', countryInformation: 'No adequacy decision' }),
      record({
        action: 'withdrawn',
        refersTo: '00000000-0000-4000-a000-000000000002',
        requestedBy: 'client',
      }),
      record({ method: 'verbal-witnessed', witnessStaffId: STAFF, notes: '同意 by phone' }),
    ];
    for (const example of examples) {
      expect(validate(onWire(example)), JSON.stringify(validate.errors)).toBe(true);
      expect(consentRecordProblem(example)).toBeUndefined();
    }
    expect(validate(onWire({ ...record(), policyVersion: '2026-04' }))).toBe(false);
    expect(validate(onWire({ ...record(), action: 'revoked' }))).toBe(false);
    expect(validate(onWire({ ...record(), signature: 'short' }))).toBe(false);
  });

  it('says what its purpose and action need', () => {
    expect(consentRecordProblem(record({ purpose: 'provision' }))).toBe('partner-required');
    expect(consentRecordProblem(record({ partnerId: PARTNER }))).toBe('partner-not-allowed');
    expect(consentRecordProblem(record({ statedPurpose: 'x' }))).toBe('partner-not-allowed');
    expect(consentRecordProblem(record({ purpose: 'overseas-transfer', country: 'US' }))).toBe(
      'country-required',
    );
    expect(
      consentRecordProblem(record({ purpose: 'overseas-transfer', country: 'JP', countryInformation: 'x' })),
    ).toBe('country-japan');
    expect(consentRecordProblem(record({ country: 'US' }))).toBe('country-not-allowed');
    expect(consentRecordProblem(record({ action: 'withdrawn' }))).toBe('refers-to-required');
    expect(consentRecordProblem(record({ action: 'corrected' }))).toBe('refers-to-required');
    expect(consentRecordProblem(record({ refersTo: CLIENT }))).toBe('refers-to-not-allowed');
    expect(consentRecordProblem(record({ method: 'verbal-witnessed' }))).toBe('witness-required');
    // The witness is the recorder (authenticated by session and signature), never a name typed for another.
    expect(consentRecordProblem(record({ witnessStaffId: WITNESS }))).toBe('witness-not-recorder');
    expect(consentRecordProblem(record({ method: 'verbal-witnessed', witnessStaffId: WITNESS }))).toBe(
      'witness-not-recorder',
    );
    expect(
      consentRecordProblem(record({ method: 'verbal-witnessed', witnessStaffId: STAFF })),
    ).toBeUndefined();
    expect(consentRecordProblem(record({ at: 3_000 }))).toBe('at-after-recorded');
    expect(consentRecordProblem(record({ legacy: true }))).toBe('legacy-not-allowed');
  });
});

function entry(overrides: Partial<ConsentV0> = {}): ConsentV0 {
  return {
    id: '00000000-0000-4000-a000-000000000010',
    clientId: CLIENT,
    purpose: 'medical-data',
    policyVersion: '2026-04',
    method: 'written',
    givenAt: 1_000,
    witnessStaffId: WITNESS,
    notes: 'Form 12',
    assignedStaffIds: [STAFF],
    createdAt: 1_100,
    updatedAt: 1_100,
    ...overrides,
  };
}

describe('a version 0 entry, migrated', () => {
  it('becomes an unsigned legacy record, valid under version 1, that keeps what it said', () => {
    const migrated = migrateConsentV0(entry());
    expect(validate(onWire(migrated)), JSON.stringify(validate.errors)).toBe(true);
    expect(migrated).toEqual({
      id: entry().id,
      clientId: CLIENT,
      action: 'given',
      purpose: 'medical-data',
      noticeId: '00000000-0000-0000-0000-000000000000',
      noticeVersion: '2026-04',
      noticeHash: '0'.repeat(64),
      language: 'en',
      method: 'signed-paper',
      at: 1_000,
      recordedBy: WITNESS,
      deviceId: '00000000-0000-0000-0000-000000000000',
      recordedAt: 1_100,
      notes: 'Form 12\nv0 policy version: 2026-04',
      legacy: true,
      assignedStaffIds: [STAFF],
    });
    expect(migrated.signature).toBeUndefined();
  });

  it('maps a share purpose to a provision for its partner, and methods to their v1 names', () => {
    const share = migrateConsentV0(entry({ purpose: `share:${PARTNER}`, method: 'verbal-witnessed' }));
    expect(share).toMatchObject({ purpose: 'provision', partnerId: PARTNER, method: 'verbal-witnessed' });
    expect(validate(onWire(share))).toBe(true);
    expect(migrateConsentV0(entry({ method: 'electronic' })).method).toBe('e-signature');
    expect(migrateConsentV0(entry({ purpose: 'marketing' })).purpose).toBe('marketing');
    // A label the v1 pattern cannot hold is kept in the notes only.
    const odd = migrateConsentV0(entry({ policyVersion: 'April 2026 (draft)', notes: undefined }));
    expect(odd.noticeVersion).toBe('unknown');
    expect(odd.notes).toBe('v0 policy version: April 2026 (draft)');
  });

  it('gives its withdrawal a legacy record of its own, referring to it', () => {
    expect(migrateConsentV0Withdrawal(entry(), 'x')).toBeUndefined();
    const withdrawnEntry = entry({ withdrawnAt: 5_000, withdrawalRecordedBy: STAFF, updatedAt: 5_500 });
    const id = '00000000-0000-8000-8000-000000000099';
    const withdrawal = migrateConsentV0Withdrawal(withdrawnEntry, id)!;
    expect(validate(onWire(withdrawal)), JSON.stringify(validate.errors)).toBe(true);
    expect(withdrawal).toMatchObject({
      id,
      action: 'withdrawn',
      refersTo: withdrawnEntry.id,
      purpose: 'medical-data',
      at: 5_000,
      recordedAt: 5_500,
      recordedBy: STAFF,
      legacy: true,
    });
    // Recorded by the witness when v0 did not say who recorded the withdrawal.
    expect(migrateConsentV0Withdrawal(entry({ withdrawnAt: 5_000 }), id)!.recordedBy).toBe(WITNESS);
  });
});
