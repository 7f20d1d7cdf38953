/**
 * The device's access (renderer/src/auth/device-access.ts) against the real server: buildServer on in-memory
 * PGlite, sharing the test's clock, reached through a fetch that injects requests (tests/support/auth-server.ts).
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_OFFLINE_MS } from '../../shared/auth/policy';
import { loadSodium, type Sodium } from '../../shared/crypto/index';
import { toBase64Url } from '../../shared/crypto/encoding';
import { DeviceVault } from '../../renderer/src/security/device-vault';
import type { SyncAuth } from '../../renderer/src/sync/sync-auth';
import { AuthRequestError } from '../../renderer/src/auth/auth-client';
import {
  DeviceAccess,
  DeviceLockedError,
  DeviceWipedError,
  PassphraseRejectedError,
  UnlockDelayedError,
  UnlockRefusedError,
  type DeviceKeyHolder,
  type WipeReason,
} from '../../renderer/src/auth/device-access';
import { DEVICE_RECORD_STORAGE_KEY } from '../../renderer/src/auth/device-record';
import { wipeLocalData } from '../../renderer/src/auth/wipe';
import { TestAuthServer } from '../support/auth-server';
import { FakeClock } from '../support/fake-clock';

const PASSPHRASE = 'lantern orbit velvet quarry';
const DAY = 24 * 3_600_000;

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  dump(): string {
    return JSON.stringify([...this.items]);
  }
}

const servers: TestAuthServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function deviceWith(sodium: Sodium) {
  const clock = new FakeClock();
  const server = await TestAuthServer.start(() => clock.now());
  servers.push(server);
  const storage = new MemoryStorage();
  const wiped: WipeReason[] = [];
  const sessions: Array<{ auth: SyncAuth; device: DeviceKeyHolder; close: ReturnType<typeof vi.fn> }> = [];
  const databases = new Set(['rxdb-dexie-lumina-vault--0--clients']);
  const access = new DeviceAccess({
    sodium,
    serverUrl: 'http://127.0.0.1:8787',
    storage,
    fetch: server.fetch,
    clock,
    openSession: async (_keyring, auth, device) => {
      const session = { auth, device, close: vi.fn(async () => undefined) };
      sessions.push(session);
      return session;
    },
    wipe: () =>
      wipeLocalData({
        storage,
        indexedDB: {
          databases: async () => [...databases].map((name) => ({ name })),
          deleteDatabase: (name: string) => {
            databases.delete(name);
            const request = {} as IDBOpenDBRequest;
            setTimeout(() => request.onsuccess?.({} as Event), 0);
            return request;
          },
        },
      }),
    onWiped: (reason) => wiped.push(reason),
  });
  return { access, server, storage, clock, wiped, sessions, databases };
}

async function setUpDevice(sodium: Sodium) {
  const device = await deviceWith(sodium);
  const open = await device.access.setUp({
    setupCode: device.server.setupCode.toLowerCase().replace(/-/g, ' '),
    displayName: 'Aiko Tanaka',
    deviceName: 'Aiko’s laptop',
    passphrase: PASSPHRASE,
    recoveryPublicKey: sodium.crypto_box_keypair().publicKey,
  });
  await open.close();
  return device;
}

// Each test starts a server on a fresh in-memory database (a few seconds on a busy machine) and derives keys with
// Argon2id: a limit on how long a test may run, not an assertion about speed.
describe('DeviceAccess', { timeout: 90_000 }, () => {
  let sodium: Sodium;
  beforeAll(async () => {
    sodium = await loadSodium();
  });

  it('sets up the organisation: keys made here, the code read back however typed, authenticated, open', async () => {
    const { access, server, storage, sessions } = await deviceWith(sodium);
    expect(access.status().kind).toBe('unenrolled');
    const recovery = sodium.crypto_box_keypair();
    const open = await access.setUp({
      setupCode: server.setupCode.toLowerCase().replace(/-/g, ' '),
      displayName: 'Aiko Tanaka',
      deviceName: 'Aiko’s laptop',
      passphrase: PASSPHRASE,
      recoveryPublicKey: recovery.publicKey,
    });
    expect(await server.recoveryPublicKey()).toBe(toBase64Url(recovery.publicKey));
    expect(open.online).toBe(true);
    expect(open.identity).toMatchObject({ role: 'admin', displayName: 'Aiko Tanaka' });
    expect(open.fingerprint).toBe((await server.device()).fingerprint);
    expect(server.requests).toEqual(['POST /auth/setup', 'POST /auth/challenge', 'POST /auth/session']);
    // A session the server issued and keeps.
    expect(await server.knowsToken(await sessions[0]!.auth.token())).toBe(true);
    expect(access.status().kind).toBe('enrolled');
    // What is stored holds no private key and no passphrase: only sealed envelopes and public values.
    expect(storage.dump()).not.toContain(PASSPHRASE);
    expect(storage.dump()).not.toContain('Aiko Tanaka');
    await open.close();
    expect(sessions[0]!.close).toHaveBeenCalledTimes(1);
  });

  it('gives the open session this device’s keys under the device id, and none once it closes', async () => {
    const { access, server, sessions } = await deviceWith(sodium);
    const open = await access.setUp({
      setupCode: server.setupCode,
      displayName: 'Aiko Tanaka',
      deviceName: 'Aiko’s laptop',
      passphrase: PASSPHRASE,
      recoveryPublicKey: sodium.crypto_box_keypair().publicKey,
    });
    const holder = sessions[0]!.device;
    expect(holder.deviceId).toBe(open.deviceId);
    expect(holder.staffId).toBe((await server.device()).staffId);
    const keys = holder.deviceKeys();
    expect(keys.staffId).toBe(open.deviceId);
    expect(toBase64Url(keys.signPublicKey)).toBe((await server.device()).signPublicKey);
    // The secret key really matches: it derives the public key.
    expect(sodium.crypto_scalarmult_base(keys.boxSecretKey)).toEqual(keys.boxPublicKey);
    // A copy: wiping it leaves the device's own keys intact.
    sodium.memzero(keys.boxSecretKey);
    expect(holder.deviceKeys().boxSecretKey.some((b) => b !== 0)).toBe(true);
    await open.close();
    expect(() => holder.deviceKeys()).toThrow(DeviceLockedError);
  });

  it('a wrong setup code saves nothing', async () => {
    const { access, storage } = await deviceWith(sodium);
    const error = await access
      .setUp({
        setupCode: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ',
        displayName: 'A',
        deviceName: 'B',
        passphrase: PASSPHRASE,
        recoveryPublicKey: sodium.crypto_box_keypair().publicKey,
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid', reason: 'setup-code-invalid' });
    expect(storage.length).toBe(0);
    expect(access.status().kind).toBe('unenrolled');
  });

  it('refuses a server that reports another fingerprint than its own keys, and saves nothing', async () => {
    const { access, server, storage } = await deviceWith(sodium);
    server.reportedFingerprint = '00000 00000 00000 00000 00000 00000 00000 00000';
    const error = await access
      .enrol({ invitationCode: await server.invitationCode(), deviceName: 'B', passphrase: PASSPHRASE })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'fingerprint-mismatch' });
    expect(storage.getItem(DEVICE_RECORD_STORAGE_KEY)).toBeNull();
  });

  it('enrols, waits while pending, and unlocks once approved', async () => {
    const { access, server } = await deviceWith(sodium);
    const record = await access.enrol({
      invitationCode: await server.invitationCode(),
      deviceName: 'Mika’s tablet',
      passphrase: PASSPHRASE,
    });
    expect(record.fingerprint).toBe((await server.device()).fingerprint);
    expect(access.status().kind).toBe('pending');
    expect((await access.refreshEnrolment()).kind).toBe('pending');
    await server.approve();
    expect((await access.refreshEnrolment()).kind).toBe('enrolled');
    const open = await access.unlock(PASSPHRASE);
    expect(open.online).toBe(true);
    await open.close();
  });

  it('a denied enrolment reads as refused; starting over wipes it', async () => {
    const { access, server, storage } = await deviceWith(sodium);
    await access.enrol({
      invitationCode: await server.invitationCode(),
      deviceName: 'B',
      passphrase: PASSPHRASE,
    });
    await server.deny();
    expect(await access.refreshEnrolment()).toEqual({ kind: 'refused', status: 'denied' });
    await access.startOver();
    expect(access.status().kind).toBe('unenrolled');
    expect(storage.getItem(DEVICE_RECORD_STORAGE_KEY)).toBeNull();
  });

  it('wrong passphrases: five free, then a wait, and the tenth wipes the device', async () => {
    const { access, clock, wiped, storage, databases } = await setUpDevice(sodium);
    for (let failure = 1; failure <= 9; failure++) {
      const allowance = access.unlockAllowance();
      if (allowance.waitMs > 0) {
        await expect(access.unlock('not the passphrase')).rejects.toBeInstanceOf(UnlockDelayedError);
        clock.jump(allowance.waitMs);
      }
      const error = await access.unlock('not the passphrase').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PassphraseRejectedError);
      expect((error as PassphraseRejectedError).allowance.attemptsLeft).toBe(10 - failure);
    }
    clock.jump(access.unlockAllowance().waitMs);
    const last = await access.unlock('not the passphrase').catch((e: unknown) => e);
    expect(last).toBeInstanceOf(DeviceWipedError);
    expect(wiped).toEqual(['too-many-attempts']);
    expect(access.status().kind).toBe('unenrolled');
    expect(storage.getItem('lumina.device-vault.v1')).toBeNull();
    expect(databases.size).toBe(0);
  }, 60_000);

  it('the right passphrase resets the failure count', async () => {
    const { access } = await setUpDevice(sodium);
    await access.unlock('not the passphrase').catch(() => undefined);
    expect(access.unlockAllowance().failures).toBe(1);
    await (await access.unlock(PASSPHRASE)).close();
    expect(access.unlockAllowance().failures).toBe(0);
  });

  it('opens offline within 14 days of the last online authentication, not after', async () => {
    const { access, server, clock } = await setUpDevice(sodium);
    server.offline = true;
    clock.jump(MAX_OFFLINE_MS - DAY);
    const offline = await access.unlock(PASSPHRASE);
    expect(offline.online).toBe(false);
    expect(offline.identity.role).toBe('admin');
    await offline.close();

    clock.jump(2 * DAY);
    const refused = await access.unlock(PASSPHRASE).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UnlockRefusedError);
    expect((refused as UnlockRefusedError).reason).toBe('must-go-online');

    server.offline = false;
    const online = await access.unlock(PASSPHRASE);
    expect(online.online).toBe(true);
    await online.close();
  });

  it('a clock set back before the last online authentication does not open offline', async () => {
    const { access, server, clock } = await setUpDevice(sodium);
    server.offline = true;
    clock.jump(-DAY);
    await expect(access.unlock(PASSPHRASE)).rejects.toBeInstanceOf(UnlockRefusedError);
  });

  it('a tampered record of the last online time counts as never online', async () => {
    const { access, server, storage } = await setUpDevice(sodium);
    const record = JSON.parse(storage.getItem(DEVICE_RECORD_STORAGE_KEY)!);
    const other = await setUpDevice(sodium);
    // A sealed state from another device (another vault key, another device id) does not open here.
    record.sealedState = JSON.parse(other.storage.getItem(DEVICE_RECORD_STORAGE_KEY)!).sealedState;
    storage.setItem(DEVICE_RECORD_STORAGE_KEY, JSON.stringify(record));
    server.offline = true;
    await expect(access.unlock(PASSPHRASE)).rejects.toBeInstanceOf(UnlockRefusedError);
  });

  it('revoked at the challenge of an unlock: wipes and says so', async () => {
    const { access, server, wiped, databases } = await setUpDevice(sodium);
    await server.revoke();
    const error = await access.unlock(PASSPHRASE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeviceWipedError);
    expect((error as DeviceWipedError).reason).toBe('device-revoked');
    expect(wiped).toEqual(['device-revoked']);
    expect(access.status().kind).toBe('unenrolled');
    expect(databases.size).toBe(0);
  });

  it('revoked while open (a sync request answered 401 device-revoked): closes the session and wipes', async () => {
    const { access, wiped, sessions, storage } = await setUpDevice(sodium);
    await access.unlock(PASSPHRASE);
    const session = sessions.at(-1)!;
    session.auth.onAuthFailure('device-revoked');
    await vi.waitFor(() => expect(wiped).toEqual(['device-revoked']));
    expect(session.close).toHaveBeenCalledTimes(1);
    expect(storage.getItem(DEVICE_RECORD_STORAGE_KEY)).toBeNull();
    expect(storage.getItem('lumina.device-vault.v1')).toBeNull();
  });

  it('quick unlock: the vault key the OS keychain kept opens the device keys, and the device authenticates', async () => {
    const { access, server, storage } = await setUpDevice(sodium);
    const vault = new DeviceVault(sodium, storage);
    const kept = vault.quickUnlockSecret(vault.unlock(PASSPHRASE));
    const before = server.requests.length;
    const open = await access.unlock(vault.unlockWithKey(kept));
    expect(open.online).toBe(true);
    expect(server.requests.slice(before)).toEqual(['POST /auth/challenge', 'POST /auth/session']);
    await open.close();
  });

  it('device keys edited in storage do not open', async () => {
    const { access, storage } = await setUpDevice(sodium);
    const other = await setUpDevice(sodium);
    const record = JSON.parse(storage.getItem(DEVICE_RECORD_STORAGE_KEY)!);
    // Another device's public keys beside this device's sealed private keys.
    const otherKeys = JSON.parse(other.storage.getItem(DEVICE_RECORD_STORAGE_KEY)!).keys;
    record.keys.signPublicKey = otherKeys.signPublicKey;
    storage.setItem(DEVICE_RECORD_STORAGE_KEY, JSON.stringify(record));
    await expect(access.unlock(PASSPHRASE)).rejects.toMatchObject({ code: 'tampered' });
  });

  it('a server that no longer knows the device refuses the unlock without wiping', async () => {
    const { access, server, wiped } = await setUpDevice(sodium);
    await server.forget();
    const error = await access.unlock(PASSPHRASE).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'server-refused', serverReason: 'device-unknown' });
    expect(wiped).toEqual([]);
    expect(access.status().kind).toBe('enrolled');
  });

  it('a token failure on sync drops the token: the next request authenticates again', async () => {
    const { access, server, sessions } = await setUpDevice(sodium);
    await access.unlock(PASSPHRASE);
    const { auth } = sessions.at(-1)!;
    const first = await auth.token();
    auth.onAuthFailure('session-expired');
    const second = await auth.token();
    expect(second).not.toBe(first);
    expect(server.requests.filter((r) => r === 'POST /auth/session')).toHaveLength(3);
  });

  it('offline: a sync request cannot get a token and says the server is unreachable', async () => {
    const { access, server, sessions, clock } = await setUpDevice(sodium);
    server.offline = true;
    await access.unlock(PASSPHRASE);
    clock.jump(DAY);
    const error = await sessions
      .at(-1)!
      .auth.token()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthRequestError);
    expect((error as AuthRequestError).kind).toBe('unreachable');
  });
});
