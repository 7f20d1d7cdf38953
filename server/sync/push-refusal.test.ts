import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/index';
import {
  clientId,
  consentId,
  grantWrap,
  makerOf,
  pushAs,
  seedClients,
  signedConsent,
} from '../../tests/support/server/permission-documents';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';

/**
 * A push the server refuses for good names the document it is about (issue 23, bug 1), so the device parks that
 * change and pushes the rest again; the refused push itself still changes nothing.
 */
for (const engine of testEngines) {
  describe(`a refused push on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      await seedClients(server, staff.coordinator, [[500, [staff.coordinator.staffId]]]);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const pulledIds = async (as: TestStaff, collection: 'keyWraps' | 'clients') => {
      const res = await server.app.inject({
        method: 'GET',
        url: `/sync/${collection}/pull`,
        headers: as.headers,
      });
      return (res.json() as { documents: { id: string }[] }).documents.map((doc) => doc.id);
    };

    it('names the refused document, and writes none of the push', async () => {
      const { coordinator, manager } = staff;
      const mine = [coordinator.staffId];
      const good = grantWrap(500, coordinator.deviceId, coordinator.deviceId, mine);
      const bad = grantWrap(500, manager.deviceId, manager.deviceId, mine);
      const res = await pushAs(server, coordinator, 'keyWraps', [good, bad]);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ needs: 'write:keyWraps:granter', documentId: bad.id });
      expect(await pulledIds(coordinator, 'keyWraps')).not.toContain(good.id);
      // Pushed again without the refused document, the rest goes through.
      expect((await pushAs(server, coordinator, 'keyWraps', [good])).statusCode).toBe(200);
      expect(await pulledIds(coordinator, 'keyWraps')).toContain(good.id);
    });

    it('refuses the second of two withdrawals recorded offline on two devices, naming it, so that device parks it', async () => {
      // Issue 14's concurrent offline case: both devices withdraw the same consent; the ledger takes the first.
      const { coordinator } = staff;
      const record = (by: TestStaff, n: number, extra: object = {}) =>
        signedConsent(by, {
          id: consentId(0x900 + n),
          clientId: clientId(500),
          assignedStaffIds: [coordinator.staffId],
          purpose: 'marketing',
          ...extra,
        });
      const given = record(coordinator, 1);
      expect((await pushAs(server, coordinator, 'consents', [given])).statusCode).toBe(200);
      const withdrawal = (by: TestStaff, n: number) =>
        record(by, n, { action: 'withdrawn', refersTo: given.id, requestedBy: 'client' });
      const first = withdrawal(coordinator, 2);
      const second = withdrawal(staff.manager, 3);
      expect((await pushAs(server, coordinator, 'consents', [first])).statusCode).toBe(200);
      const res = await pushAs(server, staff.manager, 'consents', [second]);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ reason: 'consent-already-withdrawn', documentId: second.id });
    });

    it("refuses a read-only role's rename for the whole collection, naming no document", async () => {
      const { admin } = staff;
      const renamed = {
        ...makerOf('clients').make(500, [staff.coordinator.staffId], admin),
        names: { latin: 'X' },
      };
      const res = await pushAs(server, admin, 'clients', [renamed]);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({ error: 'forbidden', reason: 'forbidden', needs: 'write:clients' });
    });
  });
}
