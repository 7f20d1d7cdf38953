import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentPaths, type Incident, type IncidentFacts } from '../../shared/domain/incident';
import { recordedLate } from '../../shared/domain/incident-history';
import type { Role } from '../../shared/index';
import { seedClients, clientId } from '../../tests/support/server/permission-documents';
import { testEngines } from '../../tests/support/server/engines';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import type { LuminaServer } from '../app';
import { loadSodium } from '../../shared/crypto/index';
import { makeCheckpoint } from '../audit/checkpoints';
import { memorySigner } from '../audit/signer';
import { verifyServerLedgers } from '../audit/ledger-check';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// The server runs on the real clock (consent records are checked against it).
const NOW = Date.now();
const sodium = await loadSodium();

/**
 * The breach register's notifications and discovery as tamper-evident as its revisions (migration 27): each is
 * altered here, through the API and around it, and the server refuses it or the ledger check finds it.
 */
for (const engine of testEngines) {
  describe(`the breach register's ledger on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;
    let incident: Incident;
    const signer = memorySigner(sodium);
    const call = (as: TestStaff, method: 'GET' | 'POST', url: string, payload?: object) =>
      server.app.inject({ method, url, headers: as.headers, ...(payload ? { payload } : {}) });
    const broken = async () => (await verifyServerLedgers(handle.db, sodium, signer)).broken;
    const facts: IncidentFacts = {
      summary: 'Export sent to the wrong clinic',
      cause: 'misdelivery',
      dataCategories: ['medical'],
      clientIds: [],
      euClientIds: [],
      encrypted: false,
      keyExposed: false,
      wrongfulPurpose: false,
      financialHarmRisk: false,
    };

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db, { clock: () => NOW, auditSigner: signer }));
      await seedClients(server, staff.coordinator, [
        [1, [staff.coordinator.staffId]],
        [2, [staff.coordinator.staffId]],
      ]);
      const res = await call(staff.admin, 'POST', incidentPaths.incidents, {
        discoveredAt: NOW - 3 * DAY,
        discoveredBy: staff.coordinator.staffId,
        facts: { ...facts, clientIds: [clientId(1), clientId(2)] },
      });
      expect(res.statusCode, res.body).toBe(201);
      incident = res.json<Incident>();
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    it('records each notification with the server’s time: one told two days before is shown as late', async () => {
      const byClient = await call(staff.admin, 'POST', incidentPaths.notifications(incident.id), {
        clientId: clientId(1),
        channel: 'email',
        language: 'en',
        notifiedAt: NOW - HOUR,
        recordedAt: NOW - HOUR,
      });
      expect(byClient.statusCode).toBe(400);
      const onTime = await call(staff.admin, 'POST', incidentPaths.notifications(incident.id), {
        clientId: clientId(1),
        channel: 'email',
        language: 'en',
        notifiedAt: NOW - HOUR,
      });
      expect(onTime.statusCode, onTime.body).toBe(201);
      const late = await call(staff.admin, 'POST', incidentPaths.notifications(incident.id), {
        clientId: clientId(2),
        channel: 'phone',
        language: 'ja',
        notifiedAt: NOW - 2 * DAY,
      });
      expect(late.statusCode, late.body).toBe(201);
      const told = late.json<Incident>().notifications;
      expect(told.map((n) => [n.clientId, n.recordedAt])).toEqual([
        [clientId(2), NOW],
        [clientId(1), NOW],
      ]);
      expect(told.map(recordedLate)).toEqual([2 * DAY, undefined]);
    });

    it('refuses UPDATE and DELETE of a notification in the database', async () => {
      await expect(
        handle.db.query(
          'UPDATE incident_notifications SET notified_at = recorded_at WHERE incident_id = $1',
          [incident.id],
        ),
      ).rejects.toThrow(/append-only/);
      await expect(
        handle.db.query('DELETE FROM incident_notifications WHERE incident_id = $1', [incident.id]),
      ).rejects.toThrow(/append-only/);
      const again = (await call(staff.admin, 'GET', incidentPaths.incident(incident.id))).json<Incident>();
      expect(again.notifications).toHaveLength(2);
    });

    it('keeps the discovery in every revision: corrected earlier as a new revision, never later', async () => {
      expect(incident.history[0]!.state).toMatchObject({
        discoveredAt: NOW - 3 * DAY,
        discoveredBy: staff.coordinator.staffId,
      });
      const later = await call(staff.admin, 'POST', incidentPaths.incident(incident.id), {
        discoveredAt: NOW - 2 * DAY,
      });
      expect([later.statusCode, later.json<{ reason: string }>().reason]).toEqual([400, 'discovery-later']);
      const earlier = await call(staff.admin, 'POST', incidentPaths.incident(incident.id), {
        baseRevision: 1,
        discoveredAt: NOW - 4 * DAY,
        discoveredBy: staff.admin.staffId,
      });
      expect(earlier.statusCode, earlier.body).toBe(200);
      const corrected = earlier.json<Incident>();
      expect(corrected).toMatchObject({ discoveredAt: NOW - 4 * DAY, discoveredBy: staff.admin.staffId });
      expect(corrected.history.map((r) => [r.revision, r.changed, r.state.discoveredAt])).toEqual([
        [1, ['recorded'], NOW - 3 * DAY],
        [2, ['discoveredAt', 'discoveredBy'], NOW - 4 * DAY],
      ]);
      expect(await broken()).toBeUndefined();
    });

    it('finds an incident written around the API: its discovery moved forward, then set back', async () => {
      await makeCheckpoint(handle.db, sodium, signer, NOW, { evenEmpty: true });
      expect(await verifyServerLedgers(handle.db, sodium, signer)).toEqual({
        ok: true,
        checkpointsVerified: 1,
      });
      await handle.db.query('UPDATE incidents SET discovered_at = discovered_at + $2 WHERE id = $1', [
        incident.id,
        3 * DAY,
      ]);
      expect(await broken()).toMatchObject({
        ledger: 'incidents',
        problem: 'live-row',
        incidentId: incident.id,
      });
      await handle.db.query('UPDATE incidents SET discovered_at = discovered_at - $2 WHERE id = $1', [
        incident.id,
        3 * DAY,
      ]);
      await handle.db.query(
        `UPDATE incidents SET ppc_preliminary_at = $2, discovered_by = $3 WHERE id = $1`,
        [incident.id, NOW, staff.admin.staffId],
      );
      expect(await broken()).toMatchObject({ ledger: 'incidents', problem: 'live-row' });
      await handle.db.query(`UPDATE incidents SET ppc_preliminary_at = NULL WHERE id = $1`, [incident.id]);
      expect(await broken()).toBeUndefined();
      // An incident inserted with no revision at all.
      await handle.db.query(
        `INSERT INTO incidents (id, discovered_at, discovered_by, recorded_by, recorded_at, facts, updated_at)
          VALUES ('00000000-0000-4000-8000-00000000e999', $1, $2, $2, $1, $3, $1)`,
        [NOW, staff.admin.staffId, JSON.stringify(facts)],
      );
      expect(await broken()).toEqual({
        ledger: 'incidents',
        at: 0,
        problem: 'live-row',
        incidentId: '00000000-0000-4000-8000-00000000e999',
      });
    });

    it('chains the notifications: one altered past the trigger is found, re-chained or deleted', async () => {
      await handle.db.query(`DELETE FROM incidents WHERE id = '00000000-0000-4000-8000-00000000e999'`);
      const checkpoint = (await makeCheckpoint(handle.db, sodium, signer, NOW + 1, { evenEmpty: true }))!;
      expect(checkpoint.ledgers!.incidentNotifications).toMatchObject({ at: 2 });
      const bypass = async (sql: string) => {
        await handle.db.query(
          'ALTER TABLE incident_notifications DISABLE TRIGGER incident_notifications_append_only',
        );
        await handle.db.query(sql);
        await handle.db.query(
          'ALTER TABLE incident_notifications ENABLE TRIGGER incident_notifications_append_only',
        );
      };
      // The late one's "told at" moved to look on time.
      await bypass('UPDATE incident_notifications SET recorded_at = notified_at + 60000 WHERE chain_seq = 2');
      expect(await broken()).toEqual({ ledger: 'incidentNotifications', at: 2, problem: 'hash' });
      // Re-hashed after the edit: the row holds, the signed checkpoint's head does not.
      await bypass(
        'UPDATE incident_notifications n SET hash = incident_notification_hash(n.prev_hash, n) WHERE chain_seq = 2',
      );
      expect(await broken()).toMatchObject({
        ledger: 'incidentNotifications',
        problem: 'checkpoint',
        checkpointId: checkpoint.id,
      });
      await bypass('DELETE FROM incident_notifications WHERE chain_seq = 1');
      expect(await broken()).toEqual({ ledger: 'incidentNotifications', at: 2, problem: 'link' });
    });
  });
}
