import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createClientKeys,
  generateIdentity,
  grant,
  loadSodium,
  newDataKey,
  openClientKey,
  RECOVERY_RECIPIENT_ID,
  revokeAndRotate,
  type PublicKeys,
  type StaffIdentity,
} from '../crypto/index';
import { thrown } from '../../tests/support/crypto-errors';
import type { ConsentRecord } from './consent';
import type { PrivacyNotice } from './privacy-notice';
import {
  emptyMedicalContent,
  isMedicalFieldValue,
  MEDICAL_FIELD_MAX_BYTES,
  MEDICAL_FIELDS,
  medicalSectionSchema,
  type MedicalContent,
  type MedicalSection,
} from './medical';
import {
  medicalSealedFields,
  openMedicalSection,
  resealMedicalFields,
  sealMedicalSection,
  withRotatedFields,
  writeMedicalSection,
} from './medical-seal';
import { onWire, schemaProblems, wireValidator } from '../../tests/support/wire-schema';

const sodium = await loadSodium();
const validate = wireValidator(medicalSectionSchema);

const CLIENT = '00000000-0000-4000-8000-000000000001';
const SECTION = '00000000-0000-4000-8000-0000000000c1';
const OTHER_SECTION = '00000000-0000-4000-8000-0000000000c2';
const uuid = (n: number) => `00000000-0000-4000-a000-${n.toString(16).padStart(12, '0')}`;
const aiko = generateIdentity(sodium, uuid(1)); // concierge who created the client's key
const ben = generateIdentity(sodium, uuid(2)); // coordinator, granted
const dan = generateIdentity(sodium, uuid(4)); // concierge, never granted
const recovery = generateIdentity(sodium, RECOVERY_RECIPIENT_ID);
const recoveryRecipient = { id: RECOVERY_RECIPIENT_ID, boxPublicKey: recovery.boxPublicKey };
const directory = new Map<string, PublicKeys>(
  [aiko, ben, dan, recovery].map((s) => [
    s.staffId,
    { boxPublicKey: s.boxPublicKey, signPublicKey: s.signPublicKey },
  ]),
);
const recipient = (s: StaffIdentity) => ({ id: s.staffId, boxPublicKey: s.boxPublicKey });

const content: MedicalContent = {
  history: '高血圧 since 2019; knee replacement 2021.',
  currentMedications: [{ name: 'Metformin', dose: '500 mg', schedule: 'twice daily' }],
  allergies: [{ substance: 'ペニシリン', reaction: 'rash', severity: 'moderate' }, { substance: 'latex' }],
  conditions: [{ name: 'Type 2 diabetes', notes: 'well controlled' }],
  documentNotes: 'Referral letter from Dr Hart, 2026-02-10.',
  plannedTreatments: [{ description: 'PET-CT', institution: 'Partner hospital', date: '2026-05-12' }],
};

const ids = {
  id: SECTION,
  clientId: CLIENT,
  consentId: uuid(100),
  assignedStaffIds: [aiko.staffId],
  createdAt: 1_000,
  updatedAt: 1_000,
};

function setUp() {
  const created = createClientKeys(sodium, CLIENT, aiko, recoveryRecipient);
  const state = grant(sodium, created.state, aiko, recipient(ben), directory);
  const section = sealMedicalSection(sodium, created.dataKey, content, ids);
  return { state, dataKey: created.dataKey, section };
}

const NOTICE = uuid(90);
const notice = (n: number, effectiveAt: number, renewal?: number): PrivacyNotice => ({
  id: uuid(90 + n),
  kind: 'privacy-notice',
  version: `2026.${n}`,
  effectiveAt,
  summary: 'changes',
  substantial: renewal !== undefined,
  ...(renewal !== undefined ? { renewalDeadline: renewal } : {}),
  texts: [{ language: 'en', text: `v${n}`, sha256: 'a'.repeat(64) }],
  publishedBy: aiko.staffId,
  assignedStaffIds: [],
  createdAt: 0,
  updatedAt: 0,
});
const v0 = { ...notice(0, 100), id: NOTICE };

/** A record of the ledger (signatures are the device's concern: the fold reads what it is given). */
const record = (
  fields: Partial<ConsentRecord> & Pick<ConsentRecord, 'id' | 'action' | 'at'>,
): ConsentRecord => ({
  clientId: CLIENT,
  purpose: 'medical-data',
  noticeId: NOTICE,
  noticeVersion: '2026.0',
  noticeHash: 'a'.repeat(64),
  language: 'en',
  method: 'signed-paper',
  recordedBy: aiko.staffId,
  deviceId: aiko.staffId,
  recordedAt: fields.at,
  assignedStaffIds: [aiko.staffId],
  ...fields,
});
const medicalConsent = (at = 500) => record({ id: uuid(100), action: 'given', at });

describe('sealMedicalSection and openMedicalSection', () => {
  it('seal every field under the client key, in a document the server accepts, and open it back', () => {
    const { dataKey, section } = setUp();
    expect(validate(onWire(section)), JSON.stringify(validate.errors)).toBe(true);
    expect(schemaProblems(medicalSectionSchema.properties)).toEqual([]);
    expect(section.keyId).toBe(dataKey.id);
    for (const field of MEDICAL_FIELDS) {
      expect(section[field].startsWith(`1.${dataKey.id}.`)).toBe(true);
      expect(section[field]).not.toContain('Metformin');
    }
    expect(openMedicalSection(sodium, dataKey, section)).toEqual(content);
  });

  it('round-trips any content of the right shape', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 40 });
    const arbitraryContent: fc.Arbitrary<MedicalContent> = fc.record({
      history: text,
      currentMedications: fc.array(fc.record({ name: text, dose: text }, { requiredKeys: ['name'] }), {
        maxLength: 3,
      }),
      allergies: fc.array(
        fc.record(
          {
            substance: text,
            severity: fc.constantFrom('mild', 'moderate', 'severe', 'anaphylaxis') as fc.Arbitrary<'mild'>,
          },
          { requiredKeys: ['substance'] },
        ),
        { maxLength: 3 },
      ),
      conditions: fc.array(fc.record({ name: text, notes: text }, { requiredKeys: ['name'] }), {
        maxLength: 3,
      }),
      documentNotes: text,
      plannedTreatments: fc.array(
        fc.record({ description: text, date: text }, { requiredKeys: ['description'] }),
        {
          maxLength: 3,
        },
      ),
    });
    const dataKey = newDataKey(sodium);
    fc.assert(
      fc.property(arbitraryContent, (value) => {
        const section = sealMedicalSection(sodium, dataKey, value, ids);
        expect(openMedicalSection(sodium, dataKey, section)).toEqual(value);
      }),
      { numRuns: 60 },
    );
  });

  it('seal empty fields too, so a stored section does not tell which fields hold anything', () => {
    const dataKey = newDataKey(sodium);
    const section = sealMedicalSection(sodium, dataKey, emptyMedicalContent(), ids);
    for (const field of MEDICAL_FIELDS) expect(section[field].length).toBeGreaterThan(60);
    expect(openMedicalSection(sodium, dataKey, section)).toEqual(emptyMedicalContent());
  });

  it('open only the fields asked for', () => {
    const { dataKey, section } = setUp();
    const damaged = { ...section, history: section.history.slice(0, -4) + 'AAAA' };
    expect(openMedicalSection(sodium, dataKey, damaged, ['allergies', 'currentMedications'])).toEqual({
      allergies: content.allergies,
      currentMedications: content.currentMedications,
    });
    expect(thrown(() => openMedicalSection(sodium, dataKey, damaged)).code).toBe('tampered');
  });

  it('refuse altered bytes, swapped fields, envelopes moved to another section, and other keys', () => {
    const { dataKey, section } = setUp();
    const flip = (envelope: string) => {
      const at = envelope.length - 10;
      return envelope.slice(0, at) + (envelope[at] === 'A' ? 'B' : 'A') + envelope.slice(at + 1);
    };
    expect(
      thrown(() => openMedicalSection(sodium, dataKey, { ...section, allergies: flip(section.allergies) }))
        .code,
    ).toBe('tampered');
    const swapped: MedicalSection = {
      ...section,
      history: section.documentNotes,
      documentNotes: section.history,
    };
    expect(thrown(() => openMedicalSection(sodium, dataKey, swapped, ['history'])).code).toBe('tampered');
    const elsewhere = sealMedicalSection(sodium, dataKey, content, { ...ids, id: OTHER_SECTION });
    expect(
      thrown(() => openMedicalSection(sodium, dataKey, { ...section, history: elsewhere.history })).code,
    ).toBe('tampered');
    expect(thrown(() => openMedicalSection(sodium, newDataKey(sodium), section)).code).toBe('wrong-key');
  });

  it('refuse content of another shape, or too large, before sealing', () => {
    const dataKey = newDataKey(sodium);
    const bad = {
      ...content,
      allergies: [{ substance: 'x', severity: 'deadly' }],
    } as unknown as MedicalContent;
    expect(thrown(() => sealMedicalSection(sodium, dataKey, bad, ids)).code).toBe('invalid-input');
    const huge = { ...content, history: 'あ'.repeat(MEDICAL_FIELD_MAX_BYTES / 3 + 1) };
    expect(thrown(() => sealMedicalSection(sodium, dataKey, huge, ids)).code).toBe('invalid-input');
    expect(isMedicalFieldValue('conditions', [{ name: 'x', extra: 'y' }])).toBe(false);
    expect(isMedicalFieldValue('conditions', [{ notes: 'no name' }])).toBe(false);
    expect(isMedicalFieldValue('history', ['not text'])).toBe(false);
    expect(isMedicalFieldValue('plannedTreatments', [{ description: 'x', date: '2026-01-01' }])).toBe(true);
  });
});

describe('resealMedicalFields', () => {
  it('changes only the fields given, keeping every other envelope byte for byte', () => {
    const { dataKey, section } = setUp();
    const updated = resealMedicalFields(
      sodium,
      dataKey,
      section,
      { documentNotes: 'New scan results' },
      {
        consentId: uuid(101),
        updatedAt: 2_000,
      },
    );
    for (const field of MEDICAL_FIELDS) {
      if (field === 'documentNotes') expect(updated[field]).not.toBe(section[field]);
      else expect(updated[field]).toBe(section[field]);
    }
    expect(updated).toMatchObject({ consentId: uuid(101), updatedAt: 2_000, createdAt: 1_000 });
    expect(openMedicalSection(sodium, dataKey, updated)).toEqual({
      ...content,
      documentNotes: 'New scan results',
    });
  });

  it('refuses a key the section is not sealed under', () => {
    const { section } = setUp();
    expect(
      thrown(() =>
        resealMedicalFields(
          sodium,
          newDataKey(sodium),
          section,
          { history: '' },
          { consentId: uuid(1), updatedAt: 1 },
        ),
      ).code,
    ).toBe('wrong-key');
  });
});

describe('writeMedicalSection', () => {
  const newSection = { id: SECTION, clientId: CLIENT, assignedStaffIds: [aiko.staffId] };

  it('writes nothing without a medical-data consent in force', () => {
    const dataKey = newDataKey(sodium);
    const changes = { history: 'x' };
    expect(
      writeMedicalSection(sodium, dataKey, {
        consents: [],
        notices: [v0],
        now: 1_000,
        previous: undefined,
        changes,
        newSection,
      }),
    ).toEqual({ ok: false, reason: 'no-consent' });
    const withdrawal = record({ id: uuid(101), action: 'withdrawn', refersTo: uuid(100), at: 900 });
    expect(
      writeMedicalSection(sodium, dataKey, {
        consents: [medicalConsent(), withdrawal],
        notices: [v0],
        now: 1_000,
        previous: undefined,
        changes,
        newSection,
      }),
    ).toEqual({ ok: false, reason: 'consent-withdrawn' });
  });

  it('keeps writing after a substantial change until its renewal deadline, then needs the renewal', () => {
    const dataKey = newDataKey(sodium);
    const v1 = notice(1, 1_000, 3_000);
    const write = (consents: ConsentRecord[], now: number) =>
      writeMedicalSection(sodium, dataKey, {
        consents,
        notices: [v0, v1],
        now,
        previous: undefined,
        changes: { history: 'x' },
        newSection,
      });
    expect(write([medicalConsent()], 2_000).ok).toBe(true);
    expect(write([medicalConsent()], 3_000)).toMatchObject({
      ok: false,
      reason: 'renewal-required',
      renewal: { notice: { id: v1.id }, deadline: 3_000 },
    });
    const renewed = record({
      id: uuid(102),
      action: 'given',
      at: 2_500,
      noticeId: v1.id,
      noticeVersion: '2026.1',
    });
    expect(write([medicalConsent(), renewed], 3_000)).toMatchObject({
      ok: true,
      section: { consentId: uuid(102) },
    });
  });

  it('creates or updates the section under the consent in force, recording its id', () => {
    const dataKey = newDataKey(sodium);
    const consent = medicalConsent();
    const created = writeMedicalSection(sodium, dataKey, {
      consents: [consent],
      notices: [v0],
      now: 1_000,
      previous: undefined,
      changes: { history: 'Asthma' },
      newSection,
    });
    if (!created.ok) throw new Error('expected a section');
    expect(created.section).toMatchObject({ consentId: consent.id, createdAt: 1_000, updatedAt: 1_000 });
    expect(openMedicalSection(sodium, dataKey, created.section)).toEqual({
      ...emptyMedicalContent(),
      history: 'Asthma',
    });
    const updated = writeMedicalSection(sodium, dataKey, {
      consents: [consent],
      notices: [v0],
      now: 2_000,
      previous: created.section,
      changes: { conditions: [{ name: 'Asthma' }] },
    });
    if (!updated.ok) throw new Error('expected a section');
    expect(updated.section.history).toBe(created.section.history);
    expect(openMedicalSection(sodium, dataKey, updated.section, ['conditions'])).toEqual({
      conditions: [{ name: 'Asthma' }],
    });
  });
});

describe('the client key hierarchy over a medical section', () => {
  it('opens for holders only; a revoked holder loses the rotated section; the section stays valid', () => {
    const { state, dataKey, section } = setUp();
    const asBen = openClientKey(sodium, state, ben, directory);
    expect(openMedicalSection(sodium, asBen, section)).toEqual(content);
    expect(thrown(() => openClientKey(sodium, state, dan, directory)).code).toBe('no-access');

    const rotated = revokeAndRotate(sodium, {
      state,
      actor: aiko,
      revokedId: ben.staffId,
      holders: [aiko.staffId],
      recovery: recoveryRecipient,
      directory,
      fields: medicalSealedFields(section),
    });
    const after = withRotatedFields(section, rotated.fields, 3_000);
    expect(after.keyId).toBe(rotated.state.current.keyId);
    expect(after.keyId).not.toBe(dataKey.id);
    expect(validate(onWire(after))).toBe(true);
    const asAiko = openClientKey(sodium, rotated.state, aiko, directory);
    expect(openMedicalSection(sodium, asAiko, after)).toEqual(content);
    expect(thrown(() => openClientKey(sodium, rotated.state, ben, directory)).code).toBe('no-access');
    // Ben's old key names a key id no re-sealed envelope uses.
    expect(thrown(() => openMedicalSection(sodium, asBen, after)).code).toBe('wrong-key');
  });

  it('takes back only a complete set of this section’s fields under one key', () => {
    const { section } = setUp();
    const fields = medicalSealedFields(section);
    expect(thrown(() => withRotatedFields(section, fields.slice(1), 1)).code).toBe('invalid-input');
    const other = medicalSealedFields({ ...section, id: OTHER_SECTION });
    expect(thrown(() => withRotatedFields(section, other, 1)).code).toBe('invalid-input');
    const mixed = [
      ...fields.slice(1),
      medicalSealedFields(sealMedicalSection(sodium, newDataKey(sodium), content, ids))[0]!,
    ];
    expect(thrown(() => withRotatedFields(section, mixed, 1)).code).toBe('invalid-input');
  });
});
