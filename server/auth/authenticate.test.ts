import { describe, expect, it } from 'vitest';
import { authPaths } from '../../shared/index';
import { identityServer, TEST_CLIENT as CLIENT } from '../../tests/support/server/identity-server';
import { testEngines } from '../../tests/support/server/engines';
import { addStaff, setUpOrganisation } from '../../tests/support/server/staff';

for (const engine of testEngines) {
  describe(`identity and devices on ${engine.name}`, () => {
    const t = identityServer(engine);
    const { inject } = t;

    it('answers 401 to unauthenticated requests and 403 to forbidden ones, changing nothing', async () => {
      const admin = await setUpOrganisation(t.server.app, t.setupCode!);
      const concierge = await addStaff(t.server.app, admin, 'concierge');
      const snapshot = async () =>
        JSON.stringify(
          await t.handle.db.query(
            `SELECT (SELECT count(*) FROM sync_documents) AS docs, (SELECT count(*) FROM staff) AS staff,
                    (SELECT count(*) FROM invitations) AS invitations, (SELECT string_agg(status, ',' ORDER BY id) FROM devices) AS devices`,
          ),
        );
      const before = await snapshot();
      const attempts: Array<[string, 'GET' | 'POST', string, unknown]> = [
        ['pull', 'GET', '/sync/clients/pull', undefined],
        ['push', 'POST', '/sync/clients/push', [{ newDocumentState: CLIENT }]],
        ['stream', 'GET', '/sync/stream', undefined],
        ['staff list', 'GET', authPaths.staff, undefined],
        ['invite', 'POST', authPaths.invitations, { displayName: 'X', role: 'admin' }],
        ['revoke device', 'POST', authPaths.deviceRevoke(admin.deviceId), {}],
        ['revoke staff', 'POST', authPaths.staffRevoke(admin.staffId), {}],
        ['role', 'POST', authPaths.staffRole(concierge.staffId), { role: 'admin' }],
      ];
      for (const [what, method, url, payload] of attempts) {
        const none = await inject(method, url, undefined, payload);
        expect([what, none.statusCode, none.json().reason]).toEqual([what, 401, 'missing-token']);
        const garbage = await t.server.app.inject({
          method,
          url,
          headers: { authorization: 'Bearer nonsense' },
          ...(payload ? { payload: payload as object } : {}),
        });
        expect([what, garbage.statusCode]).toEqual([what, 401]);
      }
      for (const [what, method, url, payload] of attempts.slice(4)) {
        const res = await inject(method, url, concierge, payload);
        expect([what, res.statusCode, res.json().reason]).toEqual([what, 403, 'forbidden']);
      }
      expect(await snapshot()).toBe(before);
    });

    it("ends a revoked device's event stream at the next heartbeat", async () => {
      await t.server.close();
      await t.start({ streamHeartbeatMs: 100 });
      const url = await t.server.app.listen({ host: '127.0.0.1', port: 0 });
      const admin = await setUpOrganisation(t.server.app, t.setupCode!);
      const concierge = await addStaff(t.server.app, admin, 'concierge');
      const ended = async (token: string) => {
        const res = await fetch(`${url}/sync/stream?access_token=${token}`);
        const reader = res.body!.getReader();
        let heartbeats = 0;
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return heartbeats;
          heartbeats += new TextDecoder().decode(value).split(': heartbeat').length - 1;
          if (heartbeats === 2) await inject('POST', authPaths.deviceRevoke(concierge.deviceId), admin, {});
        }
      };
      const guard = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('the stream was still open 10 s after the revocation')), 10_000),
      );
      // It lived while the device was valid (heartbeats arrived), and ended once it was revoked.
      expect(await Promise.race([ended(concierge.token), guard])).toBeGreaterThanOrEqual(2);
      const again = await fetch(`${url}/sync/stream?access_token=${concierge.token}`);
      expect(again.status).toBe(401);
      expect(((await again.json()) as { reason: string }).reason).toBe('device-revoked');
    });
  });
}
