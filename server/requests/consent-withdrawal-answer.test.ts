import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../../shared/domain/consent';
import type { DataSubjectRequest } from '../../shared/domain/request';
import { DAY_MS } from '../../shared/domain/request-rules';
import { testEngines } from '../../tests/support/server/engines';
import { clientId, seedClients, seedEveryCollection } from '../../tests/support/server/permission-documents';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import { requestOf } from '../../tests/support/server/verified-request';
import type { Role } from '../../shared/index';
import { documentById, writeDocuments } from '../sync/documents';
import type { LuminaServer } from '../app';

/**
 * Issue 16 review F4: a consent-withdrawal request closed on free text. Its answer needs its action naming a
 * withdrawal of each purpose in the client's ledger as the server holds it, recorded since the receipt, and
 * nothing of the purposes still in force (request-evidence.ts `cessationActionProblem`).
 */
for (const engine of testEngines) {
  describe(`a consent withdrawal's answer on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      await seedEveryCollection(server, staff);
      await seedClients(server, staff.coordinator, [[9, []]]);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    /** Consent records as the ledger holds them (their own push rule is tested with the ledger). */
    const ledger = (records: ConsentRecord[]) =>
      handle.db.transaction((tx) =>
        writeDocuments(
          tx,
          'consents',
          records.map((record) => ({
            id: record.id,
            deleted: false,
            data: { ...record },
            former_assignees: [],
          })),
        ),
      );
    const push = (next: DataSubjectRequest, assumed?: DataSubjectRequest) =>
      server.app.inject({
        method: 'POST',
        url: '/sync/requests/push',
        headers: staff.manager.headers,
        payload: [
          {
            newDocumentState: { ...next, _deleted: false },
            ...(assumed ? { assumedMasterState: { ...assumed, _deleted: false } } : {}),
          },
        ],
      });

    it('is answered on a withdrawal of each purpose named, since the receipt; not on words', async () => {
      const { manager } = staff;
      const client = clientId(9);
      const now = Date.now();
      const request = await requestOf(server, manager, client, {
        type: 'consent-withdrawal',
        status: 'in-progress',
      });
      expect((await push(request)).statusCode).toBe(200);
      const answer = {
        channel: 'email' as const,
        summary: 'Done.',
        partial: false,
        by: manager.staffId,
        at: now,
      };
      const bare = await push({ ...request, status: 'answered', answer, updatedAt: now }, request);
      expect(bare.statusCode).toBe(403);
      expect(bare.json()).toMatchObject({ reason: 'request-answer-evidence-missing' });

      const given: ConsentRecord = {
        id: randomUUID(),
        clientId: client,
        action: 'given',
        purpose: 'marketing',
        noticeId: randomUUID(),
        at: now - 10 * DAY_MS,
        recordedAt: now - 10 * DAY_MS,
      } as unknown as ConsentRecord;
      const withdrawal = {
        ...given,
        id: randomUUID(),
        action: 'withdrawn',
        refersTo: given.id,
        at: now - 100,
        recordedAt: now - 100,
      } as ConsentRecord;
      await ledger([given]);
      const action = {
        kind: 'consent-withdrawn' as const,
        purposes: ['marketing' as const],
        consentRecordIds: [withdrawal.id],
        by: manager.staffId,
        at: now,
      };
      const acted = { ...request, action, status: 'answered' as const, answer, updatedAt: now };
      // The withdrawal named is not in the ledger (and the consent is in force).
      const unknown = await push(acted, request);
      expect(unknown.statusCode).toBe(403);
      expect(unknown.json()).toMatchObject({ reason: 'request-action-records-unknown' });
      expect(await documentById(server.db, 'requests', request.id)).toMatchObject({ status: 'in-progress' });
      await ledger([withdrawal]);
      // A purpose named with no withdrawal of it (nothing of it was in force either).
      const short = await push(
        { ...acted, action: { ...action, purposes: ['marketing', 'overseas-transfer'] } },
        request,
      );
      expect(short.statusCode).toBe(403);
      expect(short.json()).toMatchObject({ reason: 'request-action-withdrawal-missing' });
      const answered = await push(acted, request);
      expect(answered.statusCode, answered.body).toBe(200);
    });
  });
}
