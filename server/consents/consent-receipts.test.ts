import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../../shared/domain/consent';
import { canWriteMedical } from '../../shared/domain/consent-ledger';
import type { Role } from '../../shared/index';
import type { LuminaServer } from '../app';
import { pushFactsOf } from '../sync/push-facts';
import { testEngines } from '../../tests/support/server/engines';
import {
  clientId,
  consentId,
  DAY_MS,
  ensureTestNotice,
  makerOf,
  pushAs,
  signedConsent,
  TEST_NOTICE,
} from '../../tests/support/server/permission-documents';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';

/**
 * Issue 14, back-dating: the server keeps when it received each consent record (its own clock) and judges a record
 * in force from its stated date or its receipt, whichever is later, for its decisions about a past moment; the
 * record keeps the client's stated date. A refused push keeps no receipt; a retry keeps the first.
 */

const CLIENT = 740;

for (const engine of testEngines) {
  describe(`consent receipts on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;
    let now = Date.now();

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db, { clock: () => now }));
      const client = makerOf('clients').make(CLIENT, [], staff.coordinator);
      expect((await pushAs(server, staff.coordinator, 'clients', [client])).statusCode).toBe(200);
      await ensureTestNotice(server);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const receipts = async () =>
      (
        await handle.db.query<{ id: string; received_at: string | number }>(
          'SELECT id, received_at FROM consent_receipts ORDER BY id',
          [],
        )
      ).map((row) => [row.id, Number(row.received_at)]);
    const record = (n: number, extra: Partial<ConsentRecord>) =>
      signedConsent(staff.coordinator, { id: consentId(0x740 + n), clientId: clientId(CLIENT), ...extra });

    const start = Date.now();
    const consent = () => record(1, { at: start - 20 * DAY_MS, recordedAt: start - 20 * DAY_MS });
    // Dated (and recorded, by the device's clock) 15 days back; it reaches the server only now.
    const withdrawal = () =>
      record(2, {
        action: 'withdrawn',
        refersTo: consentId(0x741),
        method: 'email',
        at: start - 15 * DAY_MS,
        recordedAt: start - 15 * DAY_MS,
      });

    it('keeps no receipt of a refused push, and the server’s time of an accepted one', async () => {
      const forged = { ...record(9, { at: start - DAY_MS, recordedAt: start - DAY_MS }), method: 'email' };
      const refused = await pushAs(server, staff.coordinator, 'consents', [consent(), forged]);
      expect(refused.statusCode).toBe(403);
      expect(await receipts()).toEqual([]);
      now = start;
      expect((await pushAs(server, staff.coordinator, 'consents', [consent()])).json()).toEqual([]);
      expect(await receipts()).toEqual([[consentId(0x741), start]]);
      // A retry later keeps the first receipt.
      now = start + 60_000;
      expect((await pushAs(server, staff.coordinator, 'consents', [consent()])).json()).toEqual([]);
      expect(await receipts()).toEqual([[consentId(0x741), start]]);
    });

    it('judges a back-dated withdrawal from its receipt, its stated date kept', async () => {
      // Five minutes later (a session outlives that, not a day).
      now = start + 5 * 60_000;
      expect((await pushAs(server, staff.coordinator, 'consents', [withdrawal()])).json()).toEqual([]);
      const [row] = await handle.db.query<{ data: ConsentRecord }>(
        "SELECT data FROM sync_documents WHERE collection = 'consents' AND id = $1",
        [consentId(0x742)],
      );
      expect(row!.data.at).toBe(start - 15 * DAY_MS);

      const facts = pushFactsOf(handle.db, []);
      const stated = await facts.consentsOfClient(clientId(CLIENT));
      const judged = await facts.consentsAsReceived!(clientId(CLIENT));
      expect(judged.find((r) => r.id === consentId(0x742))?.at).toBe(start + 5 * 60_000);
      expect(judged.find((r) => r.id === consentId(0x741))?.at).toBe(start);
      // Between the consent's receipt and the withdrawal's, the server allowed medical writes: judged as of then,
      // the late withdrawal (dated before) does not defeat that gate; on the stated dates it would.
      const between = start + 2 * 60_000;
      expect(canWriteMedical(judged, [TEST_NOTICE], clientId(CLIENT), between)).toMatchObject({ ok: true });
      expect(canWriteMedical(stated, [TEST_NOTICE], clientId(CLIENT), between)).toMatchObject({
        ok: false,
        reason: 'consent-withdrawn',
      });
      // The consent, dated 20 days back but received at `start`, made nothing lawful before it was received.
      const before = start - 17 * DAY_MS;
      expect(canWriteMedical(stated, [TEST_NOTICE], clientId(CLIENT), before)).toMatchObject({ ok: true });
      expect(canWriteMedical(judged, [TEST_NOTICE], clientId(CLIENT), before)).toMatchObject({
        ok: false,
        reason: 'no-consent',
      });
      // Now, both say the consent is withdrawn.
      for (const ledger of [stated, judged]) {
        expect(canWriteMedical(ledger, [TEST_NOTICE], clientId(CLIENT), now)).toMatchObject({
          ok: false,
          reason: 'consent-withdrawn',
        });
      }
    });
  });
}
