import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/index';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import {
  clientId,
  consentId,
  ensureTestNotice,
  makerOf,
  PARTNER_US,
  pushAs,
  signedConsent,
} from '../../tests/support/server/permission-documents';
import { partnerDocument, seedPartners } from '../../tests/support/server/share-partners';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';

/**
 * A provision consent states its purpose from the catalogue (`purposeCode`, consent.ts PROVISION_PURPOSES), so that
 * a share can be compared with it: the server refuses one given without it, and an unknown code by the schema.
 */

const CLIENT = 710;

for (const engine of testEngines) {
  describe(`a provision consent's structured purpose on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      const client = makerOf('clients').make(CLIENT, [], staff.coordinator);
      expect((await pushAs(server, staff.coordinator, 'clients', [client])).statusCode).toBe(200);
      await ensureTestNotice(server);
      // The partner a provision consent names is in the directory (consent-partner.test.ts).
      await seedPartners(server, staff.manager, [await partnerDocument(staff.manager, PARTNER_US, 'US')]);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const consents = () =>
      handle.db.query<{ id: string }>("SELECT id FROM sync_documents WHERE collection = 'consents'", []);
    const provision = (n: number, extra: object) =>
      signedConsent(staff.coordinator, {
        id: consentId(0x710 + n),
        clientId: clientId(CLIENT),
        purpose: 'provision',
        partnerId: PARTNER_US,
        statedPurpose: 'Treatment planning',
        ...extra,
      });

    it('refuses a provision consent without its catalogue purpose, or with one not in it', async () => {
      const missing = await pushAs(server, staff.coordinator, 'consents', [provision(1, {})]);
      expect(missing.statusCode).toBe(403);
      expect(missing.json()).toMatchObject({ reason: 'consent-purpose-code-required' });
      const unknown = await pushAs(server, staff.coordinator, 'consents', [
        provision(2, { purposeCode: 'shopping' }),
      ]);
      expect(unknown.statusCode).toBe(400);
      expect(await consents()).toEqual([]);
    });

    it('stores one with its purpose and partner country, both signed', async () => {
      const record = provision(3, { purposeCode: 'aftercare', partnerCountry: 'US' });
      const res = await pushAs(server, staff.coordinator, 'consents', [record]);
      expect(res.json()).toEqual([]);
      // Signed over: changing the purpose breaks the signature.
      const forged = { ...provision(4, { purposeCode: 'aftercare' }), purposeCode: 'insurance-claim' };
      const refused = await pushAs(server, staff.coordinator, 'consents', [forged]);
      expect(refused.json()).toMatchObject({ reason: 'consent-signature-invalid' });
      const [row] = await handle.db.query<{ data: Record<string, unknown> }>(
        "SELECT data FROM sync_documents WHERE collection = 'consents' AND id = $1",
        [record.id],
      );
      expect(row?.data).toMatchObject({ purposeCode: 'aftercare', partnerCountry: 'US' });
    });
  });
}
