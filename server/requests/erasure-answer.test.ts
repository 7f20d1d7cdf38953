import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../shared/domain/request-rules';
import { testEngines } from '../../tests/support/server/engines';
import { clientId, seedClients, seedEveryCollection } from '../../tests/support/server/permission-documents';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import { pushRequest, requestOf } from '../../tests/support/server/verified-request';
import type { Role } from '../../shared/index';
import type { LuminaServer } from '../app';

/**
 * Issue 16 review: any erasure of the client answered an erasure request. The answer needs an erasure of the
 * client covering the request's scope (the whole client's covers any), scheduled at or after the request was
 * received, and not cancelled (request-rules.ts `erasureAnswers`), as the server's erasures table holds them.
 */
for (const engine of testEngines) {
  describe(`an erasure request's answer on ${engine.name}`, () => {
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

    const schedule = async (
      at: number,
      status: 'scheduled' | 'cancelled' | 'executed',
      { client = clientId(1), scope = 'client' }: { client?: string; scope?: string } = {},
    ) => {
      const id = randomUUID();
      await handle.db.query(
        `INSERT INTO erasures (id, client_id, basis, scheduled_by, scheduled_at, due_at, status, cancelled_by,
           cancelled_at, scope, executed_at, report)
         VALUES ($1, $2, 'decision', $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          id,
          client,
          staff.admin.staffId,
          at,
          at + 30 * DAY_MS,
          status,
          status === 'cancelled' ? staff.admin.staffId : null,
          status === 'cancelled' ? at + 1000 : null,
          scope,
          status === 'executed' ? at + 2000 : null,
          status === 'executed'
            ? JSON.stringify({
                erased: [],
                keyWrapsDestroyed: 0,
                recoveryWrapDestroyed: false,
                kept: [],
                reduced: [],
              })
            : null,
        ],
      );
      return id;
    };

    it('refuses an erasure scheduled before the request, or cancelled; takes one scheduled since', async () => {
      const { admin } = staff;
      const now = Date.now();
      const request = await requestOf(server, admin, clientId(1), {
        type: 'erasure',
        status: 'answered',
        action: { kind: 'erasure-scheduled', by: admin.staffId, at: now - 100 },
        answer: { channel: 'email', summary: 'Erased.', partial: false, by: admin.staffId, at: now - 50 },
      });
      // An erasure decided a week before the request reached the company, and one since that was cancelled.
      const earlier = await schedule(request.receivedAt - 7 * DAY_MS, 'scheduled');
      await schedule(request.receivedAt + 100, 'cancelled');
      const before = await pushRequest(server, admin, request);
      expect(before.statusCode).toBe(403);
      expect(before.json()).toMatchObject({ reason: 'request-action-erasure-before-request' });
      await handle.db.query(
        `UPDATE erasures SET status = 'cancelled', cancelled_by = $2, cancelled_at = $3 WHERE id = $1`,
        [earlier, admin.staffId, now],
      );
      const cancelled = await pushRequest(server, admin, request);
      expect(cancelled.statusCode).toBe(403);
      expect(cancelled.json()).toMatchObject({ reason: 'request-action-erasure-missing' });
      await schedule(request.receivedAt + 200, 'scheduled');
      const answered = await pushRequest(server, admin, request);
      expect(answered.statusCode, answered.body).toBe(200);
    });

    it('refuses a passport- or medical-only erasure; takes the whole client’s, whatever partial one came after', async () => {
      const { admin } = staff;
      const now = Date.now();
      const client = clientId(2);
      const request = await requestOf(server, admin, client, {
        type: 'erasure',
        status: 'answered',
        action: { kind: 'erasure-scheduled', by: admin.staffId, at: now - 100 },
        answer: { channel: 'email', summary: 'Erased.', partial: false, by: admin.staffId, at: now - 50 },
      });
      await schedule(request.receivedAt + 100, 'executed', { client, scope: 'passport' });
      await schedule(request.receivedAt + 100, 'scheduled', { client, scope: 'medical' });
      const partial = await pushRequest(server, admin, request);
      expect(partial.statusCode).toBe(403);
      expect(partial.json()).toMatchObject({ reason: 'request-action-erasure-partial' });
      // The whole client's, scheduled before a later partial one (the latest erasure is not the answer).
      await schedule(request.receivedAt + 50, 'scheduled', { client });
      const answered = await pushRequest(server, admin, request);
      expect(answered.statusCode, answered.body).toBe(200);
    });

    it('a request for the medical section alone: answered by a medical erasure, not a passport one', async () => {
      const { admin } = staff;
      const now = Date.now();
      await seedClients(server, staff.coordinator, [[3, []]]);
      const client = clientId(3);
      const request = await requestOf(server, admin, client, {
        type: 'erasure',
        erasureScope: 'medical',
        status: 'answered',
        action: { kind: 'erasure-scheduled', by: admin.staffId, at: now - 100 },
        answer: { channel: 'email', summary: 'Erased.', partial: false, by: admin.staffId, at: now - 50 },
      });
      await schedule(request.receivedAt + 100, 'executed', { client, scope: 'passport' });
      await schedule(request.receivedAt + 100, 'cancelled', { client, scope: 'medical' });
      const partial = await pushRequest(server, admin, request);
      expect(partial.statusCode).toBe(403);
      expect(partial.json()).toMatchObject({ reason: 'request-action-erasure-partial' });
      await schedule(request.receivedAt + 200, 'scheduled', { client, scope: 'medical' });
      const answered = await pushRequest(server, admin, request);
      expect(answered.statusCode, answered.body).toBe(200);
    });
  });
}
