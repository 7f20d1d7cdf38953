import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assessIncident,
  incidentPaths,
  incidentTimers,
  type AffectedContact,
  type Incident,
  type IncidentFacts,
} from '../../shared/domain/incident';
import type { Role } from '../../shared/index';
import { grantWrap, pushAs, seedClients, clientId } from '../../tests/support/server/permission-documents';
import { testEngines } from '../../tests/support/server/engines';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import type { LuminaServer } from '../app';
import { loadSodium } from '../../shared/crypto/index';
import { makeCheckpoint } from '../audit/checkpoints';
import { memorySigner } from '../audit/signer';
import { auditPaths } from '../../shared/domain/audit-api';
import { verifyServerLedgers } from '../audit/ledger-check';

// Three hours ago: the server runs on the real clock (consent records are checked against it).
const NOW = Date.now() - 3 * 3_600_000;
const HOUR = 3_600_000;
const sodium = await loadSodium();

for (const engine of testEngines) {
  describe(`the breach register on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;
    const clock = NOW + 3 * HOUR;
    const signer = memorySigner(sodium);
    const call = (as: TestStaff, method: 'GET' | 'POST', url: string, payload?: object) =>
      server.app.inject({ method, url, headers: as.headers, ...(payload ? { payload } : {}) });

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db, { clock: () => clock, auditSigner: signer }));
      await seedClients(server, staff.coordinator, [
        [1, [staff.concierge.staffId]],
        [2, [staff.concierge.staffId]],
        [3, [staff.coordinator.staffId]],
      ]);
      // The concierge's laptop holds the keys of clients 1 and 2.
      for (const n of [1, 2]) {
        const res = await pushAs(server, staff.concierge, 'keyWraps', [
          grantWrap(n, staff.concierge.deviceId, staff.concierge.deviceId, [staff.concierge.staffId]),
        ]);
        expect(res.statusCode, res.body).toBe(200);
      }
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    it('records a lost encrypted laptop with everything it could open: not reportable, no clocks', async () => {
      const reachable = await call(staff.admin, 'GET', incidentPaths.reachable(staff.concierge.deviceId));
      expect(reachable.json()).toEqual([clientId(1), clientId(2)]);
      const facts: IncidentFacts = {
        summary: 'Laptop left in a taxi',
        cause: 'lost-device',
        dataCategories: ['medical', 'contact'],
        clientIds: reachable.json<string[]>(),
        euClientIds: [],
        encrypted: true,
        keyExposed: false,
        wrongfulPurpose: false,
        financialHarmRisk: false,
        deviceId: staff.concierge.deviceId,
      };
      const res = await call(staff.admin, 'POST', incidentPaths.incidents, {
        discoveredAt: NOW - HOUR,
        discoveredBy: staff.concierge.staffId,
        facts,
      });
      expect(res.statusCode, res.body).toBe(201);
      const incident = res.json<Incident>();
      expect(incident).toMatchObject({ recordedBy: staff.admin.staffId, discoveredAt: NOW - HOUR, facts });
      expect(assessIncident(incident.facts).appi.reasons).toEqual(['encrypted-key-safe']);
      expect(incidentTimers(incident, NOW)).toEqual([]);
    });

    it('records a mis-sent export: reportable, clocks running, the client listed with how to reach them', async () => {
      const res = await call(staff.admin, 'POST', incidentPaths.incidents, {
        discoveredAt: NOW,
        discoveredBy: staff.admin.staffId,
        facts: {
          summary: 'Export sent to the wrong clinic',
          cause: 'misdelivery',
          dataCategories: ['medical'],
          clientIds: [clientId(3)],
          euClientIds: [],
          encrypted: false,
          keyExposed: false,
          wrongfulPurpose: false,
          financialHarmRisk: false,
        },
      });
      const incident = res.json<Incident>();
      expect(assessIncident(incident.facts).appi.reportable).toBe(true);
      expect(incidentTimers(incident, NOW + HOUR).map((t) => [t.kind, t.state])).toEqual([
        ['ppc-preliminary', 'running'],
        ['ppc-final', 'running'],
      ]);
      const contacts = (await call(staff.admin, 'GET', incidentPaths.contacts(incident.id))).json<
        AffectedContact[]
      >();
      expect(contacts).toHaveLength(1);
      expect(contacts[0]).toMatchObject({ clientId: clientId(3), language: expect.any(String) as string });
      const told = await call(staff.admin, 'POST', incidentPaths.notifications(incident.id), {
        clientId: clientId(3),
        channel: 'email',
        language: contacts[0]!.language,
        notifiedAt: NOW + HOUR,
      });
      expect(told.statusCode, told.body).toBe(201);
      expect(told.json<Incident>().notifications).toHaveLength(1);
      const notAffected = await call(staff.admin, 'POST', incidentPaths.notifications(incident.id), {
        clientId: clientId(1),
        channel: 'email',
        language: 'en',
        notifiedAt: NOW + HOUR,
      });
      expect(notAffected.statusCode).toBe(400);
      const reported = await call(staff.admin, 'POST', incidentPaths.incident(incident.id), {
        ppcPreliminaryAt: NOW + HOUR,
      });
      expect(incidentTimers(reported.json<Incident>(), NOW + 2 * HOUR)[0]!.state).toBe('done');
      const future = await call(staff.admin, 'POST', incidentPaths.incident(incident.id), {
        ppcFinalAt: NOW + 99 * HOUR,
      });
      expect(future.statusCode).toBe(400);
    });

    it('updates an incident as a ledger: every state kept, a change on an old revision refused, history unalterable', async () => {
      const [laptop] = (await call(staff.admin, 'GET', incidentPaths.incidents)).json<Incident[]>().slice(-1);
      expect(laptop).toMatchObject({ revision: 1, history: [{ revision: 1, changed: ['recorded'] }] });
      const facts = { ...laptop!.facts, keyExposed: true, dataCategories: ['medical' as const] };
      const res = await call(staff.admin, 'POST', incidentPaths.incident(laptop!.id), {
        baseRevision: 1,
        facts,
        ppcPreliminaryAt: NOW,
      });
      expect(res.statusCode, res.body).toBe(200);
      const updated = res.json<Incident>();
      expect(updated.revision).toBe(2);
      expect(updated.history.map((r) => [r.revision, r.by, r.changed])).toEqual([
        [1, staff.admin.staffId, ['recorded']],
        [2, staff.admin.staffId, ['facts.dataCategories', 'facts.keyExposed', 'ppcPreliminaryAt']],
      ]);
      expect(updated.history[0]!.state.facts).toEqual(laptop!.facts);
      expect(updated.history[1]!.state).toEqual({
        facts,
        ppcPreliminaryAt: NOW,
        discoveredAt: laptop!.discoveredAt,
        discoveredBy: laptop!.discoveredBy,
      });
      // Now reportable: the key was exposed.
      expect(assessIncident(updated.facts).appi.reportable).toBe(true);
      const stale = await call(staff.admin, 'POST', incidentPaths.incident(laptop!.id), {
        baseRevision: 1,
        closedAt: NOW,
      });
      expect([stale.statusCode, stale.json<{ reason: string }>().reason]).toEqual([409, 'stale-revision']);
      const same = await call(staff.admin, 'POST', incidentPaths.incident(laptop!.id), { facts });
      expect(same.statusCode).toBe(400);
      await expect(
        handle.db.query('UPDATE incident_revisions SET at = 0 WHERE incident_id = $1', [laptop!.id]),
      ).rejects.toThrow(/append-only/);
      await expect(
        handle.db.query('DELETE FROM incident_revisions WHERE incident_id = $1', [laptop!.id]),
      ).rejects.toThrow(/append-only/);
      const again = (await call(staff.admin, 'GET', incidentPaths.incident(laptop!.id))).json<Incident>();
      expect(again.history).toEqual(updated.history);
    });

    it('keeps every incident; managers read, only the admin writes; others see nothing', async () => {
      const list = await call(staff.manager, 'GET', incidentPaths.incidents);
      expect(list.statusCode).toBe(200);
      expect(list.json<Incident[]>()).toHaveLength(2);
      const byManager = await call(
        staff.manager,
        'POST',
        incidentPaths.incident(list.json<Incident[]>()[0]!.id),
        {
          closedAt: NOW,
        },
      );
      expect(byManager.statusCode).toBe(403);
      for (const role of ['concierge', 'coordinator'] as const) {
        expect((await call(staff[role], 'GET', incidentPaths.incidents)).statusCode).toBe(403);
      }
      const removal = await server.app.inject({
        method: 'DELETE',
        url: incidentPaths.incident(list.json<Incident[]>()[0]!.id),
        headers: staff.admin.headers,
      });
      expect(removal.statusCode).toBe(404);
    });

    it('takes later facts in an update: an EU client added, a wrongful purpose, the PPC items; a phone call told', async () => {
      const facts: IncidentFacts = {
        summary: 'Laptop lost in a station',
        cause: 'lost-device',
        dataCategories: ['contact'],
        clientIds: [clientId(1)],
        euClientIds: [],
        encrypted: false,
        keyExposed: false,
        wrongfulPurpose: false,
        financialHarmRisk: false,
      };
      const recorded = (
        await call(staff.admin, 'POST', incidentPaths.incidents, {
          discoveredAt: NOW,
          discoveredBy: staff.admin.staffId,
          facts,
        })
      ).json<Incident>();
      expect(incidentTimers(recorded, NOW + HOUR)).toEqual([]);
      const later: IncidentFacts = {
        ...facts,
        cause: 'stolen-device',
        wrongfulPurpose: true,
        clientIds: [clientId(1), clientId(2)],
        euClientIds: [clientId(2)],
        secondaryHarm: 'Phishing e-mails to both clients',
        publication: 'Not published',
        prevention: 'Full-disk encryption on every laptop',
      };
      const res = await call(staff.admin, 'POST', incidentPaths.incident(recorded.id), {
        baseRevision: 1,
        facts: later,
      });
      expect(res.statusCode, res.body).toBe(200);
      const updated = res.json<Incident>();
      expect(updated.facts).toEqual(later);
      expect(updated.history.at(-1)!.changed).toEqual([
        'facts.cause',
        'facts.clientIds',
        'facts.euClientIds',
        'facts.prevention',
        'facts.publication',
        'facts.secondaryHarm',
        'facts.wrongfulPurpose',
      ]);
      expect(incidentTimers(updated, NOW + HOUR)).toEqual([
        { kind: 'ppc-preliminary', dueAt: NOW + 120 * HOUR, targetAt: NOW + 72 * HOUR, state: 'running' },
        { kind: 'ppc-final', dueAt: NOW + 60 * 24 * HOUR, state: 'running' },
        { kind: 'gdpr', dueAt: NOW + 72 * HOUR, state: 'running' },
      ]);
      // An EU client must be among the affected.
      const stray = await call(staff.admin, 'POST', incidentPaths.incident(recorded.id), {
        facts: { ...later, euClientIds: [clientId(3)] },
      });
      expect(stray.statusCode).toBe(400);
      expect(stray.body).toContain('eu-client-not-affected');
      // Told by phone an hour after discovery; a time still to come is refused.
      const told = await call(staff.admin, 'POST', incidentPaths.notifications(recorded.id), {
        clientId: clientId(2),
        channel: 'phone',
        language: 'fr',
        notifiedAt: NOW + HOUR,
      });
      expect(told.statusCode, told.body).toBe(201);
      expect(told.json<Incident>().notifications).toMatchObject([
        { clientId: clientId(2), channel: 'phone', notifiedAt: NOW + HOUR },
      ]);
      const ahead = await call(staff.admin, 'POST', incidentPaths.notifications(recorded.id), {
        clientId: clientId(1),
        channel: 'letter',
        language: 'en',
        notifiedAt: clock + HOUR,
      });
      expect(ahead.statusCode).toBe(400);
    });

    it('chains the register’s history and the staff events: an altered row is found, even re-chained', async () => {
      const check = async () => (await verifyServerLedgers(handle.db, sodium, signer)).broken;
      expect(await verifyServerLedgers(handle.db, sodium, signer)).toEqual({
        ok: true,
        checkpointsVerified: 0,
      });
      const checkpoint = (await makeCheckpoint(handle.db, sodium, signer, clock, { evenEmpty: true }))!;
      expect(checkpoint.ledgers!.incidentRevisions.at).toBeGreaterThanOrEqual(3);
      expect(checkpoint.ledgers!.staffEvents.at).toBeGreaterThan(0);
      // A staff event altered in the database: its hash no longer holds.
      const [first] = await handle.db.query<{ id: number; kind: string }>(
        'SELECT id, kind FROM staff_events ORDER BY id LIMIT 1',
      );
      await handle.db.query("UPDATE staff_events SET kind = 'nothing-happened' WHERE id = $1", [first!.id]);
      expect(await check()).toEqual({
        ledger: 'staffEvents',
        at: Number(first!.id),
        problem: 'hash',
      });
      // Re-chained after the edit (every hash recomputed): the signed checkpoint's head no longer matches.
      await handle.db.query(`DO $$
        DECLARE r staff_events; last text := NULL;
        BEGIN
          FOR r IN SELECT * FROM staff_events ORDER BY id LOOP
            UPDATE staff_events SET prev_hash = last, hash = staff_event_hash(last, r) WHERE id = r.id;
            last := staff_event_hash(last, r);
          END LOOP;
        END $$`);
      expect(await check()).toMatchObject({
        ledger: 'staffEvents',
        problem: 'checkpoint',
        checkpointId: checkpoint.id,
      });
      await handle.db.query('UPDATE staff_events SET kind = $2 WHERE id = $1', [first!.id, first!.kind]);
      await handle.db.query(`DO $$
        DECLARE r staff_events; last text := NULL;
        BEGIN
          FOR r IN SELECT * FROM staff_events ORDER BY id LOOP
            UPDATE staff_events SET prev_hash = last, hash = staff_event_hash(last, r) WHERE id = r.id;
            last := staff_event_hash(last, r);
          END LOOP;
        END $$`);
      expect(await verifyServerLedgers(handle.db, sodium, signer)).toEqual({
        ok: true,
        checkpointsVerified: 1,
      });
      // A revision of the register altered past its append-only trigger (someone who owns the database).
      await handle.db.query('ALTER TABLE incident_revisions DISABLE TRIGGER incident_revisions_append_only');
      await handle.db.query('UPDATE incident_revisions SET at = at + 1 WHERE chain_seq = 2');
      await handle.db.query('ALTER TABLE incident_revisions ENABLE TRIGGER incident_revisions_append_only');
      expect(await check()).toEqual({
        ledger: 'incidentRevisions',
        at: 2,
        problem: 'hash',
      });
      // The console reads the same check.
      const served = await call(staff.manager, 'GET', auditPaths.ledgers);
      expect(served.json()).toMatchObject({ ok: false, broken: { ledger: 'incidentRevisions', at: 2 } });
    });
  });
}
