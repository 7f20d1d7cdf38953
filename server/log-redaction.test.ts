import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../shared/index';
import type { LuminaServer } from './app';
import { testEngines } from '../tests/support/server/engines';
import { clientId, makerOf, pushAs } from '../tests/support/server/permission-documents';
import { organisationServer, type TestStaff } from '../tests/support/server/staff';

// Issue 22, finding 6: "route not found" logged whole URLs, ?access_token= values and client ids among them.
describe('the server log', () => {
  const engine = testEngines[0]!;
  let server: LuminaServer;
  let handle: Awaited<ReturnType<typeof engine.open>>;
  let staff: Record<Role, TestStaff>;
  let log = '';
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      log += chunk.toString();
      done();
    },
  });

  beforeAll(async () => {
    handle = await engine.open();
    ({ server, staff } = await organisationServer(handle.db, { logLevel: 'debug', logStream }));
  });
  afterAll(async () => {
    await server?.close();
    await handle?.drop();
  });

  it('holds no token, id or personal value after a batch of good, bad and hostile requests', async () => {
    const { coordinator, concierge, admin } = staff;
    const secretName = 'Zelda Quartermaine-Ishikawa';
    const id = clientId(77);
    const doc = {
      ...(makerOf('clients').make(77, [concierge.staffId], coordinator) as object),
      names: { latin: secretName },
    };
    const inject = server.app.inject.bind(server.app);
    const requests = [
      pushAs(server, coordinator, 'clients', [doc]),
      pushAs(server, coordinator, 'clients', [{ ...doc, names: { latin: `${secretName}\u0000` } }]),
      pushAs(server, coordinator, 'clients', [{ ...doc, unknown: secretName }]),
      inject({ url: `/sync/clients/pull?access_token=${concierge.token}` }),
      inject({ url: `/no/such/route?access_token=${concierge.token}&client=${id}` }),
      inject({ url: `/clients/${id}?name=${encodeURIComponent(secretName)}` }),
      inject({ url: `/export/clients/${id}`, headers: admin.headers }),
      inject({ url: `/export/clients/${id}?access_token=${admin.token}` }),
      inject({ url: `/export/clients/${id}x`, headers: admin.headers }),
      inject({
        method: 'POST',
        url: `/staff/${concierge.staffId}/role`,
        headers: admin.headers,
        payload: { role: 'x' },
      }),
      inject({
        method: 'POST',
        url: '/sync/clients/push',
        headers: { ...coordinator.headers, 'content-type': 'application/json' },
        payload: `[{"newDocumentState": {"names": {"latin": "${secretName}"`,
      }),
      inject({
        method: 'POST',
        url: '/sync/clients/push',
        headers: { ...coordinator.headers, 'content-type': `text/${secretName.replace(/ /g, '-')}` },
        payload: secretName,
      }),
      inject({ url: '/health', headers: { authorization: `Bearer ${concierge.token}` } }),
      inject({ url: `/sync/stream?access_token=${'x'.repeat(43)}` }),
      inject({ method: 'DELETE', url: `/sync/clients/push?access_token=${coordinator.token}` }),
    ];
    const answers = await Promise.all(requests);
    expect(answers.map((res) => res.statusCode).filter((status) => status >= 500)).toEqual([]);
    expect(log.length).toBeGreaterThan(0);
    const secrets = [
      ...Object.values(staff).flatMap((member) => [member.token, member.staffId, member.deviceId]),
      id,
      secretName,
      'Zelda',
    ];
    expect(secrets.filter((secret) => log.includes(secret))).toEqual([]);
  });
});
