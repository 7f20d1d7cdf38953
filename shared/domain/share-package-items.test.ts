import { describe, expect, it } from 'vitest';
import type { Client } from './client';
import { emptyMedicalContent } from './medical';
import { readableValue, sharePackageItems } from './share-package-items';

const client = {
  id: '00000000-0000-4000-8000-000000000001',
  names: { latin: 'Haruka Sato', kanji: '佐藤春香' },
  passport: { number: 'TK1234567', country: 'JP', expiryDate: '2030-01-01' },
  status: 'active',
  assignedStaffIds: [],
  createdAt: 1,
  updatedAt: 1,
} as Client;

describe('the items of a sealed package', () => {
  it('holds exactly the approved fields, in their order, labelled, medical ones marked', () => {
    const medical = {
      ...emptyMedicalContent(),
      history: 'Appendectomy, 2019',
      allergies: [{ substance: 'Penicillin', reaction: 'rash' }],
    } as ReturnType<typeof emptyMedicalContent>;
    const items = sharePackageItems(['medical.allergies', 'names', 'passport'], client, medical);
    expect(items).toEqual([
      {
        key: 'medical.allergies',
        label: { en: 'Allergies', ja: 'アレルギー' },
        value: 'substance: Penicillin, reaction: rash',
        medical: true,
      },
      { key: 'names', label: { en: 'Names', ja: '氏名' }, value: 'Haruka Sato / 佐藤春香', medical: false },
      {
        key: 'passport',
        label: { en: 'Passport', ja: 'パスポート' },
        value: 'number: TK1234567, country: JP, expiryDate: 2030-01-01',
        medical: false,
      },
    ]);
    expect(JSON.stringify(items)).not.toContain('Appendectomy');
  });

  it('refuses medical items without the opened section rather than leaving them out', () => {
    expect(() => sharePackageItems(['names', 'medical.history'], client, undefined)).toThrow(RangeError);
  });

  it('reads values as text: lists joined, empty parts left out', () => {
    expect(readableValue([{ a: '1', b: '' }, undefined, 'x'])).toBe('a: 1; x');
    expect(readableValue(undefined)).toBe('');
  });
});
