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
} from '../../tests/support/server/permission-documents';
import {
  bookedFor,
  partnerDocument,
  seedBookedTrip,
  seedPartners,
} from '../../tests/support/server/share-partners';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';

/**
 * A `provided` record comes only from the delivery route, which re-checks every gate under the consent lock: a
 * sync push of one is refused, even from the share's requester or approver and well formed, and the push it came
 * in writes nothing (its other records included). The refusal names the record, so the device parks it and sends
 * the rest again. A retry of the record the route wrote passes, as every held record's does.
 */
const PARTNER = '00000000-0000-4000-8bbb-00000000e001';
const FIELDS = ['names', 'medical.allergies'] as const;
const id = (n: number) => `00000000-0000-4000-8eee-${n.toString(16).padStart(12, '0')}`;
const HASH = 'ab'.repeat(32);

for (const engine of testEngines) {
  describe(`a provided record pushed through sync on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      await seedClients(server, staff.coordinator, [[730, [staff.concierge.staffId]]]);
      await seedPartners(server, staff.manager, [await partnerDocument(staff.manager, PARTNER, 'JP')]);
      await seedBookedTrip(server, staff.coordinator, 730, [PARTNER], [staff.concierge.staffId]);
      const consents = shareConsents(staff.coordinator, 730, PARTNER, 'JP', [], undefined, 0x100);
      expect((await pushAs(server, staff.coordinator, 'consents', consents)).json()).toEqual([]);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const post = (as: TestStaff, url: string, payload: object) =>
      server.app.inject({ method: 'POST', url, headers: as.headers, payload });
    const everything = () =>
      handle.db.query(
        `SELECT collection, id, seq, deleted, data FROM sync_documents
          WHERE collection IN ('provisions', 'consents') ORDER BY collection, id`,
      );
    const shareRows = () => handle.db.query('SELECT * FROM share_requests ORDER BY id');
    const provided = (n: number, share: ShareRequest, by: TestStaff) => ({
      id: id(n),
      clientId: share.clientId,
      kind: 'provided',
      partnerId: PARTNER,
      at: Date.now(),
      items: shareItems(share.fields),
      shareId: share.id,
      requestedBy: share.requestedBy,
      approvedBy: share.decidedBy!,
      consentId: consentId(0x100 + 730),
      packageId: id(1000 + n),
      packageHash: HASH,
      recordedBy: by.staffId,
      recordedAt: Date.now(),
      assignedStaffIds: [staff.concierge.staffId],
      _deleted: false,
    });
    const received = (n: number, by: TestStaff) => ({
      id: id(n),
      clientId: clientId(730),
      kind: 'received',
      partnerId: PARTNER,
      at: Date.now(),
      items: [{ key: 'test-results', label: { en: 'Test results', ja: '検査結果' } }],
      obtainedHow: 'Blood tests the clinic ran',
      recordedBy: by.staffId,
      recordedAt: Date.now(),
      assignedStaffIds: [staff.concierge.staffId],
      _deleted: false,
    });

    it('refuses it from the requester and the approver, writing nothing of the push; the route delivers', async () => {
      const asked = await post(staff.concierge, shareRequestPaths.requests, {
        clientId: clientId(730),
        partnerId: PARTNER,
        purpose: 'Treatment planning',
        purposeCode: 'treatment-arrangement',
        fields: [...FIELDS],
        ...bookedFor(730, 0),
      });
      expect(asked.statusCode, asked.body).toBe(201);
      const approved = await post(
        staff.manager,
        shareRequestPaths.approve(asked.json<ShareRequest>().id),
        {},
      );
      expect(approved.statusCode, approved.body).toBe(200);
      const share = approved.json<ShareRequest>();
      const start = await everything();
      const shares = await shareRows();
      for (const [n, as] of [
        [1, staff.concierge],
        [2, staff.manager],
      ] as const) {
        // A receipt before and after it, each one the server takes alone.
        const push = [received(10 + n, as), provided(n, share, as), received(20 + n, as)];
        const before = await everything();
        const res = await pushAs(server, as, 'provisions', push);
        expect(res.statusCode, as.role).toBe(403);
        expect(res.json()).toMatchObject({
          reason: 'provision-provided-by-delivery-only',
          needs: 'write:provisions:provision',
          documentId: id(n),
        });
        expect(await everything()).toEqual(before);
        expect(await shareRows()).toEqual(shares);
        // What the device does next: the refused record parked, the rest sent again, and taken.
        const rest = await pushAs(server, as, 'provisions', [push[0]!, push[2]!]);
        expect(rest.json(), rest.body).toEqual([]);
      }
      const receipts = await everything();
      expect(receipts.length).toBe(start.length + 4);
      // The share is not delivered by any of it: the delivery route still writes its record, once.
      const delivered = await post(staff.concierge, shareRequestPaths.deliver(share.id), {
        packageId: id(1001),
        packageHash: HASH,
      });
      expect(delivered.statusCode, delivered.body).toBe(201);
      const record = delivered.json<Provision>();
      expect(record).toMatchObject({ kind: 'provided', shareId: share.id, packageId: id(1001) });
      const after = await everything();
      expect(after.length).toBe(receipts.length + 1);
      // The device that pulled it and sends it back unchanged (a retry) is answered as sent, nothing new written.
      const wire = { ...record, _deleted: false };
      const retry = await server.app.inject({
        method: 'POST',
        url: '/sync/provisions/push',
        headers: staff.concierge.headers,
        payload: [{ newDocumentState: wire, assumedMasterState: wire }],
      });
      expect(retry.json(), retry.body).toEqual([]);
      expect(await everything()).toEqual(after);
      // A second record of the same share, pushed by its approver, is refused the same way.
      const again = await pushAs(server, staff.manager, 'provisions', [provided(3, share, staff.manager)]);
      expect(again.json()).toMatchObject({
        reason: 'provision-provided-by-delivery-only',
        documentId: id(3),
      });
      expect(await everything()).toEqual(after);
    });
  });
}
