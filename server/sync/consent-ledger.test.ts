import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/index';
import { migrateConsentV0 } from '../../shared/domain/consent';
import { CONSENT_BACKDATE_MAX_MS } from '../../shared/domain/consent-ledger';
import { writeDocuments } from './documents';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import {
  clientId,
  consentId,
  ensureTestNotice,
  noticeDocument,
  noticeId,
  pushAs,
  RECORDED_AT,
  seedClients,
  signedConsent,
} from '../../tests/support/server/permission-documents';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';

/**
 * Issue 14: the server refuses every push that would change the consent ledger's past or the notice versions in
 * effect (403, the push's transaction rolled back), whoever pushes it. Each refusal is checked against the stored
 * rows: nothing of the push is written.
 */

const DAY = 24 * 60 * 60 * 1000;
/** The notices' moments, fixed once so that a document made twice is the same document. */
const T0 = Date.now();

for (const engine of testEngines) {
  describe(`the consent ledger and notice versions, enforced by the server on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;
    const client = 500;
    const otherClient = 501;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      await seedClients(server, staff.coordinator, [
        [client, [staff.concierge.staffId]],
        [otherClient, [staff.concierge.staffId]],
      ]);
      await ensureTestNotice(server);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    /** Every stored consent and setting, as rows: what a refused push must leave as it was. */
    const stored = () =>
      handle.db.query<{ collection: string; id: string; seq: string; deleted: boolean; data: unknown }>(
        `SELECT collection, id, seq::text AS seq, deleted, data FROM sync_documents
          WHERE collection IN ('consents', 'orgSettings') ORDER BY collection, id`,
      );
    const rawPush = (as: TestStaff, collection: 'consents' | 'orgSettings', rows: object[]) =>
      server.app.inject({
        method: 'POST',
        url: `/sync/${collection}/push`,
        headers: as.headers,
        payload: rows,
      });
    /** Pushes and expects a refusal with `reason`, and the ledger and notices unchanged. */
    async function refused(
      as: TestStaff,
      collection: 'consents' | 'orgSettings',
      rows: object[],
      reason: string,
      status = 403,
    ) {
      const before = await stored();
      const res = await rawPush(as, collection, rows);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json()).toMatchObject({ reason });
      expect(await stored()).toEqual(before);
    }

    const given = (by: TestStaff, n: number, extra: object = {}) =>
      signedConsent(by, {
        id: consentId(0x500 + n),
        clientId: clientId(client),
        assignedStaffIds: [staff.concierge.staffId],
        ...extra,
      });
    const withdrawal = (by: TestStaff, n: number, refersTo: string, extra: object = {}) =>
      given(by, n, { action: 'withdrawn', refersTo, requestedBy: 'client', ...extra });

    it('accepts a record once, and its retry', async () => {
      const record = given(staff.concierge, 1);
      expect((await pushAs(server, staff.concierge, 'consents', [record])).json()).toEqual([]);
      expect((await pushAs(server, staff.concierge, 'consents', [record])).json()).toEqual([]);
    });

    it('refuses changing an accepted record, by any role that writes consents', async () => {
      const record = given(staff.concierge, 1);
      for (const as of [staff.concierge, staff.coordinator, staff.manager]) {
        const changed = { ...record, notes: 'rewritten', at: record.at - 1 };
        await refused(
          as,
          'consents',
          [{ newDocumentState: changed, assumedMasterState: record }],
          'consent-record-immutable',
        );
      }
      // Even re-signed by its own device.
      const resigned = given(staff.concierge, 1, { method: 'email' });
      await refused(
        staff.concierge,
        'consents',
        [{ newDocumentState: resigned, assumedMasterState: record }],
        'consent-record-immutable',
      );
    });

    it('refuses deleting an accepted record', async () => {
      const record = given(staff.concierge, 1);
      for (const as of [staff.concierge, staff.coordinator]) {
        await refused(
          as,
          'consents',
          [{ newDocumentState: { ...record, _deleted: true }, assumedMasterState: record }],
          'consent-record-immutable',
        );
      }
    });

    it('refuses a back-dated record', async () => {
      const backdated = given(staff.concierge, 2, { at: RECORDED_AT - CONSENT_BACKDATE_MAX_MS - DAY });
      await refused(staff.concierge, 'consents', [{ newDocumentState: backdated }], 'consent-backdated');
      const late = Date.now() - CONSENT_BACKDATE_MAX_MS - DAY;
      const recordedLongAgo = given(staff.concierge, 3, { at: late, recordedAt: late });
      await refused(
        staff.concierge,
        'consents',
        [{ newDocumentState: recordedLongAgo }],
        'consent-backdated',
      );
    });

    it('refuses a record citing a notice not yet in effect on the server’s clock', async () => {
      const soon = Date.now() + 4 * 60_000;
      const notice = noticeDocument(noticeId(0x5f0), 'soon-1', soon, staff.admin.staffId);
      expect((await pushAs(server, staff.admin, 'orgSettings', [notice])).json()).toEqual([]);
      const en = notice.texts[0]!;
      // Within the clock skew a device may have: its own clock says the version is in effect.
      const early = given(staff.concierge, 0x5f, {
        noticeId: notice.id,
        noticeVersion: notice.version,
        noticeHash: en.sha256,
        language: en.language,
        at: soon,
        recordedAt: soon,
      });
      await refused(
        staff.concierge,
        'consents',
        [{ newDocumentState: early }],
        'consent-notice-not-effective',
      );
    });

    it('refuses a forged signature, and a record naming another device', async () => {
      // The concierge's own record, its signature made by the coordinator's device key.
      const genuine = given(staff.concierge, 4);
      const forged = { ...genuine, signature: given(staff.coordinator, 4).signature };
      await refused(staff.concierge, 'consents', [{ newDocumentState: forged }], 'consent-signature-invalid');
      const tampered = { ...genuine, purpose: 'marketing' };
      await refused(
        staff.concierge,
        'consents',
        [{ newDocumentState: tampered }],
        'consent-signature-invalid',
      );
      // Recorded and signed on the coordinator's device, pushed by the concierge as theirs.
      const othersDevice = given(staff.coordinator, 5, { recordedBy: staff.concierge.staffId });
      await refused(
        staff.concierge,
        'consents',
        [{ newDocumentState: othersDevice }],
        'consent-device-not-caller',
      );
    });

    it('refuses a second withdrawal, and a withdrawal of another client’s record', async () => {
      const record = given(staff.concierge, 1);
      const first = withdrawal(staff.concierge, 6, record.id);
      expect((await pushAs(server, staff.concierge, 'consents', [first])).json()).toEqual([]);
      const second = withdrawal(staff.coordinator, 7, record.id);
      await refused(
        staff.coordinator,
        'consents',
        [{ newDocumentState: second }],
        'consent-already-withdrawn',
      );
      const theirs = given(staff.concierge, 8, { clientId: clientId(otherClient) });
      expect((await pushAs(server, staff.concierge, 'consents', [theirs])).json()).toEqual([]);
      const across = withdrawal(staff.concierge, 9, theirs.id);
      await refused(
        staff.concierge,
        'consents',
        [{ newDocumentState: across }],
        'consent-refers-to-other-client',
      );
    });

    it('takes a consent and its withdrawal recorded offline in one push, and refuses two withdrawals in one', async () => {
      const offline = given(staff.concierge, 20, { purpose: 'marketing' });
      const ended = withdrawal(staff.concierge, 21, offline.id, { purpose: 'marketing' });
      const res = await rawPush(staff.concierge, 'consents', [
        { newDocumentState: offline },
        { newDocumentState: ended },
      ]);
      expect(res.json()).toEqual([]);
      const another = given(staff.concierge, 22, { purpose: 'marketing' });
      expect((await pushAs(server, staff.concierge, 'consents', [another])).json()).toEqual([]);
      await refused(
        staff.concierge,
        'consents',
        [
          { newDocumentState: withdrawal(staff.concierge, 23, another.id, { purpose: 'marketing' }) },
          { newDocumentState: withdrawal(staff.concierge, 24, another.id, { purpose: 'marketing' }) },
        ],
        'consent-already-withdrawn',
      );
    });

    it('takes the withdrawal of a legacy (version 0) consent, citing what it cites', async () => {
      const legacy = migrateConsentV0({
        id: consentId(0x530),
        clientId: clientId(client),
        purpose: 'marketing',
        policyVersion: '2025-01',
        method: 'written',
        givenAt: 1_700_000_000_000,
        witnessStaffId: staff.coordinator.staffId,
        assignedStaffIds: [staff.concierge.staffId],
        createdAt: 1_700_000_000_000,
        updatedAt: 1_700_000_000_000,
      });
      await writeDocuments(handle.db, 'consents', [
        { id: legacy.id, deleted: false, data: legacy as never, former_assignees: [] },
      ]);
      const cites = {
        noticeId: legacy.noticeId,
        noticeVersion: legacy.noticeVersion,
        noticeHash: legacy.noticeHash,
        language: legacy.language,
      };
      const ending = withdrawal(staff.concierge, 31, legacy.id, { purpose: 'marketing', ...cites });
      expect((await pushAs(server, staff.concierge, 'consents', [ending])).json()).toEqual([]);
      // A legacy record pushed as new is refused: it carries no signature the server can check.
      await refused(
        staff.concierge,
        'consents',
        [{ newDocumentState: { ...legacy, id: consentId(0x531), _deleted: false } }],
        'consent-legacy-not-allowed',
      );
    });

    it('refuses a whole push when one of its rows is refused', async () => {
      const valid = given(staff.concierge, 10, { purpose: 'marketing' });
      const record = given(staff.concierge, 1);
      await refused(
        staff.concierge,
        'consents',
        [
          { newDocumentState: valid },
          { newDocumentState: { ...record, _deleted: true }, assumedMasterState: record },
        ],
        'consent-record-immutable',
      );
    });

    const inEffect = () => noticeDocument(noticeId(0x500), 'effective-1', T0 - DAY, staff.admin.staffId);
    const upcoming = () => noticeDocument(noticeId(0x501), 'upcoming-1', T0 + 30 * DAY, staff.admin.staffId);

    it('lets the admin load notices and change or delete one before it takes effect', async () => {
      expect((await pushAs(server, staff.admin, 'orgSettings', [inEffect(), upcoming()])).json()).toEqual([]);
      const corrected = { ...upcoming(), summary: 'Corrected summary', updatedAt: 2 };
      const change = await rawPush(staff.admin, 'orgSettings', [
        { newDocumentState: corrected, assumedMasterState: upcoming() },
      ]);
      expect(change.json()).toEqual([]);
      const removal = await rawPush(staff.admin, 'orgSettings', [
        { newDocumentState: { ...corrected, _deleted: true }, assumedMasterState: corrected },
      ]);
      expect(removal.json()).toEqual([]);
    });

    it('refuses changing or deleting a notice in effect', async () => {
      const notice = inEffect();
      await refused(
        staff.admin,
        'orgSettings',
        [
          {
            newDocumentState: { ...notice, summary: 'Quietly changed', updatedAt: 9 },
            assumedMasterState: notice,
          },
        ],
        'notice-effective-immutable',
      );
      await refused(
        staff.admin,
        'orgSettings',
        [{ newDocumentState: { ...notice, _deleted: true }, assumedMasterState: notice }],
        'notice-effective-not-deleted',
      );
    });

    it('refuses notices from anyone but the admin, and texts whose hash is not theirs', async () => {
      for (const role of ['concierge', 'coordinator', 'manager'] as const) {
        const as = staff[role];
        const notice = noticeDocument(noticeId(0x510), 'by-' + role, Date.now() + DAY, as.staffId);
        const before = await stored();
        const res = await rawPush(as, 'orgSettings', [{ newDocumentState: notice }]);
        expect(res.statusCode).toBe(403);
        expect(res.json()).toMatchObject({ needs: 'write:orgSettings' });
        expect(await stored()).toEqual(before);
      }
      const notice = noticeDocument(noticeId(0x511), 'lying-hash', Date.now() + DAY, staff.admin.staffId);
      const lying = { ...notice, texts: [{ ...notice.texts[0]!, text: 'Other words' }] };
      await refused(staff.admin, 'orgSettings', [{ newDocumentState: lying }], 'notice-hash-mismatch');
    });
  });
}
