import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSubjectRequest } from '../../shared/domain/request';
import { DAY_MS } from '../../shared/domain/request-rules';
import { testEngines } from '../../tests/support/server/engines';
import { clientId, seedEveryCollection } from '../../tests/support/server/permission-documents';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import { requestOf } from '../../tests/support/server/verified-request';
import type { Role } from '../../shared/index';
import { documentById } from '../sync/documents';
import type { LuminaServer } from '../app';

/**
 * Issue 16 review F3: a manager's or the DPO's push could rewrite a request's history. Each rewrite below is
 * refused by the server (shared/domain/request-history.ts through the push rule) and the stored request is left
 * as it was.
 */
for (const engine of testEngines) {
  describe(`the request register's history on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      await seedEveryCollection(server, staff);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const push = (by: TestStaff, next: DataSubjectRequest, assumed?: DataSubjectRequest) =>
      server.app.inject({
        method: 'POST',
        url: '/sync/requests/push',
        headers: by.headers,
        payload: [
          {
            newDocumentState: { ...next, _deleted: false },
            ...(assumed ? { assumedMasterState: { ...assumed, _deleted: false } } : {}),
          },
        ],
      });
    const stored = async (id: string) => documentById(server.db, 'requests', id);

    /** A request logged and checked by `by`, stored on the server: as it stands there. */
    async function logged(by: TestStaff, overrides: Partial<DataSubjectRequest>) {
      const request = await requestOf(server, by, clientId(1), overrides);
      const res = await push(by, request);
      expect(res.statusCode, res.body).toBe(200);
      return request;
    }

    async function expectRefused(
      by: TestStaff,
      before: DataSubjectRequest,
      next: DataSubjectRequest,
      reason: string,
    ) {
      const saved = await stored(before.id);
      const res = await push(by, { ...next, updatedAt: before.updatedAt + 1 }, before);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json()).toMatchObject({ reason });
      expect(await stored(before.id)).toEqual(saved);
    }

    it('refuses to rewrite the receipt, the requester or their words', async () => {
      const { manager } = staff;
      const before = await logged(manager, { details: 'Send me everything you hold.' });
      await expectRefused(manager, before, { ...before, details: 'Only my trips.' }, 'request-fixed-field');
      await expectRefused(manager, before, { ...before, channel: 'phone' }, 'request-fixed-field');
      await expectRefused(
        manager,
        before,
        { ...before, requester: { kind: 'representative', name: 'B', relationship: 'friend' } },
        'request-requester-fixed',
      );
    });

    it('keeps a failed identity check: not replaced by a passing one, nor dropped once followed', async () => {
      const { admin } = staff;
      const now = Date.now();
      const failed = {
        method: 'photo-id-copy' as const,
        outcome: 'failed' as const,
        by: admin.staffId,
        at: now - 400,
      };
      const before = await logged(admin, { verification: failed });
      const passing = { ...failed, outcome: 'verified' as const, at: now - 100 };
      await expectRefused(admin, before, { ...before, verification: passing }, 'request-record-kept');
      const followed = { ...before, verification: passing, earlierChecks: [failed] };
      const res = await push(admin, { ...followed, updatedAt: before.updatedAt + 1 }, before);
      expect(res.statusCode, res.body).toBe(200);
      const now2 = { ...followed, updatedAt: before.updatedAt + 1 };
      await expectRefused(admin, now2, { ...now2, earlierChecks: [] }, 'request-check-kept');
      await expectRefused(
        admin,
        now2,
        { ...now2, verification: { ...passing, at: now - 50 } },
        'request-record-kept',
      );
    });

    it('refuses records dated before the receipt or more than 30 days back', async () => {
      const { admin } = staff;
      const received = Date.now() - 40 * DAY_MS;
      const before = await logged(admin, {
        receivedAt: received,
        createdAt: received,
        updatedAt: received,
        verification: undefined,
        status: 'received',
      });
      const check = { method: 'photo-id-copy' as const, outcome: 'verified' as const, by: admin.staffId };
      await expectRefused(
        admin,
        before,
        { ...before, status: 'verifying', verification: { ...check, at: received - DAY_MS } },
        'request-recorded-before-receipt',
      );
      await expectRefused(
        admin,
        before,
        { ...before, status: 'verifying', verification: { ...check, at: received + DAY_MS } },
        'request-recorded-backdated',
      );
    });

    it('refuses to close an overdue request as withdrawn, or a withdrawal nobody said how it came', async () => {
      const { manager } = staff;
      const received = Date.now() - 20 * DAY_MS;
      const overdue = await logged(manager, {
        receivedAt: received,
        createdAt: received,
        updatedAt: received,
      });
      const withdrawal = {
        status: 'withdrawn' as const,
        withdrawalReason: 'No longer wanted',
        withdrawalChannel: 'email' as const,
      };
      await expectRefused(
        manager,
        overdue,
        { ...overdue, ...withdrawal, withdrawnAt: Date.now() },
        'request-withdrawal-overdue',
      );
      await expectRefused(
        manager,
        overdue,
        { ...overdue, ...withdrawal, withdrawnAt: overdue.dueAt - DAY_MS },
        'request-withdrawal-overdue',
      );
      const open = await logged(manager, {});
      const said = { ...open, ...withdrawal, withdrawnAt: Date.now() };
      const { withdrawalChannel, ...unsaid } = said;
      void withdrawalChannel;
      await expectRefused(manager, open, unsaid, 'request-withdrawal-channel-missing');
      const res = await push(manager, { ...said, updatedAt: open.updatedAt + 1 }, open);
      expect(res.statusCode, res.body).toBe(200);
      const closed = { ...said, updatedAt: open.updatedAt + 1 };
      await expectRefused(manager, closed, { ...closed, status: 'in-progress' }, 'request-status-backwards');
    });
  });
}
