import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../shared/domain/erasure';
import type { Role } from '../../shared/index';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import { clientId, seedClients } from '../../tests/support/server/permission-documents';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import { ChangeStore } from '../sync/change-store';
import { ErasureStore } from './erasure-store';

const CLIENTS = [10, 11, 12, 13, 14, 15, 16];

for (const engine of testEngines) {
  describe(`the retention job on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;
    let store: ErasureStore;
    // The job's test clock: the erasures are scheduled at t0 and fall due 30 days later.
    const t0 = Date.now();

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      await seedClients(
        server,
        staff.coordinator,
        CLIENTS.map((n) => [n, []] as const),
      );
      store = new ErasureStore(handle.db, new ChangeStore(handle.db));
      for (const n of CLIENTS)
        await store.schedule(staff.admin.staffId, { clientId: clientId(n), basis: 'retention-rule' }, t0);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const clientSeqs = async () =>
      new Map(
        (
          await handle.db.query<{ id: string; seq: string }>(
            `SELECT id, seq FROM sync_documents WHERE collection = 'clients' ORDER BY id`,
          )
        ).map((row) => [row.id, Number(row.seq)]),
      );

    it('processes every due erasure exactly once across a crash halfway through a batch', async () => {
      expect((await store.run(t0 + 29 * DAY_MS)).executed).toEqual([]);
      const due = t0 + 30 * DAY_MS;
      const processed: string[] = [];
      // The job dies after the third erasure, in the middle of its second batch of two.
      await expect(
        store.run(due, {
          batchSize: 2,
          afterEach: (id) => {
            processed.push(id);
            if (processed.length === 3) throw new Error('killed');
          },
        }),
      ).rejects.toThrow('killed');
      const afterCrash = await clientSeqs();
      const executed = await handle.db.query<{ id: string }>(
        `SELECT id FROM erasures WHERE status = 'executed'`,
      );
      expect(executed.map((row) => row.id).sort()).toEqual([...processed].sort());

      const second = await store.run(due, { batchSize: 2, afterEach: (id) => processed.push(id) });
      expect(second.executed).toHaveLength(CLIENTS.length - 3);
      expect(new Set(processed).size).toBe(processed.length);
      expect(processed).toHaveLength(CLIENTS.length);
      // The clients erased before the crash were not written again.
      const afterRerun = await clientSeqs();
      const first = await handle.db.query<{ client_id: string }>(
        `SELECT client_id FROM erasures WHERE id::text IN (SELECT jsonb_array_elements_text($1::jsonb))`,
        [JSON.stringify(processed.slice(0, 3))],
      );
      for (const { client_id } of first) expect(afterRerun.get(client_id)).toBe(afterCrash.get(client_id));
      const rows = await handle.db.query<{ status: string; executed_at: string }>(
        'SELECT status, executed_at FROM erasures',
      );
      expect(rows.every((row) => row.status === 'executed' && Number(row.executed_at) === due)).toBe(true);

      // A third run finds nothing to do, and changes nothing.
      expect(await store.run(due + DAY_MS)).toEqual({ executed: [], held: 0, scheduled: 0 });
      expect(await clientSeqs()).toEqual(afterRerun);
    });
  });
}
