import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSodium } from '../../shared/crypto/index';
import type { LedgerRule } from '../../shared/domain/audit-api';
import { incidentPaths, type Incident, type IncidentFacts } from '../../shared/domain/incident';
import type { Role } from '../../shared/index';
import { clientId, seedClients } from '../../tests/support/server/permission-documents';
import { testEngines } from '../../tests/support/server/engines';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import type { LuminaServer } from '../app';
import { makeCheckpoint } from '../audit/checkpoints';
import { verifyServerLedgers } from '../audit/ledger-check';
import { memorySigner } from '../audit/signer';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.now();
const sodium = await loadSodium();

/**
 * The ledger check against its database's owner (review18-s6): rows appended that the API would refuse, chained
 * by the trigger, are found by the API's rules; and a row altered with the database's hash function replaced is
 * found, the hashes being computed in the server.
 */
for (const engine of testEngines) {
  describe(`the ledger check's own hashes and the API's rules on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;
    let incident: Incident;
    const signer = memorySigner(sodium);
    const call = (as: TestStaff, method: 'GET' | 'POST', url: string, payload?: object) =>
      server.app.inject({ method, url, headers: as.headers, ...(payload ? { payload } : {}) });
    const broken = async () => (await verifyServerLedgers(handle.db, sodium, signer)).broken;
    const sql = (text: string, values: unknown[] = []) => handle.db.query(text, values);
    /** Deletes the chain's last row past the append-only trigger: the chain as it was before the append. */
    const dropLast = async (table: 'incident_revisions' | 'incident_notifications') => {
      await sql(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_append_only`);
      await sql(`DELETE FROM ${table} WHERE chain_seq = (SELECT max(chain_seq) FROM ${table})`);
      await sql(`ALTER TABLE ${table} ENABLE TRIGGER ${table}_append_only`);
      expect(await broken()).toBeUndefined();
    };
    const revise = (revision: number, by: string | null, changed: string[], state: object, at = NOW) =>
      sql(
        `INSERT INTO incident_revisions (incident_id, revision, at, by_staff, changed, state)
          VALUES ($1, $2, $3, $4, $5, $6)`,
        [incident.id, revision, at, by, JSON.stringify(changed), JSON.stringify(state)],
      );
    const tell = (notifiedAt: number, recordedAt: number) =>
      sql(
        `INSERT INTO incident_notifications
            (id, incident_id, client_id, channel, language, notified_at, notified_by, recorded_at)
          VALUES (gen_random_uuid(), $1, $2, 'email', 'en', $3, $4, $5)`,
        [incident.id, clientId(1), notifiedAt, staff.admin.staffId, recordedAt],
      );
    const rule = (rule: LedgerRule, ledger = 'incidentRevisions') => ({ ledger, problem: 'rule', rule });
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
      await seedClients(server, staff.coordinator, [[1, [staff.coordinator.staffId]]]);
      const recorded = await call(staff.admin, 'POST', incidentPaths.incidents, {
        discoveredAt: NOW - 3 * DAY,
        discoveredBy: staff.coordinator.staffId,
        facts: { ...facts, clientIds: [clientId(1)] },
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
      const id = recorded.json<Incident>().id;
      for (const notifiedAt of [NOW - 2 * DAY, NOW - HOUR]) {
        const told = await call(staff.admin, 'POST', incidentPaths.notifications(id), {
          clientId: clientId(1),
          channel: 'email',
          language: 'en',
          notifiedAt,
        });
        expect(told.statusCode, told.body).toBe(201);
      }
      const earlier = await call(staff.admin, 'POST', incidentPaths.incident(id), {
        discoveredAt: NOW - 4 * DAY,
        ppcPreliminaryAt: NOW - HOUR,
      });
      expect(earlier.statusCode, earlier.body).toBe(200);
      incident = earlier.json<Incident>();
      await makeCheckpoint(handle.db, sodium, signer, NOW, { evenEmpty: true });
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    it('finds what the API refuses in the history, though chained and matching the live row', async () => {
      // A history the API wrote holds every rule.
      expect(await verifyServerLedgers(handle.db, sodium, signer)).toEqual({
        ok: true,
        checkpointsVerified: 1,
      });
      expect(incident.revision).toBe(2);
      const state = incident.history[1]!.state;
      const admin = staff.admin.staffId;
      // The discovery moved later (the clocks restarted), the live row moved with it.
      await sql('UPDATE incidents SET discovered_at = $2 WHERE id = $1', [incident.id, NOW - 2 * DAY]);
      await revise(3, admin, ['discoveredAt'], { ...state, discoveredAt: NOW - 2 * DAY });
      expect(await broken()).toMatchObject({ ...rule('discovery-later'), incidentId: incident.id });
      await sql('UPDATE incidents SET discovered_at = $2 WHERE id = $1', [incident.id, NOW - 4 * DAY]);
      await dropLast('incident_revisions');
      // A revision by no one that is not migration 27's, and one dressed as it.
      await revise(3, null, ['closedAt'], state);
      expect(await broken()).toMatchObject(rule('server-revision'));
      await dropLast('incident_revisions');
      await revise(3, null, ['discovery-kept'], state);
      expect(await broken()).toMatchObject(rule('server-revision'));
      await dropLast('incident_revisions');
      // Revision numbers skipped; a revision's time set two days back.
      await revise(5, admin, ['facts'], state);
      expect(await broken()).toMatchObject(rule('revision-gap'));
      await dropLast('incident_revisions');
      await revise(3, admin, ['facts'], state, NOW - 2 * DAY);
      expect(await broken()).toMatchObject({ ...rule('time-backwards'), at: 3 });
      await dropLast('incident_revisions');
    });

    it('finds a notification given a recording time of its own choosing', async () => {
      // Recorded before the time told.
      await tell(NOW - HOUR, NOW - 2 * HOUR);
      expect(await broken()).toEqual({ ...rule('recorded-before-told', 'incidentNotifications'), at: 3 });
      await dropLast('incident_notifications');
      // Told three days ago, "recorded" two days ago, after ones recorded now: not shown late as it should be.
      await tell(NOW - 3 * DAY, NOW - 2 * DAY);
      expect(await broken()).toEqual({ ...rule('time-backwards', 'incidentNotifications'), at: 3 });
      await dropLast('incident_notifications');
    });

    it('accepts times back within the slack, not beyond; finds a recording time missing after one kept', async () => {
      const state = incident.history[1]!.state;
      // Four minutes back (two requests at once, their times taken before the chain's lock): accepted.
      await revise(3, staff.admin.staffId, ['facts'], state, NOW - 4 * 60_000);
      expect(await broken()).toBeUndefined();
      await dropLast('incident_revisions');
      await tell(NOW - HOUR, NOW - 4 * 60_000);
      expect(await broken()).toBeUndefined();
      await dropLast('incident_notifications');
      // Six minutes back: beyond the slack.
      await tell(NOW - HOUR, NOW - 6 * 60_000);
      expect(await broken()).toEqual({ ...rule('time-backwards', 'incidentNotifications'), at: 3 });
      await dropLast('incident_notifications');
      // A notification without its recording time after ones with it, re-hashed as the chain's last row.
      await tell(NOW - HOUR, NOW);
      await sql('ALTER TABLE incident_notifications DISABLE TRIGGER incident_notifications_append_only');
      await sql('UPDATE incident_notifications SET recorded_at = NULL WHERE chain_seq = 3');
      await sql(
        'UPDATE incident_notifications n SET hash = incident_notification_hash(n.prev_hash, n) WHERE chain_seq = 3',
      );
      await sql('ALTER TABLE incident_notifications ENABLE TRIGGER incident_notifications_append_only');
      expect(await broken()).toEqual({ ...rule('recorded-missing', 'incidentNotifications'), at: 3 });
      await dropLast('incident_notifications');
    });

    it('finds migration 27’s revision changing more than the discovery (kept-changed)', async () => {
      // An incident as one recorded before migration 27 (its first revision without the discovery), then a
      // `discovery-kept` that also makes the facts milder, the live row matching it.
      const other = '00000000-0000-4000-8000-0000000000f1';
      const milder = { ...facts, summary: 'Nothing sent', dataCategories: [] };
      const admin = staff.admin.staffId;
      const coordinator = staff.coordinator.staffId;
      await sql(
        `INSERT INTO incidents (id, discovered_at, discovered_by, recorded_by, recorded_at, facts, updated_at)
          VALUES ($1, $2, $3, $4, $5, $6, $5)`,
        [other, NOW - DAY, coordinator, admin, NOW, JSON.stringify(milder)],
      );
      const add = (revision: number, by: string | null, changed: string[], state: object) =>
        sql(
          `INSERT INTO incident_revisions (incident_id, revision, at, by_staff, changed, state)
            VALUES ($1, $2, $3, $4, $5, $6)`,
          [other, revision, NOW, by, JSON.stringify(changed), JSON.stringify(state)],
        );
      await add(1, admin, ['recorded'], { facts });
      await add(2, null, ['discovery-kept'], {
        facts: milder,
        discoveredAt: NOW - DAY,
        discoveredBy: coordinator,
      });
      expect(await broken()).toEqual({ ...rule('kept-changed'), at: expect.any(Number), incidentId: other });
      // Its revisions removed past the trigger (the live row, which needs a discovery, matches neither alone).
      const remove = async (revision: number) => {
        await sql('ALTER TABLE incident_revisions DISABLE TRIGGER incident_revisions_append_only');
        await sql('DELETE FROM incident_revisions WHERE incident_id = $1 AND revision >= $2', [
          other,
          revision,
        ]);
        await sql('ALTER TABLE incident_revisions ENABLE TRIGGER incident_revisions_append_only');
      };
      await remove(2);
      // The same with only the discovery added: what migration 27 writes, accepted.
      await add(2, null, ['discovery-kept'], { facts, discoveredAt: NOW - DAY, discoveredBy: coordinator });
      await sql('UPDATE incidents SET facts = $2 WHERE id = $1', [other, JSON.stringify(facts)]);
      expect(await broken()).toBeUndefined();
      await remove(1);
      await sql('DELETE FROM incidents WHERE id = $1', [other]);
      expect(await broken()).toBeUndefined();
    });

    it('finds a row put outside the chain’s numbering (a key below 1), with its trigger disabled', async () => {
      // A notification "recorded" two days after it was told, at place -1: the walk began past -1, so it was
      // neither hashed nor held to the notification rules.
      await sql('ALTER TABLE incident_notifications DISABLE TRIGGER incident_notifications_chain');
      await sql(
        `INSERT INTO incident_notifications (id, incident_id, client_id, channel, language, notified_at,
            notified_by, recorded_at, chain_seq, prev_hash, hash)
          VALUES (gen_random_uuid(), $1, $2, 'email', 'en', $3, $4, $5, -1, NULL, 'x')`,
        [incident.id, clientId(1), NOW - 3 * DAY, staff.admin.staffId, NOW - 3 * DAY + 60_000],
      );
      await sql('ALTER TABLE incident_notifications ENABLE TRIGGER incident_notifications_chain');
      expect(await broken()).toEqual({ ledger: 'incidentNotifications', at: 0, problem: 'link' });
      await sql('ALTER TABLE incident_notifications DISABLE TRIGGER incident_notifications_append_only');
      await sql('DELETE FROM incident_notifications WHERE chain_seq = -1');
      await sql('ALTER TABLE incident_notifications ENABLE TRIGGER incident_notifications_append_only');
      expect(await broken()).toBeUndefined();
      // A staff event at id -1.
      await sql('ALTER TABLE staff_events DISABLE TRIGGER staff_events_chain');
      await sql(
        `INSERT INTO staff_events (id, at, kind, detail, hash) VALUES (-1, $1, 'invited', '{}', 'x')`,
        [NOW],
      );
      await sql('ALTER TABLE staff_events ENABLE TRIGGER staff_events_chain');
      expect(await broken()).toEqual({ ledger: 'staffEvents', at: 0, problem: 'link' });
      await sql('DELETE FROM staff_events WHERE id = -1');
      expect(await broken()).toBeUndefined();
      // And at id 0, just below the first the walk reads.
      await sql('ALTER TABLE staff_events DISABLE TRIGGER staff_events_chain');
      await sql(
        `INSERT INTO staff_events (id, at, kind, detail, hash) VALUES (0, $1, 'invited', '{}', 'x')`,
        [NOW],
      );
      await sql('ALTER TABLE staff_events ENABLE TRIGGER staff_events_chain');
      expect(await broken()).toEqual({ ledger: 'staffEvents', at: 0, problem: 'link' });
      await sql('DELETE FROM staff_events WHERE id = 0');
      expect(await broken()).toBeUndefined();
    });

    it('finds who recorded the incident, or when, changed in the live row', async () => {
      await sql('UPDATE incidents SET recorded_by = $2 WHERE id = $1', [
        incident.id,
        staff.coordinator.staffId,
      ]);
      expect(await broken()).toMatchObject({
        ledger: 'incidents',
        problem: 'live-row',
        incidentId: incident.id,
      });
      await sql('UPDATE incidents SET recorded_by = $2, recorded_at = recorded_at + $3 WHERE id = $1', [
        incident.id,
        staff.admin.staffId,
        DAY,
      ]);
      expect(await broken()).toMatchObject({ ledger: 'incidents', problem: 'live-row' });
      await sql('UPDATE incidents SET recorded_at = recorded_at - $2 WHERE id = $1', [incident.id, DAY]);
      expect(await broken()).toBeUndefined();
    });

    it('finds a row altered under a signed head with the database’s hash function replaced', async () => {
      // Each function replaced to vouch for whatever is stored, then a row altered past the append-only trigger.
      await sql(`CREATE OR REPLACE FUNCTION incident_notification_hash(prev text, n incident_notifications)
        RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT (n).hash $$`);
      await sql('ALTER TABLE incident_notifications DISABLE TRIGGER incident_notifications_append_only');
      await sql('UPDATE incident_notifications SET recorded_at = notified_at WHERE chain_seq = 1');
      expect(await broken()).toEqual({ ledger: 'incidentNotifications', at: 1, problem: 'hash' });
      await sql(`CREATE OR REPLACE FUNCTION incident_revision_hash(prev text, r incident_revisions)
        RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT (r).hash $$`);
      await sql('ALTER TABLE incident_revisions DISABLE TRIGGER incident_revisions_append_only');
      await sql(`UPDATE incident_revisions SET state = state || '{"closedAt": 1}' WHERE revision = 2`);
      expect(await broken()).toMatchObject({ ledger: 'incidentRevisions', problem: 'hash' });
      await sql(`CREATE OR REPLACE FUNCTION staff_event_hash(prev text, e staff_events)
        RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT (e).hash $$`);
      await sql(`UPDATE staff_events SET kind = 'invited' WHERE id = (SELECT min(id) FROM staff_events)`);
      expect(await broken()).toMatchObject({
        ledger: 'staffEvents',
        at: expect.any(Number),
        problem: 'hash',
      });
    });
  });
}
