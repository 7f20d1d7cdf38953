import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/index';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import {
  clientId,
  consentId,
  ensureTestNotice,
  makerOf,
  pushAs,
  signedConsent,
} from '../../tests/support/server/permission-documents';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';

/**
 * The witness of a verbal consent is authenticated, not named: it is the caller, whose session and device's
 * signature the server checks. A record naming anyone else as witness (an active colleague, a revoked one, someone
 * who does not exist) is refused, nothing written.
 */

const CLIENT = 720;

for (const engine of testEngines) {
  describe(`the witness of a consent on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      const client = makerOf('clients').make(CLIENT, [], staff.coordinator);
      expect((await pushAs(server, staff.coordinator, 'clients', [client])).statusCode).toBe(200);
      await ensureTestNotice(server);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const consents = () =>
      handle.db.query<{ id: string }>("SELECT id FROM sync_documents WHERE collection = 'consents'", []);
    const verbal = (n: number, witnessStaffId: string) =>
      signedConsent(staff.coordinator, {
        id: consentId(0x720 + n),
        clientId: clientId(CLIENT),
        purpose: 'marketing',
        method: 'verbal-witnessed',
        witnessStaffId,
      });

    it('refuses a witness other than the caller, real and active or not', async () => {
      for (const [n, witness] of [
        [1, staff.manager.staffId],
        [2, '00000000-0000-4000-8000-00000000dead'],
      ] as const) {
        const res = await pushAs(server, staff.coordinator, 'consents', [verbal(n, witness)]);
        expect(res.statusCode).toBe(403);
        expect(res.json()).toMatchObject({
          reason: 'consent-witness-not-recorder',
          needs: 'write:consents:record',
        });
      }
      expect(await consents()).toEqual([]);
    });

    it('takes the caller as the witness', async () => {
      const res = await pushAs(server, staff.coordinator, 'consents', [verbal(3, staff.coordinator.staffId)]);
      expect(res.json()).toEqual([]);
      expect((await consents()).map((row) => row.id)).toEqual([consentId(0x723)]);
    });
  });
}
