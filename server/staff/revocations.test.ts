import { describe, expect, it } from 'vitest';
import { authPaths } from '../../shared/index';
import { identityServer, TEST_CLIENT as CLIENT } from '../../tests/support/server/identity-server';
import { testEngines } from '../../tests/support/server/engines';
import { addStaff, setUpOrganisation } from '../../tests/support/server/staff';

for (const engine of testEngines) {
  describe(`identity and devices on ${engine.name}`, () => {
    const t = identityServer(engine);
    const { inject, events } = t;

    it('refuses a revoked device at once, and every device of a revoked staff member', async () => {
      const admin = await setUpOrganisation(t.server.app, t.setupCode!);
      const manager = await addStaff(t.server.app, admin, 'manager');
      const concierge = await addStaff(t.server.app, manager, 'concierge');
      const revoked = await inject('POST', authPaths.deviceRevoke(concierge.deviceId), manager, {});
      expect(revoked.json()).toMatchObject({ status: 'revoked' });
      const pull = await inject('GET', '/sync/clients/pull', concierge);
      expect([pull.statusCode, pull.json().reason]).toEqual([401, 'device-revoked']);
      const push = await inject('POST', '/sync/clients/push', concierge, [
        { newDocumentState: { ...CLIENT, assignedStaffIds: [concierge.staffId] } },
      ]);
      expect(push.statusCode).toBe(401);
      expect(await t.handle.db.query('SELECT id FROM sync_documents')).toEqual([]);
      const challenge = await inject('POST', authPaths.challenge, undefined, {
        deviceId: concierge.deviceId,
      });
      expect([challenge.statusCode, challenge.json().reason]).toEqual([401, 'device-revoked']);

      const other = await addStaff(t.server.app, manager, 'coordinator');
      await inject('POST', authPaths.staffRevoke(other.staffId), manager, {});
      const after = await inject('GET', authPaths.me, other);
      expect([after.statusCode, after.json().reason]).toEqual([401, 'staff-revoked']);
      // The organisation keeps an admin.
      const last = await inject('POST', authPaths.staffRevoke(admin.staffId), admin, {});
      expect([last.statusCode, last.json().reason]).toEqual([409, 'last-admin']);
      expect(await events()).toEqual(expect.arrayContaining(['device-revoked', 'staff-revoked']));
    });
  });
}
