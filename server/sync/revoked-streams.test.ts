import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authPaths } from '../../shared/index';
import { buildServer, type LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import { addStaff, resetDatabase, setUpOrganisation, type TestStaff } from '../../tests/support/server/staff';

/** Opens an event stream; `ended` resolves true when the server ends it, false if it is still open after 5 s. */
async function openStream(url: string, token: string) {
  const controller = new AbortController();
  const res = await fetch(`${url}/sync/stream?access_token=${token}`, { signal: controller.signal });
  const reader = res.body!.getReader();
  await reader.read();
  const ended = async () => {
    const timer = setTimeout(() => controller.abort(), 5000);
    try {
      for (;;) if ((await reader.read()).done) return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  };
  return { status: res.status, ended };
}

// Issue 22 review: a revocation ended the streams of the instance that handled it only; the others' went on
// hearing announcements until their next heartbeat (25 s).
for (const engine of testEngines) {
  describe(`a revocation on one instance ends the streams on another, on ${engine.name}`, () => {
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let a: LuminaServer;
    let b: LuminaServer;
    let urlB: string;
    let manager: TestStaff;

    beforeAll(async () => {
      handle = await engine.open();
      await resetDatabase(handle.db);
      // Heartbeats far apart: only the revocation itself can end a stream within the test's wait.
      const options = { allowedOrigins: [], logLevel: 'silent', streamHeartbeatMs: 600_000 } as const;
      let setupCode = '';
      // Each instance that starts on an empty organisation issues a setup code; the latest one is valid.
      const onSetupCode = (code: string) => (setupCode = code);
      a = await buildServer({ ...options, db: handle.db, onSetupCode });
      b = await buildServer({ ...options, db: await handle.openAnother(), onSetupCode });
      urlB = await b.app.listen({ host: '127.0.0.1', port: 0 });
      manager = await addStaff(a.app, await setUpOrganisation(a.app, setupCode), 'manager');
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
      await handle?.drop();
    });

    for (const what of ['device', 'staff member'] as const) {
      it(`ends the ${what}'s stream on instance B at once when A revokes it`, async () => {
        const concierge = await addStaff(a.app, manager, 'concierge');
        const bystander = await addStaff(a.app, manager, 'concierge');
        const revokedStream = await openStream(urlB, concierge.token);
        const bystanderStream = await openStream(urlB, bystander.token);
        expect([revokedStream.status, bystanderStream.status]).toEqual([200, 200]);
        const revoke = await a.app.inject({
          method: 'POST',
          url:
            what === 'device'
              ? authPaths.deviceRevoke(concierge.deviceId)
              : authPaths.staffRevoke(concierge.staffId),
          headers: manager.headers,
          payload: {},
        });
        expect(revoke.statusCode).toBe(200);
        const started = performance.now();
        expect(await revokedStream.ended()).toBe(true);
        expect(performance.now() - started).toBeLessThan(3000);
        // Only the revoked one's: a colleague's stream on the same instance goes on.
        expect(await Promise.race([bystanderStream.ended(), sleep(500).then(() => 'open')])).toBe('open');
      });
    }
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
