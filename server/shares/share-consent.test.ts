import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  marketingPaths,
  shareRequestPaths,
  type MarketingAudience,
  type Role,
  type ShareRequest,
} from '../../shared/index';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import {
  clientId,
  consentId,
  PARTNER_JP,
  PARTNER_US,
  pushAs,
  seedClients,
  shareConsents,
  signedConsent,
} from '../../tests/support/server/permission-documents';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import {
  bookedFor,
  partnerDocument,
  seedBookedTrip,
  seedPartners,
} from '../../tests/support/server/share-partners';

/** Issue 14: share requests and the marketing audience gated by the consent ledger the server holds. */

const asking = (n: number, partnerId: string, partnerCountry: string) => ({
  clientId: clientId(n),
  partnerName: 'Partner clinic',
  partnerId,
  partnerCountry,
  purpose: 'Treatment planning',
  purposeCode: 'treatment-arrangement',
  fields: ['names', 'medical.allergies'],
  ...bookedFor(n, partnerId === PARTNER_JP ? 0 : 1),
});

for (const engine of testEngines) {
  describe(`the consent gates of shares and marketing on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      await seedClients(server, staff.coordinator, [
        [600, []],
        [601, []],
        [602, []],
      ]);
      // Issue 15: both partners in the directory, and each client's trip booked with both.
      await seedPartners(server, staff.manager, [
        await partnerDocument(staff.manager, PARTNER_JP, 'JP'),
        await partnerDocument(staff.manager, PARTNER_US, 'US'),
      ]);
      for (const n of [600, 601, 602]) {
        await seedBookedTrip(server, staff.coordinator, n, [PARTNER_JP, PARTNER_US], []);
      }
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const ask = (as: TestStaff, payload: object) =>
      server.app.inject({ method: 'POST', url: shareRequestPaths.requests, headers: as.headers, payload });
    const approve = (as: TestStaff, id: string) =>
      server.app.inject({
        method: 'POST',
        url: shareRequestPaths.approve(id),
        headers: as.headers,
        payload: {},
      });
    const list = async (status: string) =>
      (
        await server.app.inject({
          method: 'GET',
          url: `${shareRequestPaths.requests}?status=${status}`,
          headers: staff.manager.headers,
        })
      ).json<ShareRequest[]>();
    const consent = async (records: object[]) =>
      expect((await pushAs(server, staff.coordinator, 'consents', records)).json()).toEqual([]);

    it('refuses a request without a provision consent for the partner, and abroad without an overseas one', async () => {
      const none = await ask(staff.coordinator, asking(600, PARTNER_JP, 'JP'));
      expect(none.statusCode).toBe(409);
      expect(none.json()).toMatchObject({ reason: 'share-provision-consent-missing' });
      // A provision consent for the US partner, but no overseas-transfer consent for the US.
      await consent(shareConsents(staff.coordinator, 600, PARTNER_US, 'US', []).slice(0, 1));
      const abroad = await ask(staff.coordinator, asking(600, PARTNER_US, 'US'));
      expect(abroad.statusCode).toBe(409);
      expect(abroad.json()).toMatchObject({ reason: 'share-overseas-consent-missing' });
      // Consent for one partner is not consent for another.
      const other = await ask(staff.coordinator, asking(600, PARTNER_JP, 'JP'));
      expect(other.statusCode).toBe(409);
      expect(await list('pending')).toEqual([]);
    });

    it('records a request under the consents, and a withdrawal cancels the pending and approved ones', async () => {
      await consent(shareConsents(staff.coordinator, 601, PARTNER_JP, 'JP', []));
      await consent(shareConsents(staff.coordinator, 601, PARTNER_US, 'US', [], undefined, 0x200));
      const jp = await ask(staff.coordinator, asking(601, PARTNER_JP, 'JP'));
      const us1 = await ask(staff.coordinator, asking(601, PARTNER_US, 'US'));
      const us2 = await ask(staff.coordinator, asking(601, PARTNER_US, 'US'));
      expect([jp.statusCode, us1.statusCode, us2.statusCode]).toEqual([201, 201, 201]);
      expect((await approve(staff.manager, us1.json<ShareRequest>().id)).statusCode).toBe(200);
      // The client withdraws the overseas transfer to the US: both US requests end, the Japanese one stands.
      const overseasId = consentId(0x200 + 0x80 + 601);
      const withdrawal = signedConsent(staff.coordinator, {
        id: consentId(0x700),
        clientId: clientId(601),
        action: 'withdrawn',
        purpose: 'overseas-transfer',
        country: 'US',
        countryInformation: 'What the client was told about US',
        refersTo: overseasId,
        requestedBy: 'client',
      });
      await consent([withdrawal]);
      const cancelled = await list('cancelled');
      expect(cancelled.map((request) => request.id).sort()).toEqual(
        [us1.json<ShareRequest>().id, us2.json<ShareRequest>().id].sort(),
      );
      for (const request of cancelled) {
        expect(request).toMatchObject({
          partnerId: PARTNER_US,
          cancelReason: 'overseas-consent-withdrawn',
          cancelledByRecord: withdrawal.id,
          cancelledAt: expect.any(Number),
        });
      }
      expect((await list('pending')).map((request) => request.id)).toEqual([jp.json<ShareRequest>().id]);
      // A cancelled request is not approved later, and a new one is refused.
      expect((await approve(staff.manager, us2.json<ShareRequest>().id)).statusCode).toBe(409);
      expect((await ask(staff.coordinator, asking(601, PARTNER_US, 'US'))).statusCode).toBe(409);
    });

    it('re-checks the ledger when approving', async () => {
      await consent(shareConsents(staff.coordinator, 602, PARTNER_JP, 'JP', []));
      const asked = await ask(staff.coordinator, asking(602, PARTNER_JP, 'JP'));
      expect(asked.statusCode).toBe(201);
      const id = asked.json<ShareRequest>().id;
      const withdrawal = signedConsent(staff.coordinator, {
        id: consentId(0x701),
        clientId: clientId(602),
        action: 'withdrawn',
        purpose: 'provision',
        partnerId: PARTNER_JP,
        statedPurpose: 'Treatment planning',
        refersTo: consentId(0x100 + 602),
        requestedBy: 'client',
      });
      await consent([withdrawal]);
      expect(await list('cancelled')).toContainEqual(
        expect.objectContaining({ id, cancelReason: 'provision-consent-withdrawn' }),
      );
      // Were a request left pending (made before the withdrawal reached the server), its approval re-checks.
      await handle.db.query(
        `UPDATE share_requests SET status = 'pending', cancelled_at = NULL, cancel_reason = NULL,
           cancelled_by_record = NULL WHERE id = $1`,
        [id],
      );
      const approval = await approve(staff.manager, id);
      expect(approval.statusCode).toBe(409);
      expect(approval.json()).toMatchObject({ reason: 'share-provision-consent-missing' });
    });

    it('tells managers and the admin the clients with a live marketing consent, ids only', async () => {
      const marketing = (n: number, id: number) =>
        signedConsent(staff.coordinator, { id: consentId(id), clientId: clientId(n), purpose: 'marketing' });
      await consent([marketing(600, 0x710), marketing(601, 0x711)]);
      await consent([
        signedConsent(staff.coordinator, {
          id: consentId(0x712),
          clientId: clientId(601),
          action: 'withdrawn',
          purpose: 'marketing',
          refersTo: consentId(0x711),
          requestedBy: 'client',
        }),
      ]);
      for (const role of ['manager', 'admin'] as const) {
        const res = await server.app.inject({
          method: 'GET',
          url: marketingPaths.audience,
          headers: staff[role].headers,
        });
        expect(res.statusCode).toBe(200);
        const audience = res.json<MarketingAudience>();
        expect(Object.keys(audience).sort()).toEqual(['at', 'clientIds']);
        expect(audience.clientIds).toEqual([clientId(600)]);
      }
      for (const role of ['concierge', 'coordinator'] as const) {
        const res = await server.app.inject({
          method: 'GET',
          url: marketingPaths.audience,
          headers: staff[role].headers,
        });
        expect(res.statusCode).toBe(403);
        expect(res.json()).toMatchObject({ reason: 'marketing-audience-not-allowed' });
      }
    });
  });
}
