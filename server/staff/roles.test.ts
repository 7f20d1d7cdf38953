import { describe, expect, it } from 'vitest';
import { authPaths } from '../../shared/index';
import { identityServer } from '../../tests/support/server/identity-server';
import { testEngines } from '../../tests/support/server/engines';
import { addStaff, setUpOrganisation } from '../../tests/support/server/staff';

for (const engine of testEngines) {
  describe(`identity and devices on ${engine.name}`, () => {
    const t = identityServer(engine);
    const { inject } = t;

    it('keeps the admin role out of managers’ reach, and nobody changes their own role', async () => {
      const admin = await setUpOrganisation(t.server.app, t.setupCode!);
      const manager = await addStaff(t.server.app, admin, 'manager');
      const concierge = await addStaff(t.server.app, manager, 'concierge');
      const before = JSON.stringify(await inject('GET', authPaths.staff, admin).then((r) => r.json()));
      const attempts: Array<[string, string, unknown]> = [
        ['promote self', authPaths.staffRole(manager.staffId), { role: 'admin' }],
        ['promote another', authPaths.staffRole(concierge.staffId), { role: 'admin' }],
        ['demote the admin', authPaths.staffRole(admin.staffId), { role: 'concierge' }],
        ['revoke the admin', authPaths.staffRevoke(admin.staffId), {}],
        ["revoke the admin's device", authPaths.deviceRevoke(admin.deviceId), {}],
        ['invite an admin', authPaths.invitations, { displayName: 'Another admin', role: 'admin' }],
      ];
      for (const [what, url, payload] of attempts) {
        const res = await inject('POST', url, manager, payload);
        expect([what, res.statusCode]).toEqual([what, 403]);
      }
      const own = await inject('POST', authPaths.staffRole(admin.staffId), admin, { role: 'manager' });
      expect([own.statusCode, own.json().reason]).toEqual([403, 'own-role']);
      expect(JSON.stringify(await inject('GET', authPaths.staff, admin).then((r) => r.json()))).toBe(before);
      // A manager still manages everyone else.
      const ok = await inject('POST', authPaths.staffRole(concierge.staffId), manager, {
        role: 'coordinator',
      });
      expect(ok.statusCode).toBe(200);
    });

    it('applies a role change to the next request', async () => {
      const admin = await setUpOrganisation(t.server.app, t.setupCode!);
      const concierge = await addStaff(t.server.app, admin, 'concierge');
      expect((await inject('GET', authPaths.enrolments, concierge)).statusCode).toBe(403);
      await inject('POST', authPaths.staffRole(concierge.staffId), admin, { role: 'manager' });
      expect((await inject('GET', authPaths.enrolments, concierge)).statusCode).toBe(200);
    });
  });
}
