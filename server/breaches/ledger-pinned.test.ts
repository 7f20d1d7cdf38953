import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSodium } from '../../shared/crypto/index';
import { incidentPaths, type Incident } from '../../shared/domain/incident';
import type { Role } from '../../shared/index';
import { clientId, seedClients } from '../../tests/support/server/permission-documents';
import { testEngines } from '../../tests/support/server/engines';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import type { LuminaServer } from '../app';
import { makeCheckpoint } from '../audit/checkpoints';
import { verifyServerLedgers } from '../audit/ledger-check';
import { memorySigner } from '../audit/signer';
import type { Database } from '../db/database';

const DAY = 86_400_000;
const NOW = Date.now();
const sodium = await loadSodium();

/**
 * The ledger check against its database's owner shadowing what its queries name (review18-s6b, m-A): a schema named
 * after the role with a view in a table's place, an operator of the owner's put before PostgreSQL's in the path;
 * and tables that are not what the check reads (a view, a child table, row security, a column of another type).
 */
for (const engine of testEngines) {
  describe(`the ledger check's pinned tables and operators on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;
    let incident: Incident;
    const signer = memorySigner(sodium);
    const sql = <Row = Record<string, unknown>>(text: string, values: unknown[] = []) =>
      handle.db.query<Row>(text, values);
    const broken = async (db: Database = handle.db) => (await verifyServerLedgers(db, sodium, signer)).broken;
    /**
     * The database's search path set for every connection from now on: PGlite has one session; on PostgreSQL the
     * database's setting reaches new connections only, and never the server's (their path is pinned to public,
     * server/db/postgres.ts), so a pool of plain connections is opened on it.
     */
    const withPath = async (path: string): Promise<Database> => {
      if (engine.name === 'pglite') {
        await sql(`SET search_path = ${path}`);
        return handle.db;
      }
      const [row] = await sql<{ name: string }>('SELECT current_database() AS name');
      await sql(`ALTER DATABASE ${row!.name} SET search_path = ${path}`);
      return handle.openRaw();
    };
    const resetPath = async () => {
      if (engine.name === 'pglite') return void (await sql('RESET search_path'));
      const [row] = await sql<{ name: string }>('SELECT current_database() AS name');
      await sql(`ALTER DATABASE ${row!.name} RESET search_path`);
    };
    /** Runs `change` on a ledger table past its append-only trigger. */
    const pastTrigger = async (table: string, change: string, values: unknown[] = []) => {
      await sql(`ALTER TABLE public.${table} DISABLE TRIGGER ${table}_append_only`);
      await sql(change, values);
      await sql(`ALTER TABLE public.${table} ENABLE TRIGGER ${table}_append_only`);
    };

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db, { clock: () => NOW, auditSigner: signer }));
      await seedClients(server, staff.coordinator, [[1, [staff.coordinator.staffId]]]);
      const recorded = await server.app.inject({
        method: 'POST',
        url: incidentPaths.incidents,
        headers: staff.admin.headers,
        payload: {
          discoveredAt: NOW - DAY,
          discoveredBy: staff.coordinator.staffId,
          facts: {
            summary: 'Export sent to the wrong clinic',
            cause: 'misdelivery',
            dataCategories: ['medical'],
            clientIds: [clientId(1)],
            euClientIds: [],
            encrypted: false,
            keyExposed: false,
            wrongfulPurpose: false,
            financialHarmRisk: false,
          },
        },
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
      incident = recorded.json<Incident>();
      const told = await server.app.inject({
        method: 'POST',
        url: incidentPaths.notifications(incident.id),
        headers: staff.admin.headers,
        payload: { clientId: clientId(1), channel: 'email', language: 'en', notifiedAt: NOW - 60_000 },
      });
      expect(told.statusCode, told.body).toBe(201);
      await makeCheckpoint(handle.db, sodium, signer, NOW, { evenEmpty: true });
      expect(await verifyServerLedgers(handle.db, sodium, signer)).toEqual({
        ok: true,
        checkpointsVerified: 1,
      });
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    it('runs in one read-only REPEATABLE READ transaction with the path pinned to pg_catalog', async () => {
      const seen: Record<string, string>[] = [];
      const watching: Database = {
        ...handle.db,
        transaction: (work) =>
          handle.db.transaction((tx) =>
            work({
              ...tx,
              query: (async (text: string, values?: unknown[]) => {
                if (text.includes('ONLY public.'))
                  seen.push(
                    ...(await tx.query<Record<string, string>>(
                      `SELECT current_setting('transaction_isolation') AS isolation,
                        current_setting('transaction_read_only') AS read_only,
                        current_setting('search_path') AS path`,
                    )),
                  );
                return tx.query(text, values);
              }) as Database['query'],
            }),
          ),
      };
      expect(await verifyServerLedgers(watching, sodium, signer)).toMatchObject({ ok: true });
      expect(seen.length).toBeGreaterThan(4);
      expect(new Set(seen.map((row) => JSON.stringify(row)))).toEqual(
        new Set([
          JSON.stringify({ isolation: 'repeatable read', read_only: 'on', path: 'pg_catalog, pg_temp' }),
        ]),
      );
    });

    it('reads the real table, not a view of the same name in a schema named after the role', async () => {
      const [{ role }] = (await sql<{ role: string }>('SELECT current_user AS role')) as [{ role: string }];
      const [{ state }] = (await sql<{ state: unknown }>(
        'SELECT state FROM public.incident_revisions WHERE chain_seq = 1',
      )) as [{ state: unknown }];
      // The history as it was, kept aside and shown in the table's place to any query that names it bare.
      await sql(`CREATE SCHEMA "${role}"`);
      await sql(`CREATE TABLE "${role}".stash AS SELECT * FROM public.incident_revisions`);
      await sql(`CREATE VIEW "${role}".incident_revisions AS SELECT * FROM "${role}".stash`);
      // PostgreSQL's default path is "$user", public (not the server's connections', pinned to public); PGlite's
      // is public.
      const db = engine.name === 'pglite' ? await withPath('"$user", public') : await handle.openRaw();
      await pastTrigger(
        'incident_revisions',
        `UPDATE public.incident_revisions SET state = state || '{"closedAt": 1}' WHERE chain_seq = 1`,
      );
      // The shadow is live: a bare name reads the view, which shows the revision as it was.
      const [shown] = await db.query<{ state: unknown }>(
        'SELECT state FROM incident_revisions WHERE chain_seq = 1',
      );
      expect(typeof shown!.state === 'string' ? JSON.parse(shown!.state) : shown!.state).not.toHaveProperty(
        'closedAt',
      );
      // The shadow itself is reported (the app's own bare-named reads would meet it); the real rows' change too.
      expect(await broken(db)).toEqual({
        ledger: 'incidentRevisions',
        at: 0,
        problem: 'table',
        table: 'incident_revisions',
      });
      await sql(`DROP VIEW "${role}".incident_revisions`);
      expect(await broken(db)).toEqual({ ledger: 'incidentRevisions', at: 1, problem: 'hash' });
      await sql(`DROP SCHEMA "${role}" CASCADE`);
      if (engine.name === 'pglite') await resetPath();
      await pastTrigger(
        'incident_revisions',
        'UPDATE public.incident_revisions SET state = $1 WHERE chain_seq = 1',
        [typeof state === 'string' ? state : JSON.stringify(state)],
      );
      expect(await broken()).toBeUndefined();
    });

    it('reports a view in a schema named after the role that shows the app altered rows over an intact table', async () => {
      const [{ role }] = (await sql<{ role: string }>('SELECT current_user AS role')) as [{ role: string }];
      await sql(`CREATE SCHEMA "${role}"`);
      // What the console and the reporting clocks read by the bare name: a later discovery, the table untouched.
      await sql(
        `CREATE VIEW "${role}".incidents AS SELECT id, discovered_at + 86400000 AS discovered_at, discovered_by,
          recorded_by, recorded_at, facts, ppc_preliminary_at, ppc_final_at, gdpr_reported_at, closed_at
          FROM public.incidents`,
      );
      const db = engine.name === 'pglite' ? await withPath('"$user", public') : await handle.openRaw();
      expect(await broken(db)).toEqual({ ledger: 'incidents', at: 0, problem: 'table', table: 'incidents' });
      await sql(`DROP SCHEMA "${role}" CASCADE`);
      if (engine.name === 'pglite') await resetPath();
      expect(await broken()).toBeUndefined();
    });

    it('compares with PostgreSQL’s own operators, not an = of the owner’s put first in the path', async () => {
      await sql(`CREATE FUNCTION public.always_same(jsonb, jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE
        AS 'SELECT true'`);
      await sql(
        'CREATE OPERATOR public.= (LEFTARG = jsonb, RIGHTARG = jsonb, FUNCTION = public.always_same)',
      );
      const db = await withPath('public, pg_catalog');
      // The facts changed in the live row (what the console and the clocks read), not in the history.
      await sql(`UPDATE public.incidents SET facts = facts || '{"encrypted": true}' WHERE id = $1`, [
        incident.id,
      ]);
      // The shadow is live: under this path, two different jsonb values are not distinct.
      const [probe] = await db.query<{ distinct: boolean }>(
        `SELECT '{"a": 1}'::jsonb IS DISTINCT FROM '{"a": 2}'::jsonb AS distinct`,
      );
      expect(probe!.distinct).toBe(false);
      expect(await broken(db)).toMatchObject({
        ledger: 'incidents',
        problem: 'live-row',
        incidentId: incident.id,
      });
      await resetPath();
      await sql('DROP OPERATOR public.= (jsonb, jsonb)');
      await sql('DROP FUNCTION public.always_same(jsonb, jsonb)');
      await sql(`UPDATE public.incidents SET facts = facts || '{"encrypted": false}' WHERE id = $1`, [
        incident.id,
      ]);
      expect(await broken()).toBeUndefined();
    });

    it('reports a table that is not the plain table it reads', async () => {
      const table = (name: string, ledger: string) => ({ ledger, at: 0, problem: 'table', table: name });
      // A view in the table's place.
      await sql('ALTER TABLE incident_notifications RENAME TO incident_notifications_kept');
      await sql('CREATE VIEW incident_notifications AS SELECT * FROM incident_notifications_kept');
      expect(await broken()).toEqual(table('incident_notifications', 'incidentNotifications'));
      await sql('DROP VIEW incident_notifications');
      await sql('ALTER TABLE incident_notifications_kept RENAME TO incident_notifications');
      expect(await broken()).toBeUndefined();
      // A table inheriting from it (its rows would be read with the parent's, bare).
      await sql('CREATE TABLE staff_events_more () INHERITS (staff_events)');
      expect(await broken()).toEqual(table('staff_events', 'staffEvents'));
      await sql('DROP TABLE staff_events_more');
      // Row-level security, which hides rows from a role that does not own the table (from its owner, forced).
      for (const setting of ['ENABLE', 'FORCE']) {
        await sql(`ALTER TABLE incidents ${setting} ROW LEVEL SECURITY`);
        expect(await broken()).toEqual(table('incidents', 'incidents'));
        await sql(`ALTER TABLE incidents NO FORCE ROW LEVEL SECURITY`);
        await sql(`ALTER TABLE incidents DISABLE ROW LEVEL SECURITY`);
      }
      // A hashed column of a type of the owner's (a domain: its own casts, its own checks).
      await sql('CREATE DOMAIN public.owned_jsonb AS jsonb');
      await sql('ALTER TABLE incident_revisions ALTER COLUMN state TYPE public.owned_jsonb');
      expect(await broken()).toEqual(table('incident_revisions', 'incidentRevisions'));
      await sql('ALTER TABLE incident_revisions ALTER COLUMN state TYPE jsonb');
      await sql('DROP DOMAIN public.owned_jsonb');
      // The checkpoints' table too (read for their signatures and sequence).
      await sql('ALTER TABLE audit_checkpoints ALTER COLUMN signature TYPE varchar');
      expect(await broken()).toEqual(table('audit_checkpoints', 'checkpoints'));
      await sql('ALTER TABLE audit_checkpoints ALTER COLUMN signature TYPE text');
      expect(await verifyServerLedgers(handle.db, sodium, signer)).toEqual({
        ok: true,
        checkpointsVerified: 1,
      });
    });

    // PGlite has one connection: a checkpoint waits for the check's transaction, it cannot commit during it.
    it.skipIf(engine.name === 'pglite')(
      'does not read a checkpoint made during the check as one removed',
      async () => {
        const told = await server.app.inject({
          method: 'POST',
          url: incidentPaths.notifications(incident.id),
          headers: staff.admin.headers,
          payload: { clientId: clientId(1), channel: 'phone', language: 'en', notifiedAt: NOW - 30_000 },
        });
        expect(told.statusCode, told.body).toBe(201);
        // The next checkpoint, made on another connection once the check has listed the checkpoints.
        const other = await handle.openAnother();
        let raced = false;
        const race = (query: Database['query']): Database['query'] =>
          (async (text: string, values?: unknown[]) => {
            const rows = await query(text, values);
            if (!raced && text.includes('public.audit_checkpoints')) {
              raced = true;
              expect(await makeCheckpoint(other, sodium, signer, NOW, { evenEmpty: true })).toMatchObject({
                id: 2,
              });
            }
            return rows;
          }) as Database['query'];
        const racing: Database = {
          ...handle.db,
          query: race(handle.db.query),
          transaction: (work) => handle.db.transaction((tx) => work({ ...tx, query: race(tx.query) })),
        };
        expect(await verifyServerLedgers(racing, sodium, signer)).toEqual({
          ok: true,
          checkpointsVerified: 1,
        });
        expect(raced).toBe(true);
        expect(await verifyServerLedgers(handle.db, sodium, signer)).toEqual({
          ok: true,
          checkpointsVerified: 2,
        });
      },
    );
  });
}
