/**
 * Client-like records for the store page (the at-rest browser test) and the store benchmark: ids, an indexed
 * status and timestamp in clear, and about 330 bytes of personal data (names, passport, contact, medical text)
 * that an encrypted store must protect.
 */
export interface SampleRecord {
  id: string;
  status: string;
  updatedAt: number;
  name: string;
  nameKana: string;
  passportNumber: string;
  email: string;
  phone: string;
  medicalNotes: string;
}

export const PERSONAL_FIELDS = [
  'name',
  'nameKana',
  'passportNumber',
  'email',
  'phone',
  'medicalNotes',
] as const;

const STATUSES = ['prospect', 'active', 'archived', 'active'];
const MEDICAL =
  'Type 2 diabetes managed with metformin 500 mg twice daily; penicillin allergy (rash); knee replacement 2019; ' +
  'planned cardiac check-up with echocardiogram and stress test.';

export function makeRecords(count: number): SampleRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    status: STATUSES[i % STATUSES.length]!,
    updatedAt: 1_790_000_000_000 + i,
    name: `Alexandra Montgomery-Whitfield ${i}`,
    nameKana: `アレクサンドラ・モンゴメリー ${i}`,
    passportNumber: `X${(10_000_000 + i).toString()}`,
    email: `alexandra.montgomery.${i}@example.com`,
    phone: `+44 20 7946 ${(i % 10_000).toString().padStart(4, '0')}`,
    medicalNotes: `${MEDICAL} Ref ${i}.`,
  }));
}

export function personalBytes(record: SampleRecord): number {
  return PERSONAL_FIELDS.reduce((sum, field) => sum + new TextEncoder().encode(record[field]).length, 0);
}

export const sampleSchema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36 },
    status: { type: 'string', maxLength: 16 },
    updatedAt: { type: 'integer', minimum: 0, maximum: 4_102_444_800_000, multipleOf: 1 },
    name: { type: 'string' },
    nameKana: { type: 'string' },
    passportNumber: { type: 'string' },
    email: { type: 'string' },
    phone: { type: 'string' },
    medicalNotes: { type: 'string' },
  },
  required: ['id', 'status', 'updatedAt', ...PERSONAL_FIELDS],
  indexes: ['status', 'updatedAt'],
} as const;
