import {
  authPaths,
  isRole,
  retryAfterMs,
  type ApproveRequest,
  type AuthFailure,
  type ChallengeResponse,
  type DeviceView,
  type DirectoryStaffView,
  type EnrolmentView,
  type EnrolRequest,
  type EnrolResponse,
  type InvitationRequest,
  type InvitationResponse,
  type OrganisationView,
  type Role,
  type SessionIdentity,
  type SessionRequest,
  type SessionResponse,
  type SetupRequest,
  type StaffView,
} from '../../../shared/index';
import { marketingPaths, type MarketingAudience } from '../../../shared/domain/marketing';

/** How a request to the server ended when it did not succeed; the UI words each kind. */
export type AuthErrorKind =
  | 'unauthorized' // 401: reason is an AuthFailure
  | 'forbidden' // 403: reason 'forbidden' (needs says what was missing) or e.g. 'own-device'
  | 'invalid' // 400: e.g. 'setup-code-invalid', 'invitation-invalid'
  | 'conflict' // 409: e.g. 'already-set-up', 'not-pending'
  | 'not-found' // 404
  | 'server' // 5xx, or an answer that is not what the protocol says
  | 'unreachable'; // no answer at all (offline, DNS, refused)

/**
 * A failed request. Carries the server's reason code only (never a body or a URL with ids), so it may be shown
 * and kept.
 */
export class AuthRequestError extends Error {
  constructor(
    readonly kind: AuthErrorKind,
    readonly reason: string,
    readonly status?: number,
    readonly needs?: string,
    /** What the answer's Retry-After asked for (a 429 or a 503), in milliseconds. */
    readonly retryAfterMs?: number,
  ) {
    super(`request failed: ${kind} (${status ?? 'no answer'}, ${reason})`);
  }
}

export type RevocationReason = Extract<AuthFailure, 'device-revoked' | 'staff-revoked'>;

export function isRevocation(reason: string): reason is RevocationReason {
  return reason === 'device-revoked' || reason === 'staff-revoked';
}

/** Failures after which a fresh challenge may succeed: the token, not the device, was the problem. */
export function isTokenFailure(reason: string): boolean {
  return reason === 'missing-token' || reason === 'invalid-token' || reason === 'session-expired';
}

const KINDS: Record<number, AuthErrorKind> = {
  400: 'invalid',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
};

export interface AuthClientOptions {
  serverUrl: string;
  fetch?: typeof fetch;
  /**
   * Called before the error is thrown when the server says this device or its person was revoked, at whatever
   * contact it happens: the device must wipe itself.
   */
  onRevoked?(reason: RevocationReason): void;
}

/** The identity and device endpoints of shared/auth/protocol.ts, as typed calls. */
export class AuthClient {
  private readonly fetch: typeof fetch;

  constructor(private readonly options: AuthClientOptions) {
    // Bound: a detached window.fetch throws "Illegal invocation".
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  get serverUrl(): string {
    return this.options.serverUrl;
  }

  async request<T>(
    method: 'GET' | 'POST',
    path: string,
    options: { body?: unknown; token?: string } = {},
  ): Promise<T> {
    const headers: Record<string, string> = {};
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    let res: Response;
    try {
      res = await this.fetch(new URL(path, this.options.serverUrl), {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        cache: 'no-store',
      });
    } catch {
      throw new AuthRequestError('unreachable', 'unreachable');
    }
    if (res.ok) {
      try {
        return (await res.json()) as T;
      } catch {
        throw new AuthRequestError('server', 'malformed-response', res.status);
      }
    }
    const body = (await res.json().catch(() => ({}))) as { reason?: unknown; needs?: unknown };
    const reason =
      typeof body.reason === 'string' ? body.reason : res.status === 429 ? 'rate-limited' : 'unknown';
    const needs = typeof body.needs === 'string' ? body.needs : undefined;
    if (res.status === 401 && isRevocation(reason)) this.options.onRevoked?.(reason);
    // 429 (rate limited) reads as a server failure, like a 503: a device unlocks offline and retries later.
    const retryAfter = retryAfterMs(res.headers.get('retry-after'));
    throw new AuthRequestError(KINDS[res.status] ?? 'server', reason, res.status, needs, retryAfter);
  }

  async setUp(request: SetupRequest): Promise<EnrolResponse> {
    return checkEnrolResponse(await this.request<EnrolResponse>('POST', authPaths.setup, { body: request }));
  }

  async enrol(request: EnrolRequest): Promise<EnrolResponse> {
    return checkEnrolResponse(
      await this.request<EnrolResponse>('POST', authPaths.enrolments, { body: request }),
    );
  }

  /** An enrolment's state; needs no token (the random enrolment id is the capability). */
  enrolment(enrolmentId: string): Promise<EnrolmentView> {
    return this.request('GET', authPaths.enrolment(enrolmentId));
  }

  challenge(deviceId: string): Promise<ChallengeResponse> {
    return this.request('POST', authPaths.challenge, { body: { deviceId } });
  }

  async session(request: SessionRequest): Promise<SessionResponse> {
    const session = await this.request<SessionResponse>('POST', authPaths.session, { body: request });
    if (
      typeof session?.token !== 'string' ||
      typeof session.expiresAt !== 'number' ||
      typeof session.staffId !== 'string' ||
      !isRole(session.role)
    ) {
      throw new AuthRequestError('server', 'malformed-response');
    }
    return session;
  }
}

function checkEnrolResponse(response: EnrolResponse): EnrolResponse {
  if (
    typeof response?.enrolmentId !== 'string' ||
    typeof response.deviceId !== 'string' ||
    typeof response.staffId !== 'string' ||
    typeof response.fingerprint !== 'string'
  ) {
    throw new AuthRequestError('server', 'malformed-response');
  }
  return response;
}

/** Where authenticated calls get their token: renewed on demand, dropped after a token failure. */
export interface TokenSource {
  token(): Promise<string>;
  /** The server refused the token (expired early, server restarted): the next token() authenticates again. */
  invalidate(): void;
}

/** The endpoints that need a session: staff, invitations, approvals, revocations. */
export class StaffClient {
  constructor(
    private readonly client: AuthClient,
    private readonly tokens: TokenSource,
  ) {}

  /** One retry with a fresh token when the server refused the token itself. */
  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    try {
      return await this.client.request<T>(method, path, { body, token: await this.tokens.token() });
    } catch (error) {
      if (!(error instanceof AuthRequestError && error.status === 401 && isTokenFailure(error.reason))) {
        throw error;
      }
      this.tokens.invalidate();
      return this.client.request<T>(method, path, { body, token: await this.tokens.token() });
    }
  }

  /** An authenticated GET of a path the session's role may read (the client export: issue 16). */
  get<T>(path: string): Promise<T> {
    return this.call('GET', path);
  }

  me(): Promise<SessionIdentity> {
    return this.call('GET', authPaths.me);
  }

  /** An authenticated call to another capability's routes (the access log, the breach register). */
  send<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    return this.call(method, path, body);
  }

  staff(): Promise<StaffView[]> {
    return this.call('GET', authPaths.staff);
  }

  /** Every staff member with their devices' public keys (key wraps are sealed to these). */
  directory(): Promise<DirectoryStaffView[]> {
    return this.call('GET', authPaths.directory);
  }

  /** The organisation's recovery public key. */
  organisation(): Promise<OrganisationView> {
    return this.call('GET', authPaths.organisation);
  }

  invite(request: InvitationRequest): Promise<InvitationResponse> {
    return this.call('POST', authPaths.invitations, request);
  }

  /** A code for enrolling another device of the caller's own. */
  inviteOwnDevice(): Promise<InvitationResponse> {
    return this.call('POST', authPaths.deviceInvitation, {});
  }

  changeRole(staffId: string, role: Role): Promise<StaffView> {
    return this.call('POST', authPaths.staffRole(staffId), { role });
  }

  revokeStaff(staffId: string): Promise<StaffView> {
    return this.call('POST', authPaths.staffRevoke(staffId), {});
  }

  revokeDevice(deviceId: string): Promise<DeviceView> {
    return this.call('POST', authPaths.deviceRevoke(deviceId), {});
  }

  pendingEnrolments(): Promise<EnrolmentView[]> {
    return this.call('GET', authPaths.enrolments);
  }

  approve(enrolmentId: string): Promise<EnrolmentView> {
    const body: ApproveRequest = { fingerprintConfirmed: true };
    return this.call('POST', authPaths.approveEnrolment(enrolmentId), body);
  }

  deny(enrolmentId: string): Promise<EnrolmentView> {
    return this.call('POST', authPaths.denyEnrolment(enrolmentId), {});
  }

  /** The clients with a live marketing consent on the server's ledger (managers and the admin). */
  marketingAudience(): Promise<MarketingAudience> {
    return this.call('GET', marketingPaths.audience);
  }
}
