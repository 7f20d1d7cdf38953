import { describe, expect, it } from 'vitest';
import { loadSodium, newDataKey } from '../crypto/index';
import { emptyMedicalContent } from './medical';
import { validateMedicalContent } from './medical-form';
import { openMedicalSection, sealMedicalSection } from './medical-seal';

const sodium = await loadSodium();

const ids = {
  id: '00000000-0000-4000-8000-0000000000c1',
  clientId: '00000000-0000-4000-8000-000000000001',
  consentId: '00000000-0000-4000-a000-000000000064',
  assignedStaffIds: ['00000000-0000-4000-a000-000000000001'],
  createdAt: 1_000,
  updatedAt: 1_000,
};

describe('validateMedicalContent', () => {
  it('tidies the form, drops empty rows, and names wrong fields by row', () => {
    expect(
      validateMedicalContent({
        history: '  Asthma\u0007 since childhood  ',
        currentMedications: [
          { name: 'Salbutamol', dose: ' 100 µg ' },
          { name: '', dose: '' },
        ],
        allergies: [{ substance: 'Penicillin', severity: 'severe' }],
        plannedTreatments: [{ description: 'Check-up', date: '2026-05-12' }],
      }),
    ).toEqual({
      ok: true,
      value: {
        ...emptyMedicalContent(),
        history: 'Asthma since childhood',
        currentMedications: [{ name: 'Salbutamol', dose: '100 µg' }],
        allergies: [{ substance: 'Penicillin', severity: 'severe' }],
        plannedTreatments: [{ description: 'Check-up', date: '2026-05-12' }],
      },
    });
    expect(
      validateMedicalContent({
        allergies: [{ reaction: 'hives', severity: 'deadly' }],
        plannedTreatments: [{ description: 'Scan', date: '2026-02-30' }],
        conditions: Array.from({ length: 51 }, () => ({ name: 'x' })),
      }),
    ).toEqual({
      ok: false,
      errors: [
        { path: 'medical.allergies.0.substance', code: 'required' },
        { path: 'medical.allergies.0.severity', code: 'unknown-option' },
        { path: 'medical.conditions', code: 'too-many', params: { max: 50 } },
        { path: 'medical.plannedTreatments.0.date', code: 'invalid-date' },
      ],
    });
  });

  it('gives content that seals', () => {
    const result = validateMedicalContent({
      history: 'x'.repeat(20_000),
      conditions: [{ name: 'y'.repeat(500) }],
    });
    if (!result.ok) throw new Error('expected valid content');
    const dataKey = newDataKey(sodium);
    expect(
      openMedicalSection(sodium, dataKey, sealMedicalSection(sodium, dataKey, result.value, ids)),
    ).toEqual(result.value);
  });
});
