import { createHash } from 'node:crypto';
import {
  authPaths,
  type EnrolmentView,
  type EnrolResponse,
  type InvitationResponse,
  type Role,
  type SessionResponse,
} from '../../shared/index';
import { buildServer, type LuminaServer } from '../../server/app';
import { openDatabase } from '../../server/db/open';
import { addStaff, setUpOrganisation, type TestStaff } from './server/staff';

/** What the server holds of the device a test's client registered. */
export interface RegisteredDevice {
  deviceId: string;
  staffId: string;
  enrolmentId: string;
  fingerprint: string;
  signPublicKey: string;
  status: string;
}

/**
 * The real server (buildServer on in-memory PGlite, its clock the test's) as a fetch function for the device-side
 * code under test, requests injected without a socket. Besides the server itself, only what a test needs to stage
 * the world: `offline` makes every request fail the way fetch does without a network; `reportedFingerprint`
 * rewrites the fingerprint an enrolment answer carries (a server, or a network, that swapped the keys); an admin
 * of this Node process approves, denies and revokes the device through the API; `forget()` puts an empty server
 * in its place.
 */
export class TestAuthServer {
  offline = false;
  reportedFingerprint: string | undefined;
  /** `METHOD /path` of every request the device made, in order. */
  readonly requests: string[] = [];
  private registered: { deviceId: string; staffId: string; enrolmentId: string } | undefined;
  private registeredBySetup = false;
  private deviceToken: string | undefined;
  private admin: TestStaff | undefined;

  private constructor(
    private server: LuminaServer,
    private code: string,
    private readonly now: () => number,
  ) {}

  static async start(now: () => number = Date.now): Promise<TestAuthServer> {
    const { server, setupCode } = await startServer(now);
    return new TestAuthServer(server, setupCode, now);
  }

  /** The one-time setup code this server issued (printed on its standard output in real use). */
  get setupCode(): string {
    return this.code;
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const method = (init?.method ?? 'GET') as 'GET' | 'POST';
    this.requests.push(`${method} ${url.pathname}`);
    if (this.offline) throw new TypeError('Failed to fetch');
    const res = await this.server.app.inject({
      method,
      url: url.pathname + url.search,
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      ...(init?.body !== undefined && init.body !== null && { payload: String(init.body) }),
    });
    let body = res.body;
    if (
      res.statusCode === 201 &&
      (url.pathname === authPaths.setup || url.pathname === authPaths.enrolments)
    ) {
      const enrolment = res.json<EnrolResponse>();
      this.registered = enrolment;
      this.registeredBySetup = url.pathname === authPaths.setup;
      if (this.reportedFingerprint)
        body = JSON.stringify({ ...enrolment, fingerprint: this.reportedFingerprint });
    }
    if (res.statusCode === 200 && url.pathname === authPaths.session) {
      this.deviceToken = res.json<SessionResponse>().token;
    }
    return new Response(body, {
      status: res.statusCode,
      headers: { 'content-type': String(res.headers['content-type'] ?? 'application/json') },
    });
  };

  /** The device the client registered (by setup or enrolment), as the server holds it. */
  async device(): Promise<RegisteredDevice> {
    if (!this.registered) throw new Error('no device registered yet');
    const [row] = await this.server.db.query<{
      fingerprint: string;
      sign_public_key: string;
      status: string;
    }>('SELECT fingerprint, sign_public_key, status FROM devices WHERE id = $1', [this.registered.deviceId]);
    if (!row) throw new Error('the server does not know the device');
    return {
      ...this.registered,
      fingerprint: row.fingerprint,
      signPublicKey: row.sign_public_key,
      status: row.status,
    };
  }

  /** The organisation's recovery public key as the server stored it at setup (base64url). */
  async recoveryPublicKey(): Promise<string | undefined> {
    const [row] = await this.server.db.query<{ recovery_public_key: string }>(
      'SELECT recovery_public_key FROM organisation',
    );
    return row?.recovery_public_key;
  }

  /** Whether `token` is a session the server issued and keeps (it stores only hashes). */
  async knowsToken(token: string): Promise<boolean> {
    const hash = createHash('sha256').update(token).digest('hex');
    return (await this.server.db.query('SELECT 1 FROM sessions WHERE token_hash = $1', [hash])).length === 1;
  }

  /** A new invitation code from an admin of this Node process (the organisation is set up first if need be). */
  async invitationCode(role: Role = 'manager', displayName = 'Mika Sato'): Promise<string> {
    const res = await this.server.app.inject({
      method: 'POST',
      url: authPaths.invitations,
      headers: (await this.nodeAdmin()).headers,
      payload: { displayName, role },
    });
    if (res.statusCode !== 201) throw new Error(`invitation: HTTP ${res.statusCode} ${res.body}`);
    return res.json<InvitationResponse>().code;
  }

  /** An admin approves the device's pending enrolment, having compared the fingerprint. */
  async approve(): Promise<void> {
    await this.decide(authPaths.approveEnrolment, { fingerprintConfirmed: true });
  }

  async deny(): Promise<void> {
    await this.decide(authPaths.denyEnrolment, {});
  }

  /** An admin revokes the device. */
  async revoke(): Promise<void> {
    const { deviceId } = await this.device();
    const res = await this.server.app.inject({
      method: 'POST',
      url: authPaths.deviceRevoke(deviceId),
      headers: (await this.nodeAdmin()).headers,
      payload: {},
    });
    if (res.statusCode !== 200) throw new Error(`revocation: HTTP ${res.statusCode} ${res.body}`);
  }

  /** Replaces the server with one on an empty database: a server that never heard of the device. */
  async forget(): Promise<void> {
    await this.close();
    const { server, setupCode } = await startServer(this.now);
    this.server = server;
    this.code = setupCode;
    this.admin = undefined;
    this.registered = undefined;
    this.deviceToken = undefined;
  }

  async close(): Promise<void> {
    await this.server.close();
    await this.server.db.close();
  }

  private async decide(path: (enrolmentId: string) => string, payload: object): Promise<void> {
    const { enrolmentId } = await this.device();
    const headers = (await this.nodeAdmin()).headers;
    const pending = await this.server.app.inject({ method: 'GET', url: authPaths.enrolments, headers });
    if (!pending.json<EnrolmentView[]>().some((enrolment) => enrolment.enrolmentId === enrolmentId)) {
      throw new Error('the device has no pending enrolment');
    }
    const res = await this.server.app.inject({ method: 'POST', url: path(enrolmentId), headers, payload });
    if (res.statusCode !== 200) throw new Error(`${path(enrolmentId)}: HTTP ${res.statusCode} ${res.body}`);
  }

  /**
   * An admin whose device is this Node process: the first admin when the device under test has not set the
   * organisation up, else a second admin the device (the first) invited and approved.
   */
  private async nodeAdmin(): Promise<TestStaff> {
    if (this.admin) return this.admin;
    if (this.registered && this.registeredBySetup) {
      if (!this.deviceToken) throw new Error('the device that set the organisation up has no session');
      const firstAdmin = { headers: { authorization: `Bearer ${this.deviceToken}` } } as TestStaff;
      this.admin = await addStaff(this.server.app, firstAdmin, 'admin', 'Second admin');
    } else {
      this.admin = await setUpOrganisation(this.server.app, this.code);
    }
    return this.admin;
  }
}

async function startServer(now: () => number): Promise<{ server: LuminaServer; setupCode: string }> {
  const db = await openDatabase({});
  let setupCode = '';
  const server = await buildServer({
    db,
    allowedOrigins: [],
    logLevel: 'silent',
    clock: now,
    onSetupCode: (code) => (setupCode = code),
  });
  return { server, setupCode };
}
