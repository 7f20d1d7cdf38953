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
import { partnerDocument, seedPartners } from '../../tests/support/server/share-partners';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';

/**
 * Issue 14: a provision consent names a partner of the organisation's directory (the `partners` documents the server
 * holds), with the directory's country; a consent given to a suspended partner is refused; a withdrawal is never
 * refused for its partner. A refused push writes nothing.
 */

const CLIENT = 730;
const VETTED = '00000000-0000-4000-8aaa-000000000731';
const SUSPENDED = '00000000-0000-4000-8aaa-000000000732';
const UNKNOWN = '00000000-0000-4000-8aaa-0000000007ff';

for (const engine of testEngines) {
  describe(`the partner a provision consent names, on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      const client = makerOf('clients').make(CLIENT, [], staff.coordinator);
      expect((await pushAs(server, staff.coordinator, 'clients', [client])).statusCode).toBe(200);
      await ensureTestNotice(server);
      const m = staff.manager;
      await seedPartners(server, m, [
        await partnerDocument(m, VETTED, 'SG'),
        await partnerDocument(m, SUSPENDED, 'JP', { vetting: { status: 'pending' } }),
      ]);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const ledger = async () =>
      (
        await handle.db.query<{ id: string }>(
          "SELECT id FROM sync_documents WHERE collection = 'consents' ORDER BY id",
          [],
        )
      ).map((row) => row.id);
    const provision = (n: number, extra: object) =>
      signedConsent(staff.coordinator, {
        id: consentId(0x730 + n),
        clientId: clientId(CLIENT),
        purpose: 'provision',
        partnerId: VETTED,
        statedPurpose: 'Treatment planning',
        purposeCode: 'treatment-arrangement',
        ...extra,
      });
    const refusal = async (docs: object[]) => {
      const res = await pushAs(server, staff.coordinator, 'consents', docs);
      return { status: res.statusCode, reason: res.json<{ reason?: string }>().reason };
    };

    it('refuses a partner not in the directory, or with another country, writing nothing of the push', async () => {
      const fine = provision(1, { partnerCountry: 'SG' });
      expect(await refusal([fine, provision(2, { partnerId: UNKNOWN })])).toEqual({
        status: 403,
        reason: 'consent-partner-unknown',
      });
      expect(await refusal([provision(3, { partnerCountry: 'US' })])).toEqual({
        status: 403,
        reason: 'consent-partner-country-mismatch',
      });
      expect(await ledger()).toEqual([]);
      const accepted = await pushAs(server, staff.coordinator, 'consents', [fine]);
      expect(accepted.json()).toEqual([]);
      expect(await ledger()).toEqual([fine.id]);
    });

    it('refuses a consent given to a suspended partner; its withdrawal of a consent held passes', async () => {
      const before = provision(4, { partnerId: SUSPENDED });
      expect((await pushAs(server, staff.coordinator, 'consents', [before])).json()).toEqual([]);
      // The manager suspends the partner.
      const [row] = await handle.db.query<{ data: Record<string, unknown> }>(
        "SELECT data FROM sync_documents WHERE collection = 'partners' AND id = $1",
        [SUSPENDED],
      );
      const held = { ...row!.data, _deleted: false };
      const suspended = {
        ...held,
        vetting: { status: 'suspended', by: staff.manager.staffId, at: Date.now() },
      };
      const pushed = await server.app.inject({
        method: 'POST',
        url: '/sync/partners/push',
        headers: staff.manager.headers,
        payload: [{ newDocumentState: suspended, assumedMasterState: held }],
      });
      expect(pushed.json()).toEqual([]);
      const rows = await ledger();
      expect(await refusal([provision(5, { partnerId: SUSPENDED })])).toEqual({
        status: 403,
        reason: 'consent-partner-suspended',
      });
      expect(await ledger()).toEqual(rows);
      const withdrawal = provision(6, {
        action: 'withdrawn',
        partnerId: SUSPENDED,
        refersTo: before.id,
        purposeCode: undefined,
        statedPurpose: undefined,
        method: 'email',
      });
      expect((await pushAs(server, staff.coordinator, 'consents', [withdrawal])).json()).toEqual([]);
      // A retry of the consent held still passes.
      expect((await pushAs(server, staff.coordinator, 'consents', [before])).json()).toEqual([]);
    });
  });
}
