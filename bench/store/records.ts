/**
 * Client-like records for the store benchmarks: ids, an indexed status and timestamp in clear, and about
 * 330 bytes of personal data (names, passport, contact, medical text) that an encrypted store must protect.
 */
export interface BenchRecord {
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

export function makeRecords(count: number): BenchRecord[] {
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

export function personalBytes(record: BenchRecord): number {
  return PERSONAL_FIELDS.reduce((sum, field) => sum + new TextEncoder().encode(record[field]).length, 0);
}

export const benchSchema = {
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

export interface StoreTimings {
  store: string;
  bulkInsertMs: number;
  queryIndexedMs: number;
  readAllMs: number;
  found: number;
}

export interface CryptoTimings {
  /** Mean time to fetch one client by id from the encrypted store and unseal its medical section. */
  openOneMeanMs: number;
  openOneMaxMs: number;
  /** Argon2id at the default parameters plus opening the vault key: what a person waits for at unlock. */
  unlockMs: number;
  unlockMemLimitMiB: number;
  /** Sealing and opening one envelope per record (the store's per-document crypto cost), outside RxDB. */
  sealAllMs: number;
  openAllMs: number;
}

/** What the benchmark page exposes to bench/run.ts and to the at-rest browser test. */
export interface StoreBenchApi {
  /**
   * Runs every store `rounds` times, the order rotating each round so no store always runs first (a warmer JIT)
   * or last (a fuller heap); the slow crypto-js plugin runs in the first round only.
   */
  runStoreBench(
    count: number,
    rounds: number,
  ): Promise<{ meanPersonalBytes: number; rounds: StoreTimings[][]; crypto: CryptoTimings }>;
  /**
   * The crypto core's base64url in this browser (the runtime's native codec where it has one), for the test
   * that holds it to the JavaScript implementation: decodes each text (null when refused) and encodes each
   * byte array.
   */
  base64InBrowser(
    texts: string[],
    byteArrays: number[][],
  ): { native: boolean; decoded: Array<number[] | null>; encoded: string[] };
  /** Writes records through the encrypted store and leaves the database in place for inspection. */
  writeVaultSample(count: number): Promise<BenchRecord[]>;
}
