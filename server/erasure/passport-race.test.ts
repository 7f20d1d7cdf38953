import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeDocuments, type Client, type MergeableDocument, type Role } from '../../shared/index';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import { clientId, seedClients } from '../../tests/support/server/permission-documents';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import { ChangeStore } from '../sync/change-store';
import { documentById } from '../sync/documents';
import { ErasureStore } from './erasure-store';

/**
 * Issue 17: a retention rule's erasure of a client's passport data rewrites the client document. It must remove the
 * passport and nothing else: an edit of another field pushed while the erasure runs (after it read the document) is
 * kept, and a device that had not seen the erasure, pushing later with the old passport still in its copy, does not
 * bring the passport back. On PostgreSQL the push runs on another connection, in the middle of the erasure's
 * transaction (PGlite runs one transaction at a time: the push waits there, as it must).
 */
const PASSPORT = { number: 'PR7654321', country: 'JP', expiryDate: '2031-01-01' };
const T = Date.parse('2027-03-01T00:00:00Z');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
type Doc = Client & MergeableDocument;

for (const engine of testEngines) {
  describe(`a passport erasure against edits of the client, on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;
    let store: ErasureStore;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      await seedClients(server, staff.coordinator, [
        [40, []],
        [41, []],
      ]);
      for (const n of [40, 41])
        await handle.db.query(
          `UPDATE sync_documents SET data = data || jsonb_build_object('passport', $2::jsonb)
            WHERE collection = 'clients' AND id = $1`,
          [clientId(n), JSON.stringify(PASSPORT)],
        );
      store = new ErasureStore(handle.db, new ChangeStore(handle.db));
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const stored = async (n: number) => (await documentById(handle.db, 'clients', clientId(n))) as Doc;
    const push = async (assumed: Doc, next: Doc) => {
      const res = await server.app.inject({
        method: 'POST',
        url: '/sync/clients/push',
        headers: staff.coordinator.headers,
        payload: [{ assumedMasterState: assumed, newDocumentState: next }],
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Doc[]>();
    };
    /** A device's push, a conflict settled as the device settles it: the three-way merge, pushed again. */
    const pushAsDevice = async (base: Doc, local: Doc) => {
      for (let round = 0; round < 3; round += 1) {
        const [remote] = await push(base, local);
        if (!remote) return;
        [base, local] = [remote, mergeDocuments(base, local, remote)];
      }
      throw new Error('the push never settled');
    };
    const schedulePassportErasure = (n: number) =>
      handle.db.query(
        `INSERT INTO erasures (id, client_id, basis, reference, scheduled_by, scheduled_at, due_at, status, scope)
         VALUES ($1, $2, 'retention-rule', 'rule:passport', $3, $4, $4, 'scheduled', 'passport')`,
        [randomUUID(), clientId(n), staff.admin.staffId, T],
      );

    it('keeps an edit of another field pushed after the erasure read the client document', async () => {
      const before = await stored(40);
      expect(before.passport).toEqual(PASSPORT);
      const edited: Doc = { ...before, names: { latin: 'Renamed During Erasure' }, updatedAt: T - 1 };
      await schedulePassportErasure(40);
      let pushed: Promise<void> | undefined;
      const run = await store.run(T, {
        afterRead: async () => {
          pushed = pushAsDevice(before, edited);
          // Long enough for a push that nothing holds back to be stored.
          await Promise.race([pushed, sleep(500)]);
        },
      });
      await pushed;
      expect(run.executed).toHaveLength(1);
      const after = await stored(40);
      expect(after.names).toEqual({ latin: 'Renamed During Erasure' });
      expect(after).not.toHaveProperty('passport');
    });

    it('does not take the passport back from a device that pushes an edit made before it saw the erasure', async () => {
      const before = await stored(41);
      await schedulePassportErasure(41);
      expect((await store.run(T)).executed).toHaveLength(1);
      const erased = await stored(41);
      expect(erased).not.toHaveProperty('passport');

      // The device's copy still holds the passport; it pushes it again as it was, then with an edit.
      expect(await push(before, before)).toEqual([erased]);
      const late: Doc = { ...before, contact: { email: 'late@example.com' }, updatedAt: T - 1 };
      await pushAsDevice(before, late);
      const after = await stored(41);
      expect(after.contact).toEqual({ email: 'late@example.com' });
      expect(after).not.toHaveProperty('passport');
      expect(JSON.stringify(after)).not.toContain(PASSPORT.number);
    });
  });
}
