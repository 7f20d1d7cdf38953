import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/index';
import type { Database, Queryable } from '../db/database';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import { clientId, makerOf, pushAs } from '../../tests/support/server/permission-documents';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';

/** The database, counting the statements run inside transactions (a push runs in one). */
function countingDatabase(db: Database) {
  let statements = 0;
  const counting = (tx: Queryable): Queryable => ({
    query: (sql, params) => {
      statements += 1;
      return tx.query(sql, params);
    },
    exec: (sql) => tx.exec(sql),
  });
  const wrapped: Database = {
    engine: db.engine,
    query: (sql, params) => db.query(sql, params),
    exec: (sql) => db.exec(sql),
    transaction: (work) => db.transaction((tx) => work(counting(tx))),
    listen: (channel, onPayload, onReconnected) => db.listen(channel, onPayload, onReconnected),
    close: () => db.close(),
  };
  return {
    db: wrapped,
    async count(work: () => Promise<{ statusCode: number; body: string }>) {
      statements = 0;
      const res = await work();
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).toBe('[]');
      return statements;
    },
  };
}

const CLIENTS = 500;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

// Issue 22 review: a push looked up the client of each row, one statement per row and per look-up, under the
// global write lock. A push's statements must not grow with its rows.
for (const engine of testEngines) {
  describe(`a push of many rows naming many clients on ${engine.name}`, () => {
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let server: LuminaServer;
    let staff: Record<Role, TestStaff>;
    let counter: ReturnType<typeof countingDatabase>;

    beforeAll(async () => {
      handle = await engine.open();
      counter = countingDatabase(handle.db);
      ({ server, staff } = await organisationServer(counter.db));
      const clients = range(0, CLIENTS).map((n) =>
        makerOf('clients').make(n, [staff.concierge.staffId], staff.coordinator),
      );
      expect((await pushAs(server, staff.coordinator, 'clients', clients)).statusCode).toBe(200);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const trips = (ns: number[]) =>
      ns.map((n) => makerOf('trips').make(n, [staff.concierge.staffId], staff.coordinator));
    const firstWraps = (ns: number[]) =>
      ns.map((n) => makerOf('keyWraps').make(n, [staff.concierge.staffId], staff.concierge));

    it('runs as many statements for 500 trips of 500 clients as for one', async () => {
      const one = await counter.count(() => pushAs(server, staff.concierge, 'trips', trips([0])));
      const many = await counter.count(() =>
        pushAs(server, staff.concierge, 'trips', trips(range(1, CLIENTS))),
      );
      expect(many).toBe(one);
    });

    it("runs as many statements for 500 clients' first key wraps as for one", async () => {
      const one = await counter.count(() => pushAs(server, staff.concierge, 'keyWraps', firstWraps([0])));
      const many = await counter.count(() =>
        pushAs(server, staff.concierge, 'keyWraps', firstWraps(range(1, CLIENTS))),
      );
      expect(many).toBe(one);
    });

    it('runs as many statements for deleting 100 clients as for one (each checked for a legal hold)', async () => {
      const deletion = (n: number) => {
        const doc = makerOf('clients').make(n, [staff.concierge.staffId], staff.coordinator) as object;
        return { assumedMasterState: doc, newDocumentState: { ...doc, _deleted: true } };
      };
      const push = (ns: number[]) => () =>
        server.app.inject({
          method: 'POST',
          url: '/sync/clients/push',
          headers: staff.coordinator.headers,
          payload: ns.map(deletion),
        });
      const one = await counter.count(push([CLIENTS - 1]));
      const many = await counter.count(push(range(CLIENTS - 101, CLIENTS - 1)));
      expect(many).toBe(one);
      expect(clientId(CLIENTS - 1)).toMatch(/^0{8}-/);
    });
  });
}
