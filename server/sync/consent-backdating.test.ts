import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/index';
import { CONSENT_BACKDATE_MAX_MS } from '../../shared/domain/consent-ledger';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import {
  clientId,
  consentId,
  ensureTestNotice,
  pushAs,
  seedClients,
  signedConsent,
} from '../../tests/support/server/permission-documents';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';

/**
 * Issue 14, review F2: the server refuses a back-dated withdrawal, refusal or "told" (informed) record as it refuses
 * a back-dated consent: recorded (`recordedAt`) more than CONSENT_BACKDATE_MAX_MS before the server's clock, whatever
 * its action. Nothing of the push is written. A record recorded offline within the bound still passes.
 */

const DAY = 24 * 60 * 60 * 1000;

for (const engine of testEngines) {
  describe(`back-dated records of every action, refused by the server on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;
    const client = 540;

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
        `SELECT id, seq::text AS seq, data FROM sync_documents WHERE collection = 'consents' ORDER BY id`,
      );
    const record = (n: number, fields: object) =>
      signedConsent(staff.concierge, {
        id: consentId(0x540 + n),
        clientId: clientId(client),
        assignedStaffIds: [staff.concierge.staffId],
        ...fields,
      });
    async function refusedAsBackdated(row: object) {
      const before = await stored();
      const res = await pushAs(server, staff.concierge, 'consents', [row]);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json()).toMatchObject({ reason: 'consent-backdated' });
      expect(await stored()).toEqual(before);
    }

    // A consent signed on paper 45 days ago, recorded 20 days ago: within the bound, accepted.
    const now = Date.now();
    const consent = () => record(1, { at: now - 45 * DAY, recordedAt: now - 20 * DAY });

    it('accepts a consent and its withdrawal recorded offline within the bound', async () => {
      expect((await pushAs(server, staff.concierge, 'consents', [consent()])).json()).toEqual([]);
    });

    it('accepts a correction keeping the date and notice of the consent it corrects, 45 days back; refuses one moving either', async () => {
      const correction = (n: number, fields: object) =>
        record(n, {
          action: 'corrected',
          refersTo: consent().id,
          notes: 'form 12, misread',
          at: consent().at,
          recordedAt: now,
          ...fields,
        });
      // Past the bound, a minute earlier or a day later is a date the ledger never held: refused, nothing written.
      await refusedAsBackdated(correction(8, { at: consent().at - 60_000 }));
      await refusedAsBackdated(correction(8, { at: consent().at + DAY }));
      const kept = correction(7, {});
      expect((await pushAs(server, staff.concierge, 'consents', [kept])).json()).toEqual([]);
      expect((await stored()).map((row) => row.id)).toContain(kept.id);
    });

    it('refuses a withdrawal recorded longer ago than the bound', async () => {
      const late = now - CONSENT_BACKDATE_MAX_MS - 5 * DAY;
      await refusedAsBackdated(
        record(2, {
          action: 'withdrawn',
          refersTo: consent().id,
          requestedBy: 'client',
          at: late,
          recordedAt: late,
        }),
      );
    });

    it('refuses a "told" (informed) record and a refusal recorded longer ago than the bound', async () => {
      const late = now - CONSENT_BACKDATE_MAX_MS - DAY;
      await refusedAsBackdated(
        record(3, { action: 'informed', method: 'email', at: late, recordedAt: late }),
      );
      await refusedAsBackdated(record(4, { action: 'refused', at: late, recordedAt: late }));
    });

    it('accepts a withdrawal within the bound, dated by the client up to the bound before its recording', async () => {
      const recordedAt = now - 10 * DAY;
      const withdrawal = record(5, {
        action: 'withdrawn',
        refersTo: consent().id,
        requestedBy: 'client',
        at: now - 35 * DAY,
        recordedAt,
      });
      expect((await pushAs(server, staff.concierge, 'consents', [withdrawal])).json()).toEqual([]);
      const told = record(6, { action: 'informed', method: 'email', at: recordedAt, recordedAt });
      expect((await pushAs(server, staff.concierge, 'consents', [told])).json()).toEqual([]);
    });
  });
}
