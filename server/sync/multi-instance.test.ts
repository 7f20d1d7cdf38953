import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../shared/index';
import { buildServer, type LuminaServer } from '../app';
import { realPostgres } from '../../tests/support/server/engines';
import { readServerEvents } from '../../tests/support/server/sse';
import { addStaff, setUpOrganisation, type TestStaff } from '../../tests/support/server/staff';

describe.runIf(realPostgres)('two server instances over one PostgreSQL', () => {
  let handle: Awaited<ReturnType<NonNullable<typeof realPostgres>['open']>>;
  let a: LuminaServer;
  let b: LuminaServer;
  let urlB: string;
  let coordinator: TestStaff;

  beforeAll(async () => {
    handle = await realPostgres!.open();
    a = await buildServer({ db: handle.db, allowedOrigins: [], logLevel: 'silent' });
    // Each instance that starts on an empty organisation issues a setup code; the latest one is valid.
    let setupCode = '';
    b = await buildServer({
      db: await handle.openAnother(),
      allowedOrigins: [],
      logLevel: 'silent',
      onSetupCode: (code) => (setupCode = code),
    });
    urlB = await b.app.listen({ host: '127.0.0.1', port: 0 });
    // Set up through A with B's code, and work through both: sessions live in the shared database.
    coordinator = await addStaff(a.app, await setUpOrganisation(a.app, setupCode), 'coordinator');
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await handle?.drop();
  });

  it('a change pushed through instance A reaches a device streaming from instance B', async () => {
    const stream = readServerEvents(`${urlB}/sync/stream?access_token=${coordinator.token}`, (events) =>
      events.some((e) => e.event === 'change'),
    );
    await stream.ready;
    const doc = {
      id: '00000000-0000-4000-8000-00000000beef',
      names: { latin: 'Cross Instance' },
      status: 'prospect',
      assignedStaffIds: [],
      createdAt: 1,
      updatedAt: 1,
      _deleted: false,
    };
    const res = await a.app.inject({
      method: 'POST',
      url: '/sync/clients/push',
      payload: [{ newDocumentState: doc }],
      headers: coordinator.headers,
    });
    expect(res.json()).toEqual([]);
    const events = (await stream.done)
      .filter((e) => e.event === 'change')
      .map((e) => JSON.parse(e.data) as StreamEvent);
    expect(events).toHaveLength(1);
    expect(events[0]!.collection).toBe('clients');
    const pulled = await b.app.inject({
      method: 'GET',
      url: `/sync/clients/pull?after=${events[0]!.seq - 1}`,
      headers: coordinator.headers,
    });
    expect(pulled.json<{ documents: unknown[] }>().documents).toEqual([doc]);
  });
});
