import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shareRequestPaths, type Role, type ShareRequest } from '../../shared/index';
import type { Provision } from '../../shared/domain/provision';
import { shareItems } from '../../shared/domain/share-fields';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import {
  clientId,
  consentId,
  pushAs,
  seedClients,
  shareConsents,
  signedConsent,
} from '../../tests/support/server/permission-documents';
import {
  bookedFor,
  partnerDocument,
  seedBookedTrip,
  seedPartners,
} from '../../tests/support/server/share-partners';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';

/**
 * A package's delivery is registered with the server before the file is saved: the server checks every gate again
 * and writes the `provided` record itself, so no package leaves without its record. Once per share; refused, with
 * nothing written, for a share not approved, cancelled by a withdrawal, or to a partner suspended since.
 */
const PARTNER = '00000000-0000-4000-8bbb-00000000d001';
const LATER_SUSPENDED = '00000000-0000-4000-8bbb-00000000d002';
const FIELDS = ['names', 'medical.allergies'] as const;
const packageId = (n: number) => `00000000-0000-4000-8ddd-${n.toString(16).padStart(12, '0')}`;
const HASH = 'ab'.repeat(32);

for (const engine of testEngines) {
  describe(`registering a delivery on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      await seedClients(server, staff.coordinator, [[720, [staff.concierge.staffId]]]);
      const m = staff.manager;
      await seedPartners(server, m, [
        await partnerDocument(m, PARTNER, 'JP'),
        await partnerDocument(m, LATER_SUSPENDED, 'JP'),
      ]);
      await seedBookedTrip(
        server,
        staff.coordinator,
        720,
        [PARTNER, LATER_SUSPENDED],
        [staff.concierge.staffId],
      );
      const consents = [
        ...shareConsents(staff.coordinator, 720, PARTNER, 'JP', [], undefined, 0x100),
        ...shareConsents(staff.coordinator, 720, LATER_SUSPENDED, 'JP', [], undefined, 0x200),
      ];
      expect((await pushAs(server, staff.coordinator, 'consents', consents)).json()).toEqual([]);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const post = (as: TestStaff, url: string, payload: object) =>
      server.app.inject({ method: 'POST', url, headers: as.headers, payload });
    const askAndApprove = async (partnerId: string, item: number, approve = true) => {
      const asked = await post(staff.concierge, shareRequestPaths.requests, {
        clientId: clientId(720),
        partnerId,
        purpose: 'Treatment planning',
        purposeCode: 'treatment-arrangement',
        fields: [...FIELDS],
        ...bookedFor(720, item),
      });
      expect(asked.statusCode, asked.body).toBe(201);
      const id = asked.json<ShareRequest>().id;
      if (!approve) return asked.json<ShareRequest>();
      const approved = await post(staff.manager, shareRequestPaths.approve(id), {});
      expect(approved.statusCode, approved.body).toBe(200);
      return approved.json<ShareRequest>();
    };
    const deliver = (as: TestStaff, id: string, n: number) =>
      post(as, shareRequestPaths.deliver(id), { packageId: packageId(n), packageHash: HASH });
    const provisionRows = () =>
      handle.db.query<{ data: Provision }>(
        "SELECT data FROM sync_documents WHERE collection = 'provisions' ORDER BY seq",
      );

    it('writes the provided record itself, once, and answers with it', async () => {
      const share = await askAndApprove(PARTNER, 0);
      const res = await deliver(staff.concierge, share.id, 1);
      expect(res.statusCode, res.body).toBe(201);
      const record = res.json<Provision>();
      expect(record).toMatchObject({
        kind: 'provided',
        clientId: clientId(720),
        partnerId: PARTNER,
        shareId: share.id,
        requestedBy: staff.concierge.staffId,
        approvedBy: staff.manager.staffId,
        consentId: consentId(0x100 + 720),
        packageId: packageId(1),
        packageHash: HASH,
        recordedBy: staff.concierge.staffId,
        items: shareItems([...FIELDS]),
      });
      const rows = await provisionRows();
      expect(rows.map((row) => row.data)).toEqual([
        { ...record, assignedStaffIds: [staff.concierge.staffId] },
      ]);
      // Delivered once: a second package for the same share is refused.
      const again = await deliver(staff.manager, share.id, 2);
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ reason: 'share-already-delivered' });
      expect(await provisionRows()).toEqual(rows);
    });

    it('refuses a share not approved, someone neither requester nor approver, a suspended partner', async () => {
      const before = await provisionRows();
      const pending = await askAndApprove(PARTNER, 0, false);
      const notApproved = await deliver(staff.concierge, pending.id, 3);
      expect(notApproved.statusCode).toBe(409);
      expect(notApproved.json()).toMatchObject({ reason: 'share-not-approved' });
      const share = await askAndApprove(LATER_SUSPENDED, 1);
      const stranger = await deliver(staff.coordinator, share.id, 4);
      expect(stranger.statusCode).toBe(403);
      expect(stranger.json()).toMatchObject({ reason: 'not-requester-or-approver' });
      const held = await partnerDocument(staff.manager, LATER_SUSPENDED, 'JP');
      const [stored] = await handle.db.query<{ data: Record<string, unknown> }>(
        "SELECT data FROM sync_documents WHERE collection = 'partners' AND id = $1",
        [LATER_SUSPENDED],
      );
      const current = { ...stored!.data, _deleted: false };
      const suspended = {
        ...current,
        vetting: { status: 'suspended', by: staff.manager.staffId, at: Date.now() },
        updatedAt: Date.now(),
      };
      const pushed = await server.app.inject({
        method: 'POST',
        url: '/sync/partners/push',
        headers: staff.manager.headers,
        payload: [{ newDocumentState: suspended, assumedMasterState: current }],
      });
      expect(pushed.json(), pushed.body).toEqual([]);
      expect(held.id).toBe(LATER_SUSPENDED);
      const refused = await deliver(staff.manager, share.id, 5);
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ reason: 'share-partner-not-vetted' });
      expect(await provisionRows()).toEqual(before);
    });

    it('refuses once a withdrawal cancelled the share; a delivery registered first stays, to be destroyed', async () => {
      const before = await provisionRows();
      const first = await askAndApprove(PARTNER, 0);
      const second = await askAndApprove(PARTNER, 0);
      // The first package is registered; then the client withdraws while the second one's save dialog is open.
      expect((await deliver(staff.manager, first.id, 6)).statusCode).toBe(201);
      const withdrawal = signedConsent(staff.coordinator, {
        id: consentId(0x7a0),
        clientId: clientId(720),
        action: 'withdrawn',
        purpose: 'provision',
        partnerId: PARTNER,
        statedPurpose: 'Treatment planning',
        refersTo: consentId(0x100 + 720),
        requestedBy: 'client',
      });
      expect((await pushAs(server, staff.coordinator, 'consents', [withdrawal])).json()).toEqual([]);
      const late = await deliver(staff.manager, second.id, 7);
      expect(late.statusCode).toBe(409);
      expect(late.json()).toMatchObject({ reason: 'share-not-approved' });
      const rows = await provisionRows();
      expect(rows.slice(before.length).map((row) => row.data.shareId)).toEqual([first.id]);
    });
  });
}
