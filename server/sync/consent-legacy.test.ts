import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/index';
import { migrateConsentV0 } from '../../shared/domain/consent';
import { writeDocuments } from './documents';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import {
  clientId,
  consentId,
  ensureTestNotice,
  makerOf,
  medicalId,
  pushAs,
  RECORDED_AT,
  signedConsent,
} from '../../tests/support/server/permission-documents';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';

/**
 * A consent migrated from version 0 (`legacy`, unsigned: nothing proves who recorded it) is "migrated, unverified":
 * the server counts it for no gate until staff confirm it with a signed correction. A medical section written under
 * it is refused (403 `medical-consent-unverified`, nothing written); once corrected, the same write passes.
 */

const CLIENT = 700;

for (const engine of testEngines) {
  describe(`legacy consents on ${engine.name}`, () => {
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

    const sections = () =>
      handle.db.query<{ id: string }>("SELECT id FROM sync_documents WHERE collection = 'medical'", []);

    it('writes no medical data under a migrated consent until a signed correction confirms it', async () => {
      const legacy = migrateConsentV0({
        id: consentId(0x700),
        clientId: clientId(CLIENT),
        purpose: 'medical-data',
        policyVersion: '2025-01',
        method: 'written',
        givenAt: RECORDED_AT - 60_000,
        witnessStaffId: staff.coordinator.staffId,
        assignedStaffIds: [],
        createdAt: RECORDED_AT - 60_000,
        updatedAt: RECORDED_AT - 60_000,
      });
      await writeDocuments(handle.db, 'consents', [
        { id: legacy.id, deleted: false, data: legacy as never, former_assignees: [] },
      ]);
      const section = { ...makerOf('medical').make(CLIENT, [], staff.coordinator), consentId: legacy.id };
      const refused = await pushAs(server, staff.coordinator, 'medical', [section]);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({
        reason: 'medical-consent-unverified',
        needs: 'write:medical:consent',
      });
      expect(await sections()).toEqual([]);

      // Staff confirm it: a correction, signed and citing a notice held, heads the chain.
      const confirmed = signedConsent(staff.coordinator, {
        id: consentId(0x701),
        clientId: clientId(CLIENT),
        action: 'corrected',
        refersTo: legacy.id,
      });
      const correction = await pushAs(server, staff.coordinator, 'consents', [confirmed]);
      expect(correction.json()).toEqual([]);
      const ok = await pushAs(server, staff.coordinator, 'medical', [section]);
      expect(ok.statusCode, ok.body).toBe(200);
      expect((await sections()).map((row) => row.id)).toEqual([medicalId(CLIENT)]);
    });
  });
}
