import { randomUUID } from 'node:crypto';
import { verifiedRequestFor } from '../tests/support/server/verified-request';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { authPaths, type Role } from '../shared/index';
import { buildServer, type LuminaServer } from './app';
import { errorSummary, errorSummaryText } from './db/error-summary';
import { testEngines } from '../tests/support/server/engines';
import { clientId, makerOf, pushAs } from '../tests/support/server/permission-documents';
import {
  organisationServer,
  resetDatabase,
  staffOfEveryRole,
  type TestStaff,
} from '../tests/support/server/staff';

// Issue 22, finding 6: "route not found" logged whole URLs, ?access_token= values and client ids among them.
describe('the server log', () => {
  const engine = testEngines[0]!;
  let server: LuminaServer;
  let handle: Awaited<ReturnType<typeof engine.open>>;
  let staff: Record<Role, TestStaff>;
  let log = '';
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      log += chunk.toString();
      done();
    },
  });

  beforeAll(async () => {
    handle = await engine.open();
    ({ server, staff } = await organisationServer(handle.db, { logLevel: 'debug', logStream }));
  });
  afterAll(async () => {
    await server?.close();
    await handle?.drop();
  });

  it('holds no token, id or personal value after a batch of good, bad and hostile requests', async () => {
    const { coordinator, concierge, admin } = staff;
    const secretName = 'Zelda Quartermaine-Ishikawa';
    const id = clientId(77);
    const doc = {
      ...(makerOf('clients').make(77, [concierge.staffId], coordinator) as object),
      names: { latin: secretName },
    };
    const inject = server.app.inject.bind(server.app);
    const requests = [
      pushAs(server, coordinator, 'clients', [doc]),
      pushAs(server, coordinator, 'clients', [{ ...doc, names: { latin: `${secretName}\u0000` } }]),
      pushAs(server, coordinator, 'clients', [{ ...doc, unknown: secretName }]),
      inject({ url: `/sync/clients/pull?access_token=${concierge.token}` }),
      inject({ url: `/no/such/route?access_token=${concierge.token}&client=${id}` }),
      inject({ url: `/clients/${id}?name=${encodeURIComponent(secretName)}` }),
      inject({ url: `/export/clients/${id}`, headers: admin.headers }),
      inject({ url: `/export/clients/${id}?access_token=${admin.token}` }),
      inject({ url: `/export/clients/${id}x`, headers: admin.headers }),
      inject({
        method: 'POST',
        url: `/staff/${concierge.staffId}/role`,
        headers: admin.headers,
        payload: { role: 'x' },
      }),
      inject({
        method: 'POST',
        url: '/sync/clients/push',
        headers: { ...coordinator.headers, 'content-type': 'application/json' },
        payload: `[{"newDocumentState": {"names": {"latin": "${secretName}"`,
      }),
      inject({
        method: 'POST',
        url: '/sync/clients/push',
        headers: { ...coordinator.headers, 'content-type': `text/${secretName.replace(/ /g, '-')}` },
        payload: secretName,
      }),
      inject({ url: '/health', headers: { authorization: `Bearer ${concierge.token}` } }),
      inject({ url: `/sync/stream?access_token=${'x'.repeat(43)}` }),
      inject({ method: 'DELETE', url: `/sync/clients/push?access_token=${coordinator.token}` }),
    ];
    const answers = await Promise.all(requests);
    expect(answers.map((res) => res.statusCode).filter((status) => status >= 500)).toEqual([]);
    expect(log.length).toBeGreaterThan(0);
    const secrets = [
      ...Object.values(staff).flatMap((member) => [member.token, member.staffId, member.deviceId]),
      id,
      secretName,
      'Zelda',
    ];
    expect(secrets.filter((secret) => log.includes(secret))).toEqual([]);
  });
});

/** A database trigger that rejects some clients the way PostgreSQL reports a bad value: quoting it. */
const REJECTING_TRIGGER = `
CREATE OR REPLACE FUNCTION lumina_test_reject() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.data->'names'->>'latin' LIKE 'Reject %' THEN
    RAISE EXCEPTION 'value % of row % rejected', NEW.data->'names'->>'latin', NEW.id
      USING ERRCODE = '23514', DETAIL = 'Key (id)=(' || NEW.id || ') is not allowed';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER lumina_test_reject BEFORE INSERT OR UPDATE ON sync_documents
  FOR EACH ROW EXECUTE FUNCTION lumina_test_reject();`;

// Issue 22 review: the 500 path logged the driver's message, which can quote a row's values. This captures the log
// of a whole session, the console included, and looks for every token, id and personal value in it.
for (const engine of testEngines) {
  describe(`the server log of a whole session on ${engine.name}`, () => {
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let server: LuminaServer;
    let log = '';
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        log += chunk.toString();
        done();
      },
    });
    const consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        log += `${args.map(String).join(' ')}\n`;
      }),
    );

    beforeAll(async () => {
      handle = await engine.open();
      await resetDatabase(handle.db);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.db.exec('DROP TRIGGER IF EXISTS lumina_test_reject ON sync_documents');
      await handle?.drop();
      for (const spy of consoleSpies) spy.mockRestore();
    });

    it('holds no token, code, id or personal value', async () => {
      let setupCode = '';
      server = await buildServer({
        db: handle.db,
        allowedOrigins: [],
        logLevel: 'trace',
        logStream,
        onSetupCode: (code) => (setupCode = code),
      });
      const staff = await staffOfEveryRole(server.app, setupCode);
      const { admin, manager, coordinator, concierge } = staff;
      const inject = server.app.inject.bind(server.app);
      const people = ['Theodora Vanterpool', 'Ignatius Okonkwo-Brandt', 'Reject Wilhelmina Farquharson'];
      const katakana = 'テオドラ・ヴァンタープール';
      const hotel = 'Hotel Quillfeather Annex';
      const ids = people.map(() => randomUUID());
      const client = (n: number, assignees: string[]) => ({
        ...(makerOf('clients').make(1, assignees, coordinator) as object),
        id: ids[n],
        names: { latin: people[n], ...(n === 0 ? { katakana } : {}) },
      });
      const trip = (n: number) => ({
        ...(makerOf('trips').make(1, [], coordinator) as object),
        id: randomUUID(),
        clientId: ids[n],
        title: `${hotel} for ${people[n]}`,
      });
      const statuses: Record<string, number> = {};
      const record = async (what: string, answer: Promise<{ statusCode: number }>) => {
        statuses[what] = (await answer).statusCode;
      };

      await record(
        'push clients',
        pushAs(server, coordinator, 'clients', [client(0, [concierge.staffId]), client(1, [])]),
      );
      await record('push trip', pushAs(server, coordinator, 'trips', [trip(0)]));
      await record('pull', inject({ url: '/sync/clients/pull', headers: concierge.headers }));
      await record(
        'pull by query token',
        inject({ url: `/sync/clients/pull?access_token=${concierge.token}` }),
      );
      // Refused: a concierge writing into a client not theirs.
      await record('refused push', pushAs(server, concierge, 'trips', [trip(1)]));
      // A conflict: a stale assumed state.
      await record(
        'conflicting push',
        inject({
          method: 'POST',
          url: '/sync/clients/push',
          headers: coordinator.headers,
          payload: [
            {
              assumedMasterState: { ...client(0, []), _deleted: false },
              newDocumentState: { ...client(0, []), names: { latin: `${people[0]} the Second` } },
            },
          ],
        }),
      );
      await record(
        'invalid push',
        pushAs(server, coordinator, 'clients', [{ ...client(1, []), nickname: people[1] }]),
      );
      await record(
        '404 with a token',
        inject({
          url: `/clients/${ids[0]}?access_token=${admin.token}&name=${encodeURIComponent(people[0]!)}`,
        }),
      );
      const requestId = await verifiedRequestFor(server, admin, ids[0]!);
      await record(
        'export',
        inject({ url: authPaths.clientExport(ids[0]!, requestId), headers: admin.headers }),
      );
      await handle.db.exec(REJECTING_TRIGGER);
      await record('forced 500', pushAs(server, coordinator, 'clients', [client(2, [])]));
      await handle.db.exec('DROP TRIGGER lumina_test_reject ON sync_documents');
      await record(
        'revocation',
        inject({
          method: 'POST',
          url: authPaths.deviceRevoke(concierge.deviceId),
          headers: manager.headers,
          payload: {},
        }),
      );
      await record(
        'pull after revocation',
        inject({ url: '/sync/clients/pull', headers: concierge.headers }),
      );

      expect(statuses).toEqual({
        'push clients': 200,
        'push trip': 200,
        pull: 200,
        'pull by query token': 401,
        'refused push': 403,
        'conflicting push': 200,
        'invalid push': 400,
        '404 with a token': 404,
        export: 200,
        'forced 500': 500,
        revocation: 200,
        'pull after revocation': 401,
      });
      const secrets = [
        setupCode,
        ...Object.values(staff).flatMap((member) => [member.token, member.staffId, member.deviceId]),
        ...ids,
        katakana,
        hotel,
        ...people.flatMap((person) => [person, ...person.split(/[ -]/).filter((part) => part !== 'Reject')]),
      ];
      expect(secrets.filter((secret) => log.includes(secret))).toEqual([]);
      // The 500 was logged, with what may be logged about it.
      expect(log).toContain('"code":"23514"');
      expect(log).toContain('integrity constraint violation');
    });
  });
}

describe('what the server logs about an error', () => {
  it('names its kind, code and schema objects, never its message or detail', () => {
    const driverError = Object.assign(new Error('value Zelda Ishikawa of row 9b1d rejected'), {
      name: 'DatabaseError',
      code: '23505',
      detail: 'Key (id)=(9b1d) already exists.',
      constraint: 'sync_documents_pkey',
      table: 'sync_documents',
      column: 'name"; Zelda',
    });
    const summary = errorSummary(driverError);
    expect(summary).toMatchObject({
      type: 'DatabaseError',
      code: '23505',
      class: 'integrity constraint violation',
      constraint: 'sync_documents_pkey',
      table: 'sync_documents',
    });
    expect(summary.column).toBeUndefined();
    for (const text of [JSON.stringify(summary), errorSummaryText(driverError)]) {
      expect(text).not.toMatch(/Zelda|9b1d|Key/);
    }
    // A JSON.parse error quotes the text it could not read.
    let parseError: unknown;
    try {
      JSON.parse('{"name": Zelda}');
    } catch (error) {
      parseError = error;
    }
    expect(JSON.stringify(errorSummary(parseError))).not.toContain('Zelda');
    expect(errorSummaryText('Zelda')).toBe('string');
  });
});
