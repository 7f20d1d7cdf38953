import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../shared/index';
import { buildServer, type LuminaServer } from '../app';
import { addStaff, setUpOrganisation, type TestStaff } from '../../tests/support/server/staff';
import { realPostgres } from '../../tests/support/server/engines';
import { readServerEvents } from '../../tests/support/server/sse';

const LISTENER_PIDS = `SELECT pid FROM pg_stat_activity
  WHERE datname = current_database() AND query ILIKE 'LISTEN%' AND pid <> pg_backend_pid()`;

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.runIf(realPostgres)('the change feed over a real PostgreSQL', () => {
  let handle: Awaited<ReturnType<NonNullable<typeof realPostgres>['open']>>;
  let server: LuminaServer;
  let url: string;
  let coordinator: TestStaff;

  beforeAll(async () => {
    handle = await realPostgres!.open();
    let setupCode = '';
    server = await buildServer({
      db: handle.db,
      allowedOrigins: [],
      logLevel: 'silent',
      onSetupCode: (code) => (setupCode = code),
    });
    url = await server.app.listen({ host: '127.0.0.1', port: 0 });
    coordinator = await addStaff(server.app, await setUpOrganisation(server.app, setupCode), 'coordinator');
  });
  afterAll(async () => {
    await server?.close();
    await handle?.drop();
  });

  it('re-establishes LISTEN after its connection is killed, tells devices to resync, and announces later changes', async () => {
    const [listener] = await until(async () => {
      const rows = await handle.db.query<{ pid: number }>(LISTENER_PIDS);
      return rows.length > 0 ? rows : undefined;
    }, 'the LISTEN connection');

    const stream = readServerEvents(`${url}/sync/stream?access_token=${coordinator.token}`, (events) =>
      events.some((e) => e.event === 'change'),
    );
    await stream.ready;

    // What a database restart or failover does to the one connection the feed depends on.
    await handle.db.query('SELECT pg_terminate_backend($1)', [listener!.pid]);
    await until(
      async () => (stream.events.some((e) => e.event === 'resync') ? true : undefined),
      'a resync event',
    );
    const [relistener] = await handle.db.query<{ pid: number }>(LISTENER_PIDS);
    expect(relistener?.pid).toBeDefined();
    expect(relistener!.pid).not.toBe(listener!.pid);

    const doc = {
      id: '00000000-0000-4000-8000-00000000cafe',
      names: { latin: 'After Restart' },
      status: 'prospect',
      assignedStaffIds: [],
      createdAt: 1,
      updatedAt: 1,
      _deleted: false,
    };
    const res = await server.app.inject({
      method: 'POST',
      url: '/sync/clients/push',
      payload: [{ newDocumentState: doc }],
      headers: coordinator.headers,
    });
    expect(res.json()).toEqual([]);

    const events = await stream.done;
    expect(events.map((e) => e.event)).toEqual(['resync', 'change']);
    const change = JSON.parse(events[1]!.data) as StreamEvent;
    expect(change.collection).toBe('clients');
  });
});
