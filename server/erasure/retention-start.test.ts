import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../shared/domain/erasure';
import type { Role } from '../../shared/index';
import { buildServer, type LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import { clientId, seedClients } from '../../tests/support/server/permission-documents';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import { ChangeStore } from '../sync/change-store';
import { ErasureStore } from './erasure-store';

/**
 * The daily retention job also runs when the server starts (main.ts): a server restarted within a day would
 * otherwise never run it. Two erasures fell due while the server was down; a start without the run leaves them,
 * a start with it carries them out.
 */
for (const engine of testEngines) {
  describe(`the retention job at start-up, on ${engine.name}`, () => {
    let first: LuminaServer;
    let restarted: LuminaServer | undefined;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;
    const t0 = Date.now();
    // The restarted server's clock: 31 days on, past the 30-day grace period.
    const later = () => t0 + 31 * DAY_MS;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server: first, staff } = await organisationServer(handle.db));
      await seedClients(first, staff.coordinator, [
        [20, []],
        [21, []],
      ]);
      const store = new ErasureStore(handle.db, new ChangeStore(handle.db));
      for (const n of [20, 21])
        await store.schedule(staff.admin.staffId, { clientId: clientId(n), basis: 'decision' }, t0);
      await first.close();
    });
    afterAll(async () => {
      await restarted?.close();
      await handle?.drop();
    });

    const statuses = async () =>
      (
        await handle.db.query<{ status: string }>(
          `SELECT status FROM erasures WHERE client_id IN ($1, $2) ORDER BY client_id`,
          [clientId(20), clientId(21)],
        )
      ).map((row) => row.status);
    const start = (retentionAtStart: boolean) =>
      buildServer({ db: handle.db, allowedOrigins: [], logLevel: 'silent', clock: later, retentionAtStart });

    it('leaves due erasures to the daily run when not asked to run at start', async () => {
      restarted = await start(false);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await statuses()).toEqual(['scheduled', 'scheduled']);
      await restarted.close();
      restarted = undefined;
    });

    it('carries out what fell due while the server was down when it starts', async () => {
      restarted = await start(true);
      await expect.poll(statuses, { timeout: 10_000 }).toEqual(['executed', 'executed']);
      // The clients are the erasure's stubs now.
      const clients = await handle.db.query<{ deleted: boolean; name: string }>(
        `SELECT deleted, data->'names'->>'latin' AS name FROM sync_documents
          WHERE collection = 'clients' AND id IN ($1, $2)`,
        [clientId(20), clientId(21)],
      );
      expect(clients).toEqual([
        { deleted: true, name: '-' },
        { deleted: true, name: '-' },
      ]);
    });
  });
}
