import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shareRequestPaths, type Role, type ShareRequest } from '../../shared/index';
import type { ProvisionPurpose } from '../../shared/domain/consent';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import {
  clientId,
  consentId,
  PARTNER_JP,
  pushAs,
  seedClients,
  signedConsent,
} from '../../tests/support/server/permission-documents';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import {
  bookedFor,
  partnerDocument,
  seedBookedTrip,
  seedPartners,
} from '../../tests/support/server/share-partners';

/**
 * Issue 14, review F3: a share names a catalogue purpose, and passes only when some provision consent in force for
 * the partner covers it; consents to one partner for two purposes coexist, and a withdrawal ends only its own
 * consent and cancels only the open requests whose purpose it covered.
 */

const asking = (n: number, purposeCode: ProvisionPurpose) => ({
  clientId: clientId(n),
  partnerId: PARTNER_JP,
  purpose: 'Care at the partner',
  purposeCode,
  fields: ['names'],
  ...bookedFor(n),
});

for (const engine of testEngines) {
  describe(`the catalogue purpose of a share on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      await seedClients(server, staff.coordinator, [
        [620, []],
        [621, []],
      ]);
      await seedPartners(server, staff.manager, [await partnerDocument(staff.manager, PARTNER_JP, 'JP')]);
      for (const n of [620, 621]) await seedBookedTrip(server, staff.coordinator, n, [PARTNER_JP], []);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const ask = (n: number, purposeCode: ProvisionPurpose) =>
      server.app.inject({
        method: 'POST',
        url: shareRequestPaths.requests,
        headers: staff.coordinator.headers,
        payload: asking(n, purposeCode),
      });
    const push = (records: object[]) => pushAs(server, staff.coordinator, 'consents', records);
    const provision = (id: number, n: number, fields: object) =>
      signedConsent(staff.coordinator, {
        id: consentId(id),
        clientId: clientId(n),
        purpose: 'provision',
        partnerId: PARTNER_JP,
        statedPurpose: 'As told to the client',
        ...fields,
      });
    const statusOf = async (id: string) =>
      (await handle.db.query<{ status: string }>('SELECT status FROM share_requests WHERE id = $1', [id]))[0]
        ?.status;

    it('refuses a request without a catalogue purpose, and one no consent for the partner covers', async () => {
      const withoutCode: Partial<ReturnType<typeof asking>> = asking(620, 'aftercare');
      delete withoutCode.purposeCode;
      const bare = await server.app.inject({
        method: 'POST',
        url: shareRequestPaths.requests,
        headers: staff.coordinator.headers,
        payload: withoutCode,
      });
      expect(bare.statusCode).toBe(400);
      expect((await push([provision(0x900, 620, { purposeCode: 'aftercare' })])).json()).toEqual([]);
      const other = await ask(620, 'insurance-claim');
      expect(other.statusCode).toBe(409);
      expect(other.json()).toMatchObject({ reason: 'share-purpose-not-consented' });
      expect((await ask(620, 'aftercare')).statusCode).toBe(201);
    });

    it('refuses a provision consent given or corrected without its catalogue purpose or stated purpose', async () => {
      const before = await handle.db.query("SELECT id FROM sync_documents WHERE collection = 'consents'");
      const noCode = provision(0x901, 620, {});
      const noWords = provision(0x902, 620, { purposeCode: 'aftercare', statedPurpose: undefined });
      for (const [record, reason] of [
        [noCode, 'consent-purpose-code-required'],
        [noWords, 'consent-stated-purpose-required'],
      ] as const) {
        const res = await push([record]);
        expect(res.statusCode, reason).toBe(403);
        expect(res.json()).toMatchObject({ reason });
      }
      expect(await handle.db.query("SELECT id FROM sync_documents WHERE collection = 'consents'")).toEqual(
        before,
      );
    });

    it('keeps two purposes with one partner; a withdrawal ends its own and cancels only its requests', async () => {
      const treatment = provision(0x910, 621, { purposeCode: 'treatment-arrangement' });
      const insurance = provision(0x911, 621, { purposeCode: 'insurance-claim' });
      expect((await push([treatment, insurance])).json()).toEqual([]);
      // The consent given last does not hide the first: both purposes pass.
      const forTreatment = await ask(621, 'treatment-arrangement');
      const forInsurance = await ask(621, 'insurance-claim');
      expect([forTreatment.statusCode, forInsurance.statusCode]).toEqual([201, 201]);
      const withdrawal = signedConsent(staff.coordinator, {
        id: consentId(0x912),
        clientId: clientId(621),
        action: 'withdrawn',
        purpose: 'provision',
        partnerId: PARTNER_JP,
        refersTo: insurance.id,
        requestedBy: 'client',
      });
      expect((await push([withdrawal])).json()).toEqual([]);
      expect(await statusOf(forInsurance.json<ShareRequest>().id)).toBe('cancelled');
      expect(await statusOf(forTreatment.json<ShareRequest>().id)).toBe('pending');
      const again = await ask(621, 'insurance-claim');
      expect(again.json()).toMatchObject({ reason: 'share-purpose-not-consented' });
      expect((await ask(621, 'treatment-arrangement')).statusCode).toBe(201);
      // A manager still approves the request whose consent stands.
      const approved = await server.app.inject({
        method: 'POST',
        url: shareRequestPaths.approve(forTreatment.json<ShareRequest>().id),
        headers: staff.manager.headers,
        payload: {},
      });
      expect(approved.statusCode).toBe(200);
      expect(approved.json()).toMatchObject({ status: 'approved', purposeCode: 'treatment-arrangement' });
    });
  });
}
