import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { loadSodium } from '../../shared/crypto/index';
import type { Database } from '../db/database';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations/index';
import { openPglite } from '../db/pglite';
import { openPostgres } from '../db/postgres';
import { verifyServerLedgers } from '../audit/ledger-check';
import { memorySigner } from '../audit/signer';
import { IncidentStore } from './incident-store';

const STAFF = '00000000-0000-4000-8000-0000000000aa';
const INCIDENT = '00000000-0000-4000-8000-0000000000e1';
const CLIENT = '00000000-0000-4000-8000-000000000001';
const AT = 1_760_000_000_000;
const FACTS = {
  summary: 'Laptop left in a taxi',
  cause: 'lost-device',
  dataCategories: ['medical'],
  clientIds: [CLIENT],
  euClientIds: [],
  encrypted: false,
  keyExposed: false,
  wrongfulPurpose: false,
  financialHarmRisk: false,
};

/** An empty, unmigrated database on each engine (the real server's one dropped after). */
const engines: { name: string; open(): Promise<{ db: Database; drop(): Promise<void> }> }[] = [
  {
    name: 'pglite',
    async open() {
      const db = await openPglite(undefined);
      return { db, drop: () => db.close() };
    },
  },
];
const adminUrl = process.env.LUMINA_TEST_DATABASE_URL;
if (adminUrl)
  engines.push({
    name: 'postgres',
    async open() {
      const name = `lumina_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const db = await openPostgres(url.toString());
      return {
        db,
        async drop() {
          await db.close();
          const cleanup = new pg.Client({ connectionString: adminUrl });
          await cleanup.connect();
          await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await cleanup.end();
        },
      };
    },
  });

/** Migration 27 and those after it, which a database at 26 runs. */
const FROM_27 = migrations.filter((m) => m.version >= 27).map((m) => m.version);

/**
 * Migrated up to 26, with the DPO and one incident as the API recorded it then (its revision 1, and a revision 2 of
 * its facts at `revisedAt` if given).
 */
async function seedOneIncident(db: Database, revisedAt?: number): Promise<void> {
  await migrate(
    db,
    migrations.filter((m) => m.version < 27),
  );
  await db.query(
    `INSERT INTO staff (id, display_name, role, status, created_at) VALUES ($1, 'DPO', 'admin', 'active', $2)`,
    [STAFF, AT],
  );
  await db.query(
    `INSERT INTO incidents (id, discovered_at, discovered_by, recorded_by, recorded_at, facts, updated_at)
      VALUES ($1, $2, $3, $3, $2, $4, $2)`,
    [INCIDENT, AT, STAFF, JSON.stringify(FACTS)],
  );
  await db.query(
    `INSERT INTO incident_revisions (incident_id, revision, at, by_staff, changed, state)
      VALUES ($1, 1, $2, $3, '["recorded"]', $4)`,
    [INCIDENT, AT, STAFF, JSON.stringify({ facts: FACTS })],
  );
  if (revisedAt !== undefined)
    await db.query(
      `INSERT INTO incident_revisions (incident_id, revision, at, by_staff, changed, state)
        VALUES ($1, 2, $2, $3, '["facts"]', $4)`,
      [INCIDENT, revisedAt, STAFF, JSON.stringify({ facts: FACTS })],
    );
}

for (const engine of engines) {
  describe(`migration 27 (the breach register's notifications and discovery) on ${engine.name}`, () => {
    it('keeps the incidents and notifications recorded before, chained, with their discovery in a revision', async () => {
      const { db, drop } = await engine.open();
      try {
        await seedOneIncident(db);
        for (const [n, told] of [
          [1, AT + 7_200_000],
          [2, AT + 3_600_000],
        ] as const)
          await db.query(
            `INSERT INTO incident_notifications (id, incident_id, client_id, channel, language, notified_at, notified_by)
              VALUES ($1, $2, $3, 'email', 'en', $4, $5)`,
            [`00000000-0000-4000-8000-00000000000${n}`, INCIDENT, CLIENT, told, STAFF],
          );
        expect(await migrate(db)).toEqual(FROM_27);

        const store = new IncidentStore(db);
        const incident = await store.get(INCIDENT);
        expect(incident).toMatchObject({ discoveredAt: AT, discoveredBy: STAFF, facts: FACTS, revision: 2 });
        // The notifications as they were, in the order told; their recording time was not kept.
        expect(incident.notifications).toEqual([
          expect.objectContaining({ notifiedAt: AT + 3_600_000, notifiedBy: STAFF }),
          expect.objectContaining({ notifiedAt: AT + 7_200_000 }),
        ]);
        expect(incident.notifications.every((n) => n.recordedAt === undefined)).toBe(true);
        // The discovery, in no revision before, is now in one by the server.
        expect(incident.history[1]).toMatchObject({
          revision: 2,
          changed: ['discovery-kept'],
          state: { facts: FACTS, discoveredAt: AT, discoveredBy: STAFF },
        });
        expect(incident.history[1]!.by).toBeUndefined();
        const chained = await db.query<{ chain_seq: number; prev_hash: string | null; hash: string }>(
          'SELECT chain_seq, prev_hash, hash FROM incident_notifications ORDER BY chain_seq',
        );
        expect(chained.map((row) => Number(row.chain_seq))).toEqual([1, 2]);
        expect(chained[1]!.prev_hash).toBe(chained[0]!.hash);
        const sodium = await loadSodium();
        expect(await verifyServerLedgers(db, sodium, memorySigner(sodium))).toEqual({
          ok: true,
          checkpointsVerified: 0,
        });
        // And the register goes on: a new notification is chained after them, recorded now.
        const told = await store.notify(
          INCIDENT,
          STAFF,
          { clientId: CLIENT, channel: 'phone', language: 'en', notifiedAt: AT + 9_000_000 },
          AT + 9_000_000,
        );
        expect(told.notifications.at(-1)).toMatchObject({ recordedAt: AT + 9_000_000 });
        await expect(db.query('DELETE FROM incident_notifications')).rejects.toThrow(/append-only/);
        await db.query('UPDATE incidents SET discovered_at = $1', [AT + 86_400_000]);
        expect((await verifyServerLedgers(db, sodium, memorySigner(sodium))).broken).toMatchObject({
          ledger: 'incidents',
          problem: 'live-row',
        });
      } finally {
        await drop();
      }
    });

    it('dates its revisions no earlier than the last before, the server’s clock ahead of the database’s', async () => {
      const { db, drop } = await engine.open();
      const ahead = Date.now() + 3_600_000;
      try {
        // Revised last by a server whose clock ran an hour ahead of the database's.
        await seedOneIncident(db, ahead);
        expect(await migrate(db)).toEqual(FROM_27);
        const incident = await new IncidentStore(db).get(INCIDENT);
        expect(incident.history[2]).toMatchObject({ revision: 3, changed: ['discovery-kept'], at: ahead });
        const sodium = await loadSodium();
        expect(await verifyServerLedgers(db, sodium, memorySigner(sodium))).toEqual({
          ok: true,
          checkpointsVerified: 0,
        });
      } finally {
        await drop();
      }
    });

    it('keeps a live row changed around the API before the upgrade found: the revision is not built from it', async () => {
      const { db, drop } = await engine.open();
      try {
        await seedOneIncident(db);
        // Before the upgrade nothing compared the live row with its history: the PPC report "made" on time, the
        // facts made milder, straight in the table.
        await db.query(`UPDATE incidents SET ppc_preliminary_at = $2, facts = $3 WHERE id = $1`, [
          INCIDENT,
          AT + 3_600_000,
          JSON.stringify({ ...FACTS, dataCategories: [] }),
        ]);
        expect(await migrate(db)).toEqual(FROM_27);
        const incident = await new IncidentStore(db).get(INCIDENT);
        expect(incident.history[1]).toMatchObject({
          revision: 2,
          changed: ['discovery-kept'],
          state: { facts: FACTS, discoveredAt: AT, discoveredBy: STAFF },
        });
        expect(incident.history[1]!.state.ppcPreliminaryAt).toBeUndefined();
        const sodium = await loadSodium();
        expect((await verifyServerLedgers(db, sodium, memorySigner(sodium))).broken).toEqual({
          ledger: 'incidents',
          at: 2,
          problem: 'live-row',
          incidentId: INCIDENT,
        });
        // As the migration first did (the live row copied into the revision, re-hashed as a chain's last row): the
        // check's rules find a `discovery-kept` changing more than the discovery.
        await db.query('ALTER TABLE incident_revisions DISABLE TRIGGER incident_revisions_append_only');
        await db.query(
          `UPDATE incident_revisions r SET state = r.state || jsonb_build_object('facts', i.facts,
              'ppcPreliminaryAt', i.ppc_preliminary_at)
            FROM incidents i WHERE i.id = r.incident_id AND r.revision = 2`,
        );
        await db.query(
          'UPDATE incident_revisions r SET hash = incident_revision_hash(r.prev_hash, r) WHERE revision = 2',
        );
        expect((await verifyServerLedgers(db, sodium, memorySigner(sodium))).broken).toEqual({
          ledger: 'incidentRevisions',
          at: 2,
          problem: 'rule',
          rule: 'kept-changed',
          incidentId: INCIDENT,
        });
      } finally {
        await drop();
      }
    });
  });
}
