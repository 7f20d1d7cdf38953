import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shareRequestPaths, type Role, type ShareRequest } from '../../shared/index';
import type { Provision } from '../../shared/domain/provision';
import { shareItems } from '../../shared/domain/share-fields';
import type { LuminaServer } from '../app';
import { ChangeStore } from '../sync/change-store';
import { writeDelivered } from './share-delivery';
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
 * Issue 15's server acceptance: a share is refused (and nothing written) when asked for by its approver, without
 * consent, to a partner not vetted, under an expired agreement, with an unconfirmed key, or with no booked trip
 * item; a provision record is never edited nor deleted, and refers to an approved share. A `provided` record is
 * written only by the delivery route (a sync push of one is refused: provided-sync.test.ts); the records it would
 * refuse are given to its write step (`writeDelivered`) as forged, to check what it checks under its lock.
 */
const VETTED = '00000000-0000-4000-8bbb-000000000001';
const UNVETTED = '00000000-0000-4000-8bbb-000000000002';
const EXPIRED = '00000000-0000-4000-8bbb-000000000003';
const UNCONFIRMED = '00000000-0000-4000-8bbb-000000000004';
const UNBOOKED = '00000000-0000-4000-8bbb-000000000005';
const FIELDS = ['names', 'medical.allergies'] as const;
const provisionId = (n: number) => `00000000-0000-4000-8ccc-${n.toString(16).padStart(12, '0')}`;

const asking = (n: number, partnerId: string, item = 0) => ({
  clientId: clientId(n),
  partnerId,
  purpose: 'Treatment planning',
  purposeCode: 'treatment-arrangement',
  fields: [...FIELDS],
  ...bookedFor(n, item),
});

for (const engine of testEngines) {
  describe(`share gates and the provision ledger on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      await seedClients(server, staff.coordinator, [
        [700, [staff.concierge.staffId]],
        [701, []],
      ]);
      const m = staff.manager;
      const vetted = await partnerDocument(m, VETTED, 'JP');
      await seedPartners(server, m, [
        vetted,
        await partnerDocument(m, UNVETTED, 'JP', { vetting: { status: 'pending' } }),
        await partnerDocument(m, EXPIRED, 'JP', {
          agreement: { signedOn: '2020-01-01', expiresOn: '2021-01-01' },
        }),
        {
          ...(await partnerDocument(m, UNCONFIRMED, 'JP')),
          key: { ...vetted.key!, confirmedBy: undefined, confirmedAt: undefined, confirmedKey: undefined },
        },
        await partnerDocument(m, UNBOOKED, 'JP'),
      ]);
      const partners = [VETTED, UNVETTED, EXPIRED, UNCONFIRMED];
      for (const n of [700, 701]) {
        await seedBookedTrip(
          server,
          staff.coordinator,
          n,
          partners,
          n === 700 ? [staff.concierge.staffId] : [],
        );
      }
      // Client 700 consented to every partner; client 701 to none.
      const consents = partners.flatMap((partner, i) =>
        shareConsents(staff.coordinator, 700, partner, 'JP', [], undefined, 0x100 * (i + 1)),
      );
      consents.push(...shareConsents(staff.coordinator, 700, UNBOOKED, 'JP', [], undefined, 0x600));
      expect((await pushAs(server, staff.coordinator, 'consents', consents)).json()).toEqual([]);
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
    const shareRows = () => handle.db.query('SELECT * FROM share_requests ORDER BY id');
    const provisionRows = () =>
      handle.db.query(
        "SELECT id, seq, deleted, data FROM sync_documents WHERE collection = 'provisions' ORDER BY id",
      );

    it('refuses a request without consent, to a partner not vetted, expired, unconfirmed or not booked', async () => {
      const before = await shareRows();
      const cases: Array<[object, string]> = [
        [asking(701, VETTED), 'share-provision-consent-missing'],
        [asking(700, UNVETTED, 1), 'share-partner-not-vetted'],
        [asking(700, EXPIRED, 2), 'share-partner-agreement-expired'],
        [asking(700, UNCONFIRMED, 3), 'share-partner-key-unconfirmed'],
        [{ ...asking(700, UNBOOKED), ...bookedFor(700, 0) }, 'share-no-booked-item'],
        [{ ...asking(700, VETTED), tripItemId: bookedFor(700, 1).tripItemId }, 'share-no-booked-item'],
        [asking(700, '00000000-0000-4000-8bbb-0000000000ff'), 'share-partner-unknown'],
        // The consent covers one catalogue purpose (treatment-arrangement): another purpose is not consented.
        [{ ...asking(700, VETTED), purposeCode: 'insurance-claim' }, 'share-purpose-not-consented'],
      ];
      for (const [payload, reason] of cases) {
        const res = await ask(staff.coordinator, payload);
        expect(res.statusCode, reason).toBe(409);
        expect(res.json()).toMatchObject({ reason });
      }
      expect(await shareRows()).toEqual(before);
    });

    it('refuses the approval of an own request, writing nothing; another manager approves', async () => {
      const own = await ask(staff.manager, asking(700, VETTED));
      expect(own.statusCode).toBe(201);
      const before = await shareRows();
      const refused = await approve(staff.manager, own.json<ShareRequest>().id);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ reason: 'own-request' });
      expect(await shareRows()).toEqual(before);
      // The concierge's request goes to the manager.
      const asked = await ask(staff.concierge, asking(700, VETTED));
      expect((await approve(staff.manager, asked.json<ShareRequest>().id)).statusCode).toBe(200);
    });

    const provided = (n: number, share: ShareRequest, changes: Partial<Provision> = {}): Provision => ({
      id: provisionId(n),
      clientId: share.clientId,
      kind: 'provided',
      partnerId: share.partnerId!,
      at: Date.now(),
      items: shareItems(share.fields),
      shareId: share.id,
      requestedBy: share.requestedBy,
      approvedBy: share.decidedBy!,
      consentId: consentId(0x100 + 700),
      packageId: provisionId(1000 + n),
      packageHash: 'ab'.repeat(32),
      recordedBy: staff.concierge.staffId,
      recordedAt: Date.now(),
      assignedStaffIds: [staff.concierge.staffId],
      ...changes,
    });
    const deliver = (as: TestStaff, id: string, n: number) =>
      server.app.inject({
        method: 'POST',
        url: shareRequestPaths.deliver(id),
        headers: as.headers,
        payload: { packageId: provisionId(1000 + n), packageHash: 'ab'.repeat(32) },
      });
    // The delivery route's write step, given a record it did not compose.
    const forge = (as: TestStaff, record: Provision) =>
      writeDelivered(
        new ChangeStore(handle.db),
        { staffId: as.staffId, deviceId: as.deviceId, role: as.role, displayName: as.role },
        record,
        Date.now(),
      );
    let firstDelivery: Provision | undefined;

    it('records a delivery of an approved share once, and refuses to edit or delete it', async () => {
      const none = await provisionRows();
      const asked = (await ask(staff.concierge, asking(700, VETTED))).json<ShareRequest>();
      const early = await deliver(staff.concierge, asked.id, 1);
      expect(early.statusCode).toBe(409);
      expect(early.json()).toMatchObject({ reason: 'share-not-approved' });
      await expect(
        forge(staff.concierge, provided(1, asked, { approvedBy: staff.manager.staffId })),
      ).rejects.toMatchObject({
        statusCode: 409,
        reason: 'share-not-approved',
      });
      expect(await provisionRows()).toEqual(none);
      const share = (await approve(staff.manager, asked.id)).json<ShareRequest>();
      const wrong: Array<[Provision, string]> = [
        [
          provided(2, share, { approvedBy: share.requestedBy }),
          'share-provision-requester-approver-mismatch',
        ],
        [provided(2, share, { items: shareItems(['names']) }), 'share-provision-items-mismatch'],
        [provided(2, share, { consentId: consentId(0x200 + 700) }), 'share-provision-consent-mismatch'],
        [provided(2, share, { recordedBy: staff.manager.staffId }), 'share-provision-recorder-not-caller'],
      ];
      for (const [doc, reason] of wrong) {
        await expect(forge(staff.concierge, doc), reason).rejects.toMatchObject({ statusCode: 409, reason });
      }
      expect(await provisionRows()).toEqual(none);
      // Someone who neither asked nor approved cannot record it (a made-up hash would block the real delivery).
      const stranger = await deliver(staff.coordinator, share.id, 2);
      expect(stranger.statusCode).toBe(403);
      expect(stranger.json()).toMatchObject({ reason: 'not-requester-or-approver' });
      const forged = provided(2, share, { recordedBy: staff.coordinator.staffId });
      await expect(forge(staff.coordinator, forged)).rejects.toMatchObject({
        statusCode: 403,
        reason: 'not-requester-or-approver',
      });
      expect(await provisionRows()).toEqual(none);
      const delivered = await deliver(staff.concierge, share.id, 1);
      expect(delivered.statusCode, delivered.body).toBe(201);
      const before = await provisionRows();
      expect(before).toHaveLength(none.length + 1);
      firstDelivery = delivered.json<Provision>();
      const stored = (before as Array<{ id: string; data: Provision }>).find(
        (row) => row.id === firstDelivery!.id,
      );
      const record = { ...stored!.data, _deleted: false };
      expect(record).toMatchObject({ ...firstDelivery, recordedBy: staff.concierge.staffId });
      for (const [as, change] of [
        [staff.concierge, { ...record, packageHash: 'cd'.repeat(32) }],
        [staff.manager, { ...record, notes: 'Amended' }],
        [staff.concierge, { ...record, _deleted: true }],
        [staff.admin, { ...record, _deleted: true }],
      ] as const) {
        const res = await server.app.inject({
          method: 'POST',
          url: '/sync/provisions/push',
          headers: as.headers,
          payload: [{ newDocumentState: change, assumedMasterState: record }],
        });
        expect(res.statusCode).toBe(403);
        expect(res.json()).toMatchObject({ reason: 'provision-record-immutable' });
      }
      expect(await provisionRows()).toEqual(before);
    });

    it('checks a delivery against the catalogue, the approval and its share: once, labelled, after approval', async () => {
      const asked = (await ask(staff.concierge, asking(700, VETTED))).json<ShareRequest>();
      const share = (await approve(staff.manager, asked.id)).json<ShareRequest>();
      const before = await provisionRows();
      const relabelled = shareItems(share.fields).map((item, i) =>
        i === 0 ? { ...item, label: { en: 'Something else', ja: item.label.ja } } : item,
      );
      const wrong: Array<[Provision, string]> = [
        [provided(20, share, { items: relabelled }), 'share-provision-items-label-mismatch'],
        [provided(20, share, { at: share.decidedAt! - 60_000 }), 'share-provision-before-approval'],
      ];
      for (const [doc, reason] of wrong) {
        await expect(forge(staff.concierge, doc), reason).rejects.toMatchObject({ statusCode: 409, reason });
      }
      expect(await provisionRows()).toEqual(before);
      expect((await deliver(staff.concierge, share.id, 20)).statusCode).toBe(201);
      const delivered = await provisionRows();
      const twice = await deliver(staff.concierge, share.id, 21);
      expect(twice.statusCode).toBe(409);
      expect(twice.json()).toMatchObject({ reason: 'share-already-delivered' });
      await expect(
        forge(staff.manager, provided(21, share, { recordedBy: staff.manager.staffId })),
      ).rejects.toMatchObject({
        statusCode: 409,
        reason: 'share-already-delivered',
      });
      expect(await provisionRows()).toEqual(delivered);
      // A receipt's own items are free, but one named by a share field carries that field's labels.
      const delivery = provided(22, share);
      const receipt = {
        id: delivery.id,
        clientId: delivery.clientId,
        kind: 'received',
        partnerId: delivery.partnerId,
        at: delivery.at,
        obtainedHow: 'Sent by the clinic after the visit',
        items: [{ key: 'names', label: { en: 'Name', ja: '名前' } }],
        recordedBy: delivery.recordedBy,
        recordedAt: delivery.recordedAt,
        assignedStaffIds: delivery.assignedStaffIds,
        _deleted: false,
      };
      const relabelledReceipt = await pushAs(server, staff.concierge, 'provisions', [receipt]);
      expect(relabelledReceipt.json()).toMatchObject({ reason: 'provision-items-label-mismatch' });
    });

    it('takes only a booked item not over, and an agreement already signed', async () => {
      const past = {
        id: '00000000-0000-4000-8400-0000000007ff',
        clientId: clientId(700),
        assignedStaffIds: [staff.concierge.staffId],
        title: 'Past trip',
        startDate: '2025-04-01',
        endDate: '2025-04-08',
        timeZone: 'Asia/Tokyo',
        items: [
          {
            id: '00000000-0000-4000-8500-0000000007ff',
            kind: 'hotel',
            start: '2025-04-02T15:00:00+09:00',
            end: '2025-04-03T10:00:00+09:00',
            title: 'Past stay',
            partnerId: VETTED,
          },
        ],
        createdAt: 1,
        updatedAt: 1,
        _deleted: false,
      };
      expect((await pushAs(server, staff.coordinator, 'trips', [past])).statusCode).toBe(200);
      const before = await shareRows();
      const res = await ask(staff.concierge, {
        ...asking(700, VETTED),
        tripId: past.id,
        tripItemId: past.items[0]!.id,
      });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ reason: 'share-no-booked-item' });
      const FUTURE = '00000000-0000-4000-8bbb-000000000007';
      await seedPartners(server, staff.manager, [
        await partnerDocument(staff.manager, FUTURE, 'JP', {
          agreement: { signedOn: '2099-01-01', expiresOn: '2099-12-31' },
        }),
      ]);
      const notYet = await ask(staff.coordinator, asking(700, FUTURE));
      expect(notYet.statusCode).toBe(409);
      expect(notYet.json()).toMatchObject({ reason: 'share-partner-agreement-not-yet-signed' });
      expect(await shareRows()).toEqual(before);
    });

    it('keeps a delivered share when the consent is withdrawn, and cancels the undelivered ones', async () => {
      const open = (await ask(staff.concierge, asking(700, VETTED))).json<ShareRequest>();
      const delivered = { id: firstDelivery!.shareId! };
      const withdrawal = signedConsent(staff.coordinator, {
        id: consentId(0x7f0),
        clientId: clientId(700),
        action: 'withdrawn',
        purpose: 'provision',
        partnerId: VETTED,
        statedPurpose: 'Treatment planning',
        refersTo: consentId(0x100 + 700),
        requestedBy: 'client',
      });
      expect((await pushAs(server, staff.coordinator, 'consents', [withdrawal])).json()).toEqual([]);
      const rows = (await shareRows()) as Array<{ id: string; status: string }>;
      expect(rows.find((row) => row.id === open.id)?.status).toBe('cancelled');
      expect(rows.find((row) => row.id === delivered.id)?.status).toBe('approved');
      // The partner told to destroy it: a record of its own, referring to the delivery.
      const told = {
        id: provisionId(3),
        clientId: clientId(700),
        kind: 'destroy-notified',
        partnerId: VETTED,
        at: Date.now(),
        refersTo: firstDelivery!.id,
        recordedBy: staff.concierge.staffId,
        recordedAt: Date.now(),
        assignedStaffIds: [staff.concierge.staffId],
        _deleted: false,
      };
      expect((await pushAs(server, staff.concierge, 'provisions', [told])).json()).toEqual([]);
    });

    it('lets only managers and the admin keep the directory, and a new key is unconfirmed', async () => {
      const partner = await partnerDocument(staff.manager, '00000000-0000-4000-8bbb-000000000010', 'FR');
      const unconfirmed = {
        ...partner,
        key: { ...partner.key!, confirmedBy: undefined, confirmedAt: undefined, confirmedKey: undefined },
      };
      for (const role of ['concierge', 'coordinator'] as const) {
        expect((await pushAs(server, staff[role], 'partners', [unconfirmed])).statusCode).toBe(403);
      }
      const confirmedAtOnce = await pushAs(server, staff.manager, 'partners', [partner]);
      expect(confirmedAtOnce.json()).toMatchObject({ reason: 'partner-new-key-confirmed' });
      const forged = {
        ...unconfirmed,
        key: { ...unconfirmed.key, fingerprint: '00000 '.repeat(7) + '00000' },
      };
      const mismatch = await pushAs(server, staff.manager, 'partners', [forged]);
      expect(mismatch.json()).toMatchObject({ reason: 'partner-fingerprint-mismatch' });
      const deleted = await pushAs(server, staff.admin, 'partners', [{ ...unconfirmed, _deleted: true }]);
      expect(deleted.json()).toMatchObject({ reason: 'partner-not-deleted' });
    });
  });
}
