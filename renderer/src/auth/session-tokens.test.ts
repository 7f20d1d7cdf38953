import { describe, expect, it, vi } from 'vitest';
import { SESSION_TTL_MS, type SessionResponse } from '../../../shared/index';
import { FakeClock } from '../../../tests/support/fake-clock';
import { AuthRequestError, type AuthClient } from './auth-client';
import { renewalDelayMs, RENEW_BEFORE_EXPIRY_MS, RENEW_RETRY_MS, SessionTokens } from './session-tokens';

const MINUTE = 60_000;

function fakeClient(clock: FakeClock) {
  let issued = 0;
  const failures: AuthRequestError[] = [];
  const client = {
    challenge: vi.fn(async () => {
      const failure = failures.shift();
      if (failure) throw failure;
      return { challengeId: 'c', challenge: 'x', expiresAt: clock.now() + MINUTE };
    }),
    session: vi.fn(async (): Promise<SessionResponse> => ({
      token: `token-${++issued}`,
      expiresAt: clock.now() + SESSION_TTL_MS,
      staffId: 's',
      displayName: 'Aiko',
      role: 'manager',
      deviceId: 'd',
    })),
  };
  return { client, failures, asClient: client as unknown as AuthClient };
}

/** Lets the promise chains started by a fired timer settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('renewalDelayMs', () => {
  it('renews two minutes before expiry, and at once when that moment has passed', () => {
    expect(RENEW_BEFORE_EXPIRY_MS).toBe(2 * MINUTE);
    expect(renewalDelayMs(1_000_000 + 15 * MINUTE, 1_000_000)).toBe(13 * MINUTE);
    expect(renewalDelayMs(1_000_000 + MINUTE, 1_000_000)).toBe(0);
    expect(renewalDelayMs(1_000_000, 2_000_000)).toBe(0);
  });
});

describe('SessionTokens', () => {
  it('signs the challenge with the device key and hands out the token', async () => {
    const clock = new FakeClock();
    const { client, asClient } = fakeClient(clock);
    const sign = vi.fn((challenge: string) => `signed:${challenge}`);
    const tokens = new SessionTokens({ client: asClient, deviceId: 'd', sign, clock });
    expect(await tokens.token()).toBe('token-1');
    expect(sign).toHaveBeenCalledWith('x');
    expect(client.session).toHaveBeenCalledWith({ challengeId: 'c', deviceId: 'd', signature: 'signed:x' });
    expect(await tokens.token()).toBe('token-1');
    expect(client.challenge).toHaveBeenCalledTimes(1);
  });

  it('many callers at once cause one challenge', async () => {
    const clock = new FakeClock();
    const { client, asClient } = fakeClient(clock);
    const tokens = new SessionTokens({ client: asClient, deviceId: 'd', sign: () => 's', clock });
    const all = await Promise.all([tokens.token(), tokens.token(), tokens.token()]);
    expect(new Set(all)).toEqual(new Set(['token-1']));
    expect(client.challenge).toHaveBeenCalledTimes(1);
  });

  it('renews in the background 13 minutes into a 15-minute token, and reports each session', async () => {
    const clock = new FakeClock();
    const { asClient } = fakeClient(clock);
    const onSession = vi.fn();
    const tokens = new SessionTokens({ client: asClient, deviceId: 'd', sign: () => 's', clock, onSession });
    await tokens.authenticate();
    clock.advance(13 * MINUTE - 1);
    await settle();
    expect(onSession).toHaveBeenCalledTimes(1);
    clock.advance(1);
    await settle();
    expect(onSession).toHaveBeenCalledTimes(2);
    expect(tokens.valid()).toBe('token-2');
  });

  it('keeps retrying every 30 s while the server cannot be reached', async () => {
    const clock = new FakeClock();
    const { client, failures, asClient } = fakeClient(clock);
    const tokens = new SessionTokens({ client: asClient, deviceId: 'd', sign: () => 's', clock });
    await tokens.authenticate();
    failures.push(
      new AuthRequestError('unreachable', 'unreachable'),
      new AuthRequestError('unreachable', 'unreachable'),
    );
    clock.advance(13 * MINUTE);
    await settle();
    expect(client.challenge).toHaveBeenCalledTimes(2);
    clock.advance(RENEW_RETRY_MS);
    await settle();
    expect(client.challenge).toHaveBeenCalledTimes(3);
    clock.advance(RENEW_RETRY_MS);
    await settle();
    expect(client.challenge).toHaveBeenCalledTimes(4);
    expect(tokens.valid()).toBe('token-2');
  });

  it('rate limited (429): the renewal waits for the Retry-After, and no caller asks again before it', async () => {
    const clock = new FakeClock();
    const { client, failures, asClient } = fakeClient(clock);
    const onRefused = vi.fn();
    const tokens = new SessionTokens({ client: asClient, deviceId: 'd', sign: () => 's', clock, onRefused });
    await tokens.authenticate();
    failures.push(new AuthRequestError('server', 'rate-limited', 429, undefined, 5 * MINUTE));
    clock.advance(13 * MINUTE);
    await settle();
    expect(client.challenge).toHaveBeenCalledTimes(2);
    // The sync asking for a token meanwhile is told the same, without a request.
    tokens.invalidate();
    await expect(tokens.token()).rejects.toMatchObject({ status: 429, retryAfterMs: 5 * MINUTE });
    clock.advance(RENEW_RETRY_MS);
    await settle();
    expect(client.challenge).toHaveBeenCalledTimes(2);
    clock.advance(5 * MINUTE - RENEW_RETRY_MS);
    await settle();
    expect(client.challenge).toHaveBeenCalledTimes(3);
    expect(tokens.valid()).toBe('token-2');
    expect(onRefused).not.toHaveBeenCalled();
  });

  it('stops renewing when refused, and tells the app (unless it is a revocation, which wipes elsewhere)', async () => {
    const clock = new FakeClock();
    const { client, failures, asClient } = fakeClient(clock);
    const onRefused = vi.fn();
    const tokens = new SessionTokens({ client: asClient, deviceId: 'd', sign: () => 's', clock, onRefused });
    await tokens.authenticate();
    failures.push(new AuthRequestError('unauthorized', 'device-unknown', 401));
    clock.advance(13 * MINUTE);
    await settle();
    expect(onRefused).toHaveBeenCalledWith(expect.objectContaining({ reason: 'device-unknown' }));
    clock.advance(60 * MINUTE);
    await settle();
    expect(client.challenge).toHaveBeenCalledTimes(2);
  });

  it('a lapsed token is not handed out (the renewal never ran, say the laptop slept): the next call authenticates', async () => {
    const clock = new FakeClock();
    const { client, asClient } = fakeClient(clock);
    const tokens = new SessionTokens({ client: asClient, deviceId: 'd', sign: () => 's', clock });
    await tokens.token();
    clock.jump(15 * MINUTE);
    expect(tokens.valid()).toBeUndefined();
    expect(await tokens.token()).toBe('token-2');
    expect(client.challenge).toHaveBeenCalledTimes(2);
  });

  it('invalidate() drops the token; stop() ends renewals and refuses further authentication', async () => {
    const clock = new FakeClock();
    const { client, asClient } = fakeClient(clock);
    const tokens = new SessionTokens({ client: asClient, deviceId: 'd', sign: () => 's', clock });
    await tokens.token();
    tokens.invalidate();
    expect(await tokens.token()).toBe('token-2');
    tokens.stop();
    expect(tokens.valid()).toBeUndefined();
    expect(clock.pendingTimers()).toBe(0);
    await expect(tokens.token()).rejects.toBeInstanceOf(AuthRequestError);
    expect(client.challenge).toHaveBeenCalledTimes(2);
  });
});
