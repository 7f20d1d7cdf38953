import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/index';
import { clientId, seedClients } from '../../tests/support/server/permission-documents';
import { testEngines } from '../../tests/support/server/engines';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import type { LuminaServer } from '../app';

/**
 * The server's queries name tables bare (issue 18 follow-up): on PostgreSQL, a table of the database's owner in a
 * schema put before `public` on the path (one named after the role is, by PostgreSQL's default "$user", public)
 * must never be read in the real table's place. PGlite is the server's own embedded session (search path public).
 */
for (const engine of testEngines) {
  describe(`the server's search path on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      await seedClients(server, staff.coordinator, [[1, [staff.coordinator.staffId]]]);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const pulledIds = async () => {
      const res = await server.app.inject({
        method: 'GET',
        url: '/sync/clients/pull?after=0&limit=100',
        headers: staff.coordinator.headers,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ documents: { id: string }[] }>().documents.map((doc) => doc.id);
    };

    it('is public on every connection of the pool', async () => {
      const paths = await Promise.all(
        Array.from({ length: 4 }, () =>
          handle.db.transaction((tx) =>
            tx.query<{ path: string }>(`SELECT current_setting('search_path') AS path`),
          ),
        ),
      );
      expect(new Set(paths.map(([row]) => row!.path))).toEqual(new Set(['public']));
    });

    it.runIf(engine.name === 'postgres')(
      'reads the real table, not an empty one of the same name in a schema named after the role',
      async () => {
        expect(await pulledIds()).toEqual([clientId(1)]);
        const [{ role }] = (await handle.db.query<{ role: string }>('SELECT current_user AS role')) as [
          { role: string },
        ];
        await handle.db.exec(`CREATE SCHEMA "${role}"`);
        try {
          await handle.db.exec(`CREATE TABLE "${role}".sync_documents (LIKE public.sync_documents)`);
          // The shadow is live for a connection on the role's own path (PostgreSQL's default "$user", public).
          const pg = await import('pg');
          const raw = new pg.default.Client({ connectionString: handle.url });
          await raw.connect();
          try {
            const { rows } = await raw.query<{ n: string }>('SELECT count(*) AS n FROM sync_documents');
            expect(Number(rows[0]!.n)).toBe(0);
          } finally {
            await raw.end();
          }
          // The server's connections still read public's.
          expect(await pulledIds()).toEqual([clientId(1)]);
        } finally {
          await handle.db.exec(`DROP SCHEMA "${role}" CASCADE`);
        }
      },
    );
  });
}
