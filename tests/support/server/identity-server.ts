import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { authPaths, type EnrolResponse, type InvitationResponse } from '../../../shared/index';
import { buildServer, type LuminaServer, type ServerOptions } from '../../../server/app';
import type { TestEngine } from './engines';
import { newDeviceKeys, resetDatabase, type TestStaff } from './staff';

/** A client document the identity tests push (or try to). */
export const TEST_CLIENT = {
  id: '00000000-0000-4000-8000-0000000000c1',
  names: { latin: 'Auth Test' },
  status: 'active',
  assignedStaffIds: [] as string[],
  createdAt: 1,
  updatedAt: 1,
  _deleted: false,
};

/**
 * For the tests of setup, enrolment, sessions and staff management: before each test, a server on an emptied
 * database that is not set up yet, on a clock the test moves (`now`), with the one-time setup code it printed
 * (`setupCode`). Registers its hooks in the calling `describe` block.
 */
export function identityServer(engine: TestEngine) {
  const t = {
    handle: undefined as unknown as Awaited<ReturnType<TestEngine['open']>>,
    server: undefined as unknown as LuminaServer,
    setupCode: undefined as string | undefined,
    now: 0,
    /** Starts a server (another one after `server.close()`), with `options` added to the test defaults. */
    async start(options: Partial<ServerOptions> = {}) {
      t.setupCode = undefined;
      t.server = await buildServer({
        db: t.handle.db,
        allowedOrigins: [],
        logLevel: 'silent',
        clock: () => t.now,
        onSetupCode: (code) => (t.setupCode = code),
        ...options,
      });
    },
    inject: (method: 'GET' | 'POST', url: string, as?: TestStaff, payload?: unknown) =>
      t.server.app.inject({
        method,
        url,
        headers: as?.headers ?? {},
        ...(payload === undefined ? {} : { payload: payload as object }),
      }),
    /** The kinds of the staff events recorded so far, in order. */
    events: async () =>
      (await t.handle.db.query<{ kind: string }>('SELECT kind FROM staff_events ORDER BY id')).map(
        (e) => e.kind,
      ),
    invite: async (as: TestStaff, role = 'concierge') =>
      (
        await t.inject('POST', authPaths.invitations, as, { displayName: `New ${role}`, role })
      ).json<InvitationResponse>(),
    enrol: async (code: string, keys = newDeviceKeys()) => {
      const res = await t.inject('POST', authPaths.enrolments, undefined, {
        invitationCode: code,
        device: keys.registration,
      });
      expect(res.statusCode).toBe(201);
      return { keys, enrolment: res.json<EnrolResponse>() };
    },
  };

  beforeAll(async () => {
    t.handle = await engine.open();
  });
  afterAll(async () => {
    await t.handle.drop();
  });
  beforeEach(async () => {
    t.now = Date.UTC(2026, 10, 24, 9);
    await resetDatabase(t.handle.db);
    await t.start();
  });
  afterEach(async () => {
    await t.server.close();
  });
  return t;
}
