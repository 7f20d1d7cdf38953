import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role, SyncedCollectionName } from '../../shared/index';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import {
  clientId,
  makerOf,
  medicalId,
  pushAs,
  seedEveryCollection,
} from '../../tests/support/server/permission-documents';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import { ChangeStore } from '../sync/change-store';
import { documentById } from '../sync/documents';
import { ErasureStore } from './erasure-store';

/**
 * Issue 17: after a retention rule erased client 1's medical section (its wraps all stubs, its key shredded), a
 * device that still holds the old key in memory pushes the section sealed again under it, merged alive against the
 * deletion, and wraps the old key again as if it were the client's first. Both refused (403 `key-shredded`), nothing
 * stored; a section under a new key goes through.
 */
const T = Date.parse('2027-05-01T00:00:00Z');
const newKeyEnvelope = `1.k77.${'B'.repeat(60)}`;
const RESEALED_ID = '00000000-0000-4000-b000-0000000000e1';
const NEW_ID = '00000000-0000-4000-b000-0000000000e2';

for (const engine of testEngines) {
  describe(`a shredded key after a medical erasure, on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      await seedEveryCollection(server, staff);
      await handle.db.query(
        `INSERT INTO erasures (id, client_id, basis, reference, scheduled_by, scheduled_at, due_at, status, scope)
         VALUES ($1, $2, 'retention-rule', 'rule:medical', $3, $4, $4, 'scheduled', 'medical')`,
        [randomUUID(), clientId(1), staff.admin.staffId, T],
      );
      const run = await new ErasureStore(handle.db, new ChangeStore(handle.db)).run(T);
      expect(run.executed).toHaveLength(1);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const push = (who: TestStaff, collection: SyncedCollectionName, docs: object[]) =>
      pushAs(server, who, collection, docs);
    const everything = () =>
      handle.db.query(
        'SELECT id, collection, seq, deleted, data FROM sync_documents ORDER BY collection, id',
      );
    const section = () =>
      makerOf('medical').make(1, [staff.concierge.staffId], staff.coordinator) as Record<string, unknown>;
    const refusedAsShredded = (res: { statusCode: number; body: string; json(): unknown }) => {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json()).toMatchObject({ reason: 'key-shredded' });
    };

    it('refuses the erased section sealed again under the shredded key, and a new wrap of that key', async () => {
      const before = await everything();
      // A device whose section was erased under it saves a new one with the key it still holds.
      refusedAsShredded(await push(staff.coordinator, 'medical', [{ ...section(), id: RESEALED_ID }]));
      // Over the erased section's stub it is no client's document any more: refused too.
      const stub = await documentById(handle.db, 'medical', medicalId(1));
      expect(stub).toMatchObject({ _deleted: true });
      const over = await server.app.inject({
        method: 'POST',
        url: '/sync/medical/push',
        headers: staff.coordinator.headers,
        payload: [{ assumedMasterState: stub, newDocumentState: section() }],
      });
      expect(over.statusCode).toBe(403);

      // The concierge's device makes the old key the client's "first" again (no wrap of the client is left): to
      // itself, and to the recovery key over the recovery wrap's stub.
      const wrap = makerOf('keyWraps').make(1, [staff.concierge.staffId], staff.concierge) as object;
      const own = staff.concierge.deviceId;
      refusedAsShredded(
        await push(staff.concierge, 'keyWraps', [
          { ...wrap, id: `${clientId(1)}.k1.${own}`, recipientId: own },
        ]),
      );
      expect(await everything()).toEqual(before);
    });

    it('takes the section sealed under a new key, and the new key’s wraps', async () => {
      const fresh = Object.fromEntries(
        Object.entries(section()).map(([field, value]) => [
          field,
          typeof value === 'string' && value.startsWith('1.k1.') ? newKeyEnvelope : value,
        ]),
      );
      const res = await push(staff.coordinator, 'medical', [{ ...fresh, id: NEW_ID, keyId: 'k77' }]);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual([]);
      expect(await documentById(handle.db, 'medical', NEW_ID)).toMatchObject({
        keyId: 'k77',
        history: newKeyEnvelope,
        _deleted: false,
      });
      const own = staff.concierge.deviceId;
      const wrap = makerOf('keyWraps').make(1, [staff.concierge.staffId], staff.concierge) as object;
      const wrapped = await push(staff.concierge, 'keyWraps', [
        { ...wrap, id: `${clientId(1)}.k77.${own}`, keyId: 'k77', recipientId: own },
      ]);
      expect(wrapped.statusCode, wrapped.body).toBe(200);
    });
  });
}
