import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authPaths } from '../shared/index';
import { buildServer, UNAUTHENTICATED_RATE_LIMITS, type LuminaServer, type ServerOptions } from './app';
import { readServerConfig } from './config';
import { testEngines } from '../tests/support/server/engines';
import { clientId } from '../tests/support/server/permission-documents';
import { resetDatabase } from '../tests/support/server/staff';

const engine = testEngines[0]!;
const MAX = 3;

/** Every route a caller without a session can reach, with a request that costs the server some work. */
const UNAUTHENTICATED = [
  { method: 'POST', url: authPaths.challenge, payload: { deviceId: clientId(1) } },
  { method: 'POST', url: authPaths.session, payload: { challengeId: clientId(1), deviceId: clientId(1) } },
  { method: 'POST', url: authPaths.setup, payload: {} },
  { method: 'POST', url: authPaths.enrolments, payload: {} },
  { method: 'GET', url: authPaths.enrolment(clientId(2)) },
] as const;

// Issue 22 review: behind the reverse proxy every device shared one bucket, and setup and enrolment had no limit.
describe('rate limits of the unauthenticated routes', () => {
  let handle: Awaited<ReturnType<typeof engine.open>>;
  const servers: LuminaServer[] = [];
  const start = async (options: Partial<ServerOptions> = {}) => {
    const server = await buildServer({
      db: handle.db,
      allowedOrigins: [],
      logLevel: 'silent',
      authRateLimit: { max: MAX, windowMs: 60_000 },
      ...options,
    });
    servers.push(server);
    return server;
  };
  const send = (server: LuminaServer, route: (typeof UNAUTHENTICATED)[number], forwardedFor?: string) =>
    server.app.inject({
      method: route.method,
      url: route.url,
      ...('payload' in route ? { payload: route.payload } : {}),
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    });

  beforeAll(async () => {
    handle = await engine.open();
    await resetDatabase(handle.db);
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await handle?.drop();
  });

  it('limits every unauthenticated route, answering 429 with Retry-After', async () => {
    const server = await start();
    for (const route of UNAUTHENTICATED) {
      const statuses: number[] = [];
      for (let i = 0; i <= MAX; i++) statuses.push((await send(server, route)).statusCode);
      expect([route.url, statuses.slice(0, MAX).includes(429)]).toEqual([route.url, false]);
      const refused = await send(server, route);
      expect([route.url, refused.statusCode]).toEqual([route.url, 429]);
      expect(refused.json()).toMatchObject({ error: 'rate-limited' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('has a limit of its own for each unauthenticated route by default', () => {
    expect(Object.keys(UNAUTHENTICATED_RATE_LIMITS).sort()).toEqual(
      ['challenge', 'enrol', 'enrolmentStatus', 'session', 'setup'].sort(),
    );
    for (const limit of Object.values(UNAUTHENTICATED_RATE_LIMITS)) {
      expect(limit.max).toBeGreaterThan(0);
      expect(limit.max).toBeLessThanOrEqual(120);
    }
  });

  it('without a trusted proxy, ignores X-Forwarded-For: a caller cannot pick a fresh bucket per request', async () => {
    const server = await start();
    const statuses: number[] = [];
    for (let i = 0; i <= MAX; i++) {
      statuses.push((await send(server, UNAUTHENTICATED[0], `198.51.100.${i + 1}`)).statusCode);
    }
    expect(statuses[MAX]).toBe(429);
  });

  it('behind a trusted proxy, keys the limit on the forwarded client address', async () => {
    // Injected requests come from 127.0.0.1: the proxy.
    for (const trustProxy of [['127.0.0.1'], ['loopback'], ['10.0.0.0/8', '127.0.0.0/8']]) {
      const server = await start({ trustProxy });
      const first: number[] = [];
      for (let i = 0; i <= MAX; i++) {
        first.push((await send(server, UNAUTHENTICATED[0], '198.51.100.7')).statusCode);
      }
      expect(first[MAX]).toBe(429);
      // Another device behind the same proxy has a bucket of its own.
      const other = await send(server, UNAUTHENTICATED[0], '203.0.113.9');
      expect([trustProxy, other.statusCode]).not.toEqual([trustProxy, 429]);
      // A forged hop in front of the real one changes nothing: the proxy appends the address it saw.
      const forged = await send(server, UNAUTHENTICATED[0], '192.0.2.1, 198.51.100.7');
      expect(forged.statusCode).toBe(429);
    }
  });

  it('reads the trusted proxy from LUMINA_TRUST_PROXY, off by default', () => {
    expect(readServerConfig({}, '/').trustProxy).toBeUndefined();
    expect(readServerConfig({ LUMINA_TRUST_PROXY: 'loopback' }, '/').trustProxy).toEqual(['loopback']);
    expect(readServerConfig({ LUMINA_TRUST_PROXY: ' 10.0.0.0/8, 127.0.0.1 ,::1' }, '/').trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
    ]);
    // A hop count cannot tell the proxy from a client that reaches the server directly.
    for (const bad of ['true', '*', '1', '0', '-1', 'proxy.example', '10.0.0.0/99', '10.0.0.1/8/8']) {
      expect(() => readServerConfig({ LUMINA_TRUST_PROXY: bad }, '/')).toThrow(/LUMINA_TRUST_PROXY/);
    }
  });
});
