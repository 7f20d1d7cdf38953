import { describe, expect, it, vi } from 'vitest';
import { AuthClient, AuthRequestError, StaffClient } from './auth-client';

const SERVER = 'http://127.0.0.1:8787';

function answering(status: number, body: unknown) {
  const respond: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response> = async () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  return vi.fn(respond);
}

async function failure(promise: Promise<unknown>): Promise<AuthRequestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthRequestError);
  return error as AuthRequestError;
}

describe('AuthClient: status codes become outcomes', () => {
  it.each([
    [400, { reason: 'invitation-invalid' }, 'invalid', 'invitation-invalid'],
    [401, { reason: 'device-pending' }, 'unauthorized', 'device-pending'],
    [403, { reason: 'forbidden', needs: 'capability:manageStaff' }, 'forbidden', 'forbidden'],
    [404, {}, 'not-found', 'unknown'],
    [409, { reason: 'already-set-up' }, 'conflict', 'already-set-up'],
    [
      500,
      { reason: 'the server could not complete the request' },
      'server',
      'the server could not complete the request',
    ],
    [502, 'not json', 'server', 'unknown'],
  ])('HTTP %i %j → %s (%s)', async (status, body, kind, reason) => {
    const client = new AuthClient({ serverUrl: SERVER, fetch: answering(status, body) });
    const error = await failure(client.challenge('d'));
    expect(error).toMatchObject({ kind, reason, status });
    if (status === 403) expect(error.needs).toBe('capability:manageStaff');
  });

  it('429 (rate limited) is a server failure that keeps its Retry-After, like a 503', async () => {
    const fetch = vi.fn(
      async () =>
        new Response(JSON.stringify({ statusCode: 429, code: 'rate-limited' }), {
          status: 429,
          headers: { 'content-type': 'application/json', 'retry-after': '42' },
        }),
    );
    const client = new AuthClient({ serverUrl: SERVER, fetch });
    expect(await failure(client.challenge('d'))).toMatchObject({
      kind: 'server',
      reason: 'rate-limited',
      status: 429,
      retryAfterMs: 42_000,
    });
  });

  it('no answer at all is "unreachable"', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const client = new AuthClient({ serverUrl: SERVER, fetch });
    expect(await failure(client.challenge('d'))).toMatchObject({ kind: 'unreachable' });
  });

  it.each(['device-revoked', 'staff-revoked'] as const)(
    '401 %s calls onRevoked before the error reaches the caller',
    async (reason) => {
      const order: string[] = [];
      const client = new AuthClient({
        serverUrl: SERVER,
        fetch: answering(401, { reason }),
        onRevoked: (r) => order.push(`revoked:${r}`),
      });
      await client.challenge('d').catch(() => order.push('caller'));
      expect(order).toEqual([`revoked:${reason}`, 'caller']);
    },
  );

  it('other 401s and a 403 do not count as revocation', async () => {
    const onRevoked = vi.fn();
    for (const [status, reason] of [
      [401, 'session-expired'],
      [401, 'device-unknown'],
      [403, 'device-revoked'],
    ] as const) {
      const client = new AuthClient({ serverUrl: SERVER, fetch: answering(status, { reason }), onRevoked });
      await client.challenge('d').catch(() => undefined);
    }
    expect(onRevoked).not.toHaveBeenCalled();
  });

  it('sends JSON bodies and the bearer token, and refuses a session answer without a valid role', async () => {
    const fetch = answering(200, { token: 't', expiresAt: 1, staffId: 's', displayName: 'x', role: 'root' });
    const client = new AuthClient({ serverUrl: SERVER, fetch });
    expect(await failure(client.session({ challengeId: 'c', deviceId: 'd', signature: 's' }))).toMatchObject({
      kind: 'server',
      reason: 'malformed-response',
    });
    const [url, init] = fetch.mock.calls[0]!;
    expect(String(url)).toBe(`${SERVER}/auth/session`);
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({ challengeId: 'c', deviceId: 'd', signature: 's' });

    await client.request('GET', '/staff', { token: 'abc' });
    expect((fetch.mock.calls[1]![1]?.headers as Record<string, string>).authorization).toBe('Bearer abc');
  });

  it('the error message carries kind, status and reason only', async () => {
    const client = new AuthClient({
      serverUrl: SERVER,
      fetch: answering(400, { reason: 'invitation-invalid', detail: 'Aiko Tanaka' }),
    });
    const error = await failure(client.enrol({ invitationCode: 'X', device: {} as never }));
    expect(error.message).not.toContain('Aiko');
  });
});

describe('StaffClient', () => {
  it('authenticates again once when the server refuses the token itself, then succeeds', async () => {
    const answers = [
      new Response(JSON.stringify({ reason: 'session-expired' }), { status: 401 }),
      new Response(JSON.stringify([{ id: 's1' }]), { status: 200 }),
    ];
    const fetch = vi.fn(async () => answers.shift()!);
    const tokens = { token: vi.fn(async () => `t${tokens.token.mock.calls.length}`), invalidate: vi.fn() };
    const staff = new StaffClient(new AuthClient({ serverUrl: SERVER, fetch }), tokens);
    expect(await staff.staff()).toEqual([{ id: 's1' }]);
    expect(tokens.invalidate).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('does not retry a revocation or a refusal by role', async () => {
    for (const [status, reason] of [
      [401, 'device-revoked'],
      [403, 'forbidden'],
    ] as const) {
      const fetch = answering(status, { reason });
      const tokens = { token: vi.fn(async () => 't'), invalidate: vi.fn() };
      const staff = new StaffClient(new AuthClient({ serverUrl: SERVER, fetch }), tokens);
      expect(await failure(staff.invite({ displayName: 'Mika', role: 'concierge' }))).toMatchObject({
        reason,
      });
      expect(fetch).toHaveBeenCalledTimes(1);
      expect(tokens.invalidate).not.toHaveBeenCalled();
    }
  });

  it('approving always states that the fingerprint was compared', async () => {
    const fetch = answering(200, {});
    const staff = new StaffClient(new AuthClient({ serverUrl: SERVER, fetch }), {
      token: async () => 't',
      invalidate: () => undefined,
    });
    await staff.approve('e-1');
    const [url, init] = fetch.mock.calls[0]!;
    expect(String(url)).toBe(`${SERVER}/enrolments/e-1/approve`);
    expect(JSON.parse(String(init?.body))).toEqual({ fingerprintConfirmed: true });
  });
});
