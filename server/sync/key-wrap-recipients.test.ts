import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/index';
import { grantWrap, pushAs, seedClients } from '../../tests/support/server/permission-documents';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import {
  addOwnDevice,
  addStaff,
  organisationServer,
  revokeDeviceAs,
  type TestStaff,
} from '../../tests/support/server/staff';

/**
 * Issue 19, items 2 and 3, on the server: a wrap goes to the recovery key or to an approved device of an active
 * staff member, whoever pushes it; a concierge's device wraps what the key policy and the top-up make (the policy's
 * roles, their own devices, a person who holds the key on another device) and nothing else.
 */
for (const engine of testEngines) {
  describe(`key wrap recipients, enforced by the server on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;
    let conciergeLaptop: TestStaff;
    let conciergeRevoked: TestStaff;
    let managerRevoked: TestStaff;
    let otherConcierge: TestStaff;
    let otherConciergeTablet: TestStaff;
    const UNKNOWN = '00000000-0000-4000-a000-0000000000ff';

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      const { coordinator, concierge, manager, admin } = staff;
      otherConcierge = await addStaff(server.app, admin, 'concierge', 'Second concierge');
      conciergeLaptop = await addOwnDevice(server.app, concierge, manager);
      conciergeRevoked = await addOwnDevice(server.app, concierge, manager, 'Lost laptop');
      managerRevoked = await addOwnDevice(server.app, manager, admin, 'Lost tablet');
      otherConciergeTablet = await addOwnDevice(server.app, otherConcierge, manager, 'Tablet');
      await revokeDeviceAs(server.app, admin, conciergeRevoked.deviceId);
      await revokeDeviceAs(server.app, admin, managerRevoked.deviceId);
      const both = [concierge.staffId, otherConcierge.staffId];
      await seedClients(server, coordinator, [
        [600, [coordinator.staffId]],
        [610, [concierge.staffId]],
        [620, both],
        [630, both],
      ]);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    it('refuses a wrap to a revoked, unknown or other staff member’s revoked device, even from a granter', async () => {
      const { manager, coordinator } = staff;
      const mine = [coordinator.staffId];
      expect(
        (
          await pushAs(server, manager, 'keyWraps', [
            grantWrap(600, manager.deviceId, manager.deviceId, mine),
          ])
        ).statusCode,
      ).toBe(200);
      for (const recipient of [managerRevoked.deviceId, conciergeRevoked.deviceId, UNKNOWN]) {
        const res = await pushAs(server, manager, 'keyWraps', [
          grantWrap(600, recipient, manager.deviceId, mine),
        ]);
        expect(res.statusCode).toBe(403);
        expect(res.json()).toMatchObject({ reason: 'wrap-recipient-not-approved' });
      }
      // The recovery key and an approved device are still taken.
      for (const recipient of ['org-recovery', coordinator.deviceId]) {
        const res = await pushAs(server, manager, 'keyWraps', [
          grantWrap(600, recipient, manager.deviceId, mine),
        ]);
        expect(res.statusCode).toBe(200);
      }
      const stored = await handle.db.query<{ id: string }>(
        "SELECT id FROM sync_documents WHERE collection = 'keyWraps' AND data->>'recipientId' = ANY($1)",
        [[managerRevoked.deviceId, conciergeRevoked.deviceId, UNKNOWN]],
      );
      expect(stored).toEqual([]);
    });

    it('takes a concierge’s first key to the key policy’s devices and their own, never to a revoked device', async () => {
      const { concierge, coordinator, manager, admin } = staff;
      const mine = [concierge.staffId];
      const push = (recipient: string) =>
        pushAs(server, concierge, 'keyWraps', [grantWrap(610, recipient, concierge.deviceId, mine)]);
      for (const recipient of [
        concierge.deviceId,
        'org-recovery',
        coordinator.deviceId,
        manager.deviceId,
        conciergeLaptop.deviceId,
      ]) {
        expect((await push(recipient)).statusCode, recipient).toBe(200);
      }
      const revoked = await push(conciergeRevoked.deviceId);
      expect(revoked.json()).toMatchObject({ reason: 'wrap-recipient-not-approved' });
      const revokedManager = await push(managerRevoked.deviceId);
      expect(revokedManager.json()).toMatchObject({ reason: 'wrap-recipient-not-approved' });
      // The admin is not in the policy; another concierge holds nothing: both would be grants.
      for (const recipient of [admin.deviceId, otherConcierge.deviceId]) {
        const res = await push(recipient);
        expect(res.statusCode).toBe(403);
        expect(res.json()).toMatchObject({ reason: 'wrap-grant-not-allowed' });
      }
    });

    it('lets a holder’s device top up a person who holds the key elsewhere, and no one else', async () => {
      const { concierge, manager } = staff;
      const both = [concierge.staffId, otherConcierge.staffId];
      // The manager grants the key of client 620 to the concierge's first device and the other concierge's first.
      for (const recipient of [manager.deviceId, concierge.deviceId, otherConcierge.deviceId]) {
        const res = await pushAs(server, manager, 'keyWraps', [
          grantWrap(620, recipient, manager.deviceId, both),
        ]);
        expect(res.statusCode).toBe(200);
      }
      // The concierge's device tops up their own laptop and the other concierge's tablet (both hold the key).
      for (const recipient of [conciergeLaptop.deviceId, otherConciergeTablet.deviceId]) {
        const res = await pushAs(server, concierge, 'keyWraps', [
          grantWrap(620, recipient, concierge.deviceId, both),
        ]);
        expect(res.statusCode, recipient).toBe(200);
      }
      // Never a revoked device, never a wrap the server holds already (a change), never the recovery key.
      const revoked = await pushAs(server, concierge, 'keyWraps', [
        grantWrap(620, conciergeRevoked.deviceId, concierge.deviceId, both),
      ]);
      expect(revoked.json()).toMatchObject({ reason: 'wrap-recipient-not-approved' });
      // A second device that topped up the same device at once: a conflict, answered with the server's wrap.
      const mine = grantWrap(620, otherConciergeTablet.deviceId, conciergeLaptop.deviceId, both);
      const late = await pushAs(server, conciergeLaptop, 'keyWraps', [mine]);
      expect(late.statusCode).toBe(200);
      expect(late.json()).toMatchObject([{ id: mine.id, granterId: concierge.deviceId }]);
      // Replacing the wrap the server holds (its state assumed) is a change: refused.
      const [held] = late.json<Record<string, unknown>[]>();
      const changed = await server.app.inject({
        method: 'POST',
        url: '/sync/keyWraps/push',
        headers: conciergeLaptop.headers,
        payload: [{ newDocumentState: mine, assumedMasterState: held }],
      });
      expect(changed.statusCode).toBe(403);
      expect(changed.json()).toMatchObject({ reason: 'wrap-grant-not-allowed' });
      const recovery = await pushAs(server, concierge, 'keyWraps', [
        grantWrap(620, 'org-recovery', concierge.deviceId, both),
      ]);
      expect(recovery.json()).toMatchObject({ reason: 'wrap-grant-not-allowed' });
    });

    it('refuses a top-up from a concierge’s device that holds no wrap of the key', async () => {
      const { concierge, manager } = staff;
      const both = [concierge.staffId, otherConcierge.staffId];
      for (const recipient of [manager.deviceId, otherConcierge.deviceId]) {
        const res = await pushAs(server, manager, 'keyWraps', [
          grantWrap(630, recipient, manager.deviceId, both),
        ]);
        expect(res.statusCode).toBe(200);
      }
      // The concierge holds nothing of client 630: wrapping its key for anyone (themselves included) is a grant.
      // (Not the manager's device, whose wrap the server holds: that push is a conflict and writes nothing.)
      for (const recipient of [
        concierge.deviceId,
        otherConciergeTablet.deviceId,
        staff.coordinator.deviceId,
      ]) {
        const res = await pushAs(server, concierge, 'keyWraps', [
          grantWrap(630, recipient, concierge.deviceId, both),
        ]);
        expect(res.statusCode, recipient).toBe(403);
        expect(res.json()).toMatchObject({ reason: 'wrap-grant-not-allowed' });
      }
    });
  });
}
