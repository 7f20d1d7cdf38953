import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/index';
import { CONSENT_CLOCK_SKEW_MS } from '../../shared/domain/consent-ledger';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import {
  clientId,
  consentId,
  ensureTestNotice,
  noticeDocument,
  noticeId,
  pushAs,
  seedClients,
  signedConsent,
  TEST_NOTICE,
} from '../../tests/support/server/permission-documents';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';

/**
 * Issue 14, acceptance bullet 2 (review): the ledger refusals that were checked by pure unit tests only
 * (shared/sync/push-rules-consent.test.ts), now through the server's push route on each engine: 403 with the
 * reason, and nothing of the push written (consent-ledger.test.ts covers the others).
 */

const DAY = 24 * 60 * 60 * 1000;

for (const engine of testEngines) {
  describe(`the ledger's refusals, through the server on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;
    const client = 550;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      await seedClients(server, staff.coordinator, [[client, [staff.concierge.staffId]]]);
      await ensureTestNotice(server);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const stored = () =>
      handle.db.query(
        `SELECT collection, id, seq::text AS seq, deleted, data FROM sync_documents
          WHERE collection IN ('consents', 'orgSettings') ORDER BY collection, id`,
      );
    async function refused(
      as: TestStaff,
      collection: 'consents' | 'orgSettings',
      row: object,
      reason: string,
    ) {
      const before = await stored();
      const res = await pushAs(server, as, collection, [row]);
      expect(res.statusCode, `${reason}: ${res.body}`).toBe(403);
      expect(res.json()).toMatchObject({ reason });
      expect(await stored()).toEqual(before);
    }
    const accepted = async (row: object) =>
      expect((await pushAs(server, staff.concierge, 'consents', [row])).json()).toEqual([]);
    const record = (n: number, fields: object = {}) =>
      signedConsent(staff.concierge, {
        id: consentId(0x550 + n),
        clientId: clientId(client),
        assignedStaffIds: [staff.concierge.staffId],
        ...fields,
      });
    const withdrawal = (n: number, refersTo: string, fields: object = {}) =>
      record(n, { action: 'withdrawn', refersTo, requestedBy: 'client', ...fields });
    const correction = (n: number, refersTo: string, fields: object = {}) =>
      record(n, { action: 'corrected', refersTo, notes: `correction ${n}`, ...fields });
    const given = () => record(1);

    it('refuses a second correction of one record (consent-already-corrected)', async () => {
      await accepted(given());
      const first = correction(2, given().id);
      await accepted(first);
      await refused(staff.concierge, 'consents', correction(3, given().id), 'consent-already-corrected');
      // Correcting the correction is the way on.
      await accepted(correction(4, first.id));
    });

    it('refuses an unknown notice, a hash not of its text, and a date before the notice took effect', async () => {
      await refused(
        staff.concierge,
        'consents',
        record(5, { noticeId: noticeId(0x5ff) }),
        'consent-notice-unknown',
      );
      await refused(
        staff.concierge,
        'consents',
        record(6, { noticeVersion: 'other-9' }),
        'consent-notice-unknown',
      );
      await refused(
        staff.concierge,
        'consents',
        record(7, { noticeHash: '1'.repeat(64) }),
        'consent-notice-hash-mismatch',
      );
      // The notice's text in a language it does not have.
      await refused(
        staff.concierge,
        'consents',
        record(8, { language: 'ja' }),
        'consent-notice-hash-mismatch',
      );
      await refused(
        staff.concierge,
        'consents',
        record(9, { at: TEST_NOTICE.effectiveAt - DAY }),
        'consent-before-notice',
      );
    });

    it('refuses a record recorded ahead of the server’s clock (consent-recorded-in-future)', async () => {
      const ahead = Date.now() + CONSENT_CLOCK_SKEW_MS + 60_000;
      await refused(
        staff.concierge,
        'consents',
        record(10, { at: ahead, recordedAt: ahead }),
        'consent-recorded-in-future',
      );
    });

    it('refuses what refers to nothing held, to no consent, or to another purpose', async () => {
      await refused(
        staff.concierge,
        'consents',
        withdrawal(11, consentId(0x5fe)),
        'consent-refers-to-unknown',
      );
      const told = record(12, { action: 'informed', method: 'email' });
      await accepted(told);
      await refused(staff.concierge, 'consents', withdrawal(13, told.id), 'consent-refers-to-not-a-consent');
      await refused(
        staff.concierge,
        'consents',
        withdrawal(14, given().id, { purpose: 'marketing' }),
        'consent-refers-to-other-purpose',
      );
      await refused(staff.concierge, 'consents', correction(15, told.id), 'consent-refers-to-not-a-consent');
    });

    it('refuses a withdrawal or correction dated before the record it refers to (consent-before-referred)', async () => {
      const later = record(16, { purpose: 'marketing', at: Date.now() - 2 * DAY });
      await accepted(later);
      const early = Date.now() - 3 * DAY;
      await refused(
        staff.concierge,
        'consents',
        withdrawal(17, later.id, { purpose: 'marketing', at: early }),
        'consent-before-referred',
      );
      await refused(
        staff.concierge,
        'consents',
        correction(18, later.id, { purpose: 'marketing', at: early }),
        'consent-before-referred',
      );
    });

    it('refuses the notice refusals the admin meets: a label taken, a publisher who is not the caller', async () => {
      const taken = noticeDocument(
        noticeId(0x560),
        TEST_NOTICE.version,
        Date.now() + DAY,
        staff.admin.staffId,
      );
      await refused(staff.admin, 'orgSettings', taken, 'notice-version-taken');
      const forOther = noticeDocument(noticeId(0x561), 'other-1', Date.now() + DAY, staff.manager.staffId);
      await refused(staff.admin, 'orgSettings', forOther, 'notice-publisher-not-caller');
      // org-setting-admin-only: a non-admin is stopped before the rule, by the role's permission (403 needs
      // write:orgSettings, nothing written); the rule's own check is defence in depth.
      const byManager = noticeDocument(noticeId(0x562), 'manager-1', Date.now() + DAY, staff.manager.staffId);
      const before = await stored();
      const res = await pushAs(server, staff.manager, 'orgSettings', [byManager]);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ needs: 'write:orgSettings' });
      expect(await stored()).toEqual(before);
    });

    // Last: it leaves the concierge no longer active.
    it('refuses a witness who is not an active staff member (consent-witness-not-active)', async () => {
      const witnessed = (n: number) =>
        record(n, {
          purpose: 'marketing',
          method: 'verbal-witnessed',
          witnessStaffId: staff.concierge.staffId,
        });
      // Sessions of staff not revoked still authenticate; the witness must be active all the same.
      await handle.db.query(`UPDATE staff SET status = 'invited' WHERE id = $1`, [staff.concierge.staffId]);
      await refused(staff.concierge, 'consents', witnessed(19), 'consent-witness-not-active');
      await handle.db.query(`UPDATE staff SET status = 'active' WHERE id = $1`, [staff.concierge.staffId]);
      await accepted(witnessed(20));
    });
  });
}
