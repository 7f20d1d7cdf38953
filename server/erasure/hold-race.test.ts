import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/index';
import type { LuminaServer } from '../app';
import { realPostgres } from '../../tests/support/server/engines';
import { clientId, seedClients } from '../../tests/support/server/permission-documents';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import { LegalHoldStore } from '../retention/legal-hold-store';
import { ChangeStore } from '../sync/change-store';
import { SYNC_WRITE_LOCK } from '../sync/write-lock';
import { ErasureStore } from './erasure-store';

/**
 * Issue 17: a legal hold placed while an erasure is being carried out. No interleaving may let the erasure write a
 * client under a hold: the hold is placed either before the erasure checks the holds (and stops it) or after the
 * erasure is committed. The hold is placed through a second connection while a third one holds the erasure at a
 * chosen point. PostgreSQL only: PGlite runs one transaction at a time, so nothing interleaves there (the sequential
 * cases, a hold placed before the job runs, are in erasure.test.ts and retention-rules.test.ts on both engines).
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(realPostgres)('a legal hold placed while an erasure is carried out, on postgres', () => {
  let handle: Awaited<ReturnType<NonNullable<typeof realPostgres>['open']>>;
  let server: LuminaServer;
  let staff: Record<Role, TestStaff>;
  let store: ErasureStore;
  let holds: LegalHoldStore;
  let blocker: pg.Client;

  beforeAll(async () => {
    handle = await realPostgres!.open();
    ({ server, staff } = await organisationServer(handle.db));
    await seedClients(server, staff.coordinator, [
      [50, []],
      [51, []],
      [52, []],
    ]);
    store = new ErasureStore(handle.db, new ChangeStore(handle.db));
    holds = new LegalHoldStore(await handle.openAnother());
    blocker = new pg.Client({ connectionString: handle.url });
    await blocker.connect();
  });
  afterAll(async () => {
    await blocker?.end();
    await server?.close();
    await handle?.drop();
  });

  /** Waits until some statement of the test database waits for a lock (the erasure, held by the blocker). */
  const someoneWaits = async () => {
    for (let tries = 0; tries < 200; tries += 1) {
      const [row] = await handle.db.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (Number(row!.n) > 0) return;
      await sleep(50);
    }
    throw new Error('the erasure never waited');
  };
  const schedule = (n: number, at: number) =>
    store.schedule(staff.admin.staffId, { clientId: clientId(n), basis: 'decision', graceDays: 0 }, at);
  const hold = (n: number, at: number) =>
    holds.apply(staff.admin.staffId, { clientId: clientId(n), reason: `Matter H-${n}` }, at);

  it('makes a hold placed while the erasure writes wait for its commit, not slip in after its check', async () => {
    const t0 = Date.now();
    const erasure = await schedule(50, t0);
    // The blocker holds the client's row: the erasure, once past its check of the holds, waits to write it.
    await blocker.query('BEGIN');
    await blocker.query(`SELECT 1 FROM sync_documents WHERE collection = 'clients' AND id = $1 FOR UPDATE`, [
      clientId(50),
    ]);
    const run = store.run(t0 + 1);
    await someoneWaits();
    let settled = false;
    const placed = hold(50, t0 + 2).finally(() => (settled = true));
    // Long enough for a hold that nothing holds back to be stored.
    await sleep(500);
    const settledWhileErasing = settled;
    await blocker.query('COMMIT');
    const result = await run;
    await placed;
    expect(settledWhileErasing).toBe(false);
    // The erasure had passed its check before the hold: it went through, and the hold stands after it.
    expect(result.executed).toEqual([erasure.id]);
    expect(await holds.isHeld(clientId(50))).toBe(true);
  });

  it('refuses to schedule an erasure while a hold on its client is being placed (client-held), not after', async () => {
    const t0 = Date.now();
    // The blocker stands for a hold being placed: it holds the sync write lock, as LegalHoldStore.apply does, and
    // has written its hold, not yet committed.
    await blocker.query('BEGIN');
    await blocker.query('SELECT pg_advisory_xact_lock($1)', [SYNC_WRITE_LOCK]);
    await blocker.query(
      `INSERT INTO legal_holds (id, client_id, reason, applied_by, applied_at) VALUES ($1, $2, 'Matter H-52', $3, $4)`,
      [randomUUID(), clientId(52), staff.admin.staffId, t0],
    );
    const scheduling = schedule(52, t0 + 1).then(
      () => 'scheduled',
      (error: { statusCode?: number; message?: string }) => `${error.statusCode} ${error.message}`,
    );
    try {
      await someoneWaits();
    } finally {
      await blocker.query('COMMIT');
    }
    expect(await scheduling).toMatch(/409.*client-held/);
    const rows = await handle.db.query('SELECT id FROM erasures WHERE client_id = $1', [clientId(52)]);
    expect(rows).toEqual([]);
  });

  it('stops an erasure that the job is about to take when the hold is placed first', async () => {
    const t0 = Date.now();
    const erasure = await schedule(51, t0);
    // The blocker holds the erasure's row: the job waits to take it, the hold is placed meanwhile.
    await blocker.query('BEGIN');
    await blocker.query('SELECT 1 FROM erasures WHERE id = $1 FOR UPDATE', [erasure.id]);
    const run = store.run(t0 + 1);
    await someoneWaits();
    await hold(51, t0 + 2);
    await blocker.query('COMMIT');
    const result = await run;
    expect(result.executed).toEqual([]);
    expect(result.held).toBe(1);
    const [row] = await handle.db.query<{ status: string; deleted: boolean }>(
      `SELECT e.status, d.deleted FROM erasures e JOIN sync_documents d ON d.collection = 'clients' AND d.id = e.client_id::text
        WHERE e.id = $1`,
      [erasure.id],
    );
    expect(row).toEqual({ status: 'scheduled', deleted: false });
  });
});
