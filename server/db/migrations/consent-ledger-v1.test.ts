import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentSchema, migrateConsentV0, type ConsentV0 } from '../../../shared/domain/consent';
import { consentStatus } from '../../../shared/domain/consent-ledger';
import { wireSchemaOf } from '../../../shared/sync/wire-schema';
import { testEngines } from '../../../tests/support/server/engines';
import { allDocuments, writeDocuments } from '../../sync/documents';
import { convertConsentsToV1, legacyWithdrawalId } from './consent-ledger-v1';

const uuid = (n: number) => `00000000-0000-4000-a000-${n.toString(16).padStart(12, '0')}`;
const CLIENT = '00000000-0000-4000-8000-000000000001';
const STAFF = '00000000-0000-4000-8000-0000000000aa';
const PARTNER = '00000000-0000-4000-8000-0000000000bb';
const validate = new Ajv({ strict: true, coerceTypes: false }).compile(wireSchemaOf(consentSchema));

function entry(n: number, extra: Partial<ConsentV0> = {}): ConsentV0 {
  return {
    id: uuid(n),
    clientId: CLIENT,
    purpose: 'medical-data',
    policyVersion: '2026-01',
    method: 'written',
    givenAt: 1_700_000_000_000,
    witnessStaffId: STAFF,
    assignedStaffIds: [STAFF],
    createdAt: 1_700_000_000_100,
    updatedAt: 1_700_000_000_100,
    ...extra,
  };
}

const KEPT = entry(1);
const WITHDRAWN = entry(2, {
  withdrawnAt: 1_710_000_000_000,
  withdrawalRecordedBy: STAFF,
  updatedAt: 1_710_000_000_500,
});
const SHARE = entry(3, { purpose: `share:${PARTNER}`, method: 'verbal-witnessed' });
const DELETED = entry(4, { withdrawnAt: 1_710_000_000_000 });

for (const engine of testEngines) {
  describe(`the consent ledger's data migration (v0 entries to v1 records) on ${engine.name}`, () => {
    let handle: Awaited<ReturnType<typeof engine.open>>;
    beforeAll(async () => {
      handle = await engine.open();
      await writeDocuments(
        handle.db,
        'consents',
        [KEPT, WITHDRAWN, SHARE, DELETED].map((doc) => ({
          id: doc.id,
          deleted: doc === DELETED,
          data: doc as unknown as Record<string, unknown>,
          former_assignees: [],
        })),
      );
    });
    afterAll(async () => handle?.drop());

    it('converts each entry, writes a withdrawal as a legacy record of its own, with new seqs', async () => {
      const before = new Map((await seqs()).map((row) => [row.id, row.seq]));
      expect(await handle.db.transaction((tx) => convertConsentsToV1(tx))).toBe(5);
      const after = await allDocuments(handle.db, 'consents');
      const byId = new Map(after.map((doc) => [doc.id, doc]));
      for (const doc of after) {
        expect(validate({ ...doc.data, _deleted: doc.deleted }), JSON.stringify(validate.errors)).toBe(true);
        expect(doc.data.legacy).toBe(true);
        expect(doc.data.signature).toBeUndefined();
      }
      expect(byId.get(KEPT.id)!.data).toEqual(migrateConsentV0(KEPT));
      expect(byId.get(SHARE.id)!.data).toMatchObject({ purpose: 'provision', partnerId: PARTNER });
      expect(byId.get(DELETED.id)!.deleted).toBe(true);
      expect(byId.has(legacyWithdrawalId(DELETED.id))).toBe(false);
      const withdrawalId = legacyWithdrawalId(WITHDRAWN.id);
      expect(withdrawalId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(byId.get(withdrawalId)!.data).toMatchObject({
        action: 'withdrawn',
        refersTo: WITHDRAWN.id,
        purpose: 'medical-data',
        at: WITHDRAWN.withdrawnAt,
        recordedAt: WITHDRAWN.updatedAt,
        recordedBy: STAFF,
        assignedStaffIds: [STAFF],
      });
      // The ledger reads the entry as withdrawn, the other as held but unverified (migrated, unsigned: it counts for
      // no gate until staff confirm it; docs/consent.md, "Version 0 entries").
      const records = after.filter((doc) => !doc.deleted).map((doc) => doc.data as never);
      const now = 1_720_000_000_000;
      const status = consentStatus(records, { clientId: CLIENT, purpose: 'medical-data' }, now);
      expect(status.unverified?.id).toBe(KEPT.id);
      expect(status.live).toBeUndefined();
      const withdrawnOnly = records.filter((record: { id: string }) => record.id !== KEPT.id);
      expect(consentStatus(withdrawnOnly, { clientId: CLIENT, purpose: 'medical-data' }, now)).toMatchObject({
        withdrawal: { id: withdrawalId },
      });
      for (const [id, seq] of before) {
        expect(Number((await seqs()).find((row) => row.id === id)!.seq)).toBeGreaterThan(Number(seq));
      }
    });

    it('writes nothing the second time', async () => {
      const before = await seqs();
      expect(await handle.db.transaction((tx) => convertConsentsToV1(tx))).toBe(0);
      expect(await seqs()).toEqual(before);
    });

    const seqs = () =>
      handle.db.query<{ id: string; seq: string }>(
        `SELECT id, seq::text AS seq FROM sync_documents WHERE collection = 'consents' ORDER BY id`,
      );
  });
}
