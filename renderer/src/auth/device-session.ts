import { offlineUnlockAllowed } from '../../../shared/auth/policy';
import {
  signAuthChallenge,
  wipeIdentity,
  type Sodium,
  type StaffIdentity,
} from '../../../shared/crypto/index';
import type { SessionIdentity } from '../../../shared/index';
import type { Clock } from '../security/clock';
import type { Keyring } from '../security/device-vault';
import type { SyncAuth } from '../sync/sync-auth';
import { AuthRequestError, isRevocation, isTokenFailure, StaffClient, type AuthClient } from './auth-client';
import {
  DeviceLockedError,
  DeviceWipedError,
  UnlockRefusedError,
  type WipeReason,
} from './device-access-errors';
import type { DeviceRecordStore } from './device-record';
import { readDeviceState, writeDeviceState, type DeviceState } from './device-state';
import { SessionTokens } from './session-tokens';

export interface OpenDevice<S> {
  session: S;
  /** Whether the unlock authenticated with the server (false: opened offline within the allowed time). */
  online: boolean;
  identity: SessionIdentity;
  staff: StaffClient;
  deviceId: string;
  fingerprint: string;
  close(): Promise<void>;
}

/**
 * This device's private keys for an open session (key wraps are per device: crypto functions take a StaffIdentity
 * whose `staffId` is the DEVICE id). Each call answers a fresh copy the caller may wipe; the device's own copy is
 * wiped when the session closes or locks, after which this throws.
 */
export interface DeviceKeyHolder {
  deviceId: string;
  staffId: string;
  /** Who the device belongs to when the session opened (role changes apply at the next unlock). */
  identity: SessionIdentity;
  deviceKeys(): StaffIdentity;
}

/** What opening a session needs from DeviceAccess (device-access.ts). */
export interface DeviceSessionContext<S extends { close(): Promise<void> }> {
  sodium: Sodium;
  clock: Clock;
  client: AuthClient;
  records: DeviceRecordStore;
  openSession(keyring: Keyring, auth: SyncAuth, device: DeviceKeyHolder, staff: StaffClient): Promise<S>;
  onIdentity(identity: SessionIdentity, online: boolean): void;
  wipe(reason: WipeReason): Promise<void>;
  /** The wipe under way, if any (a revocation seen while authenticating starts one). */
  wiping(): Promise<void> | undefined;
  /** The session is open: DeviceAccess remembers it. */
  opened(open: OpenDevice<S>): void;
  /** The session starts closing: DeviceAccess forgets it if it is still the open one. */
  closing(open: OpenDevice<S>): void;
}

/**
 * Authenticates online if it can (and must, past the maximum offline time), then opens the store. The device's
 * keys are wiped, and the keyring locked, whenever this fails or the session closes.
 */
export async function openDeviceSession<S extends { close(): Promise<void> }>(
  context: DeviceSessionContext<S>,
  keyring: Keyring,
  identity: StaffIdentity,
): Promise<OpenDevice<S>> {
  const { sodium, clock } = context;
  const record = context.records.load()!;
  let state: DeviceState = readDeviceState(sodium, keyring, record);
  let closed = false;
  const tokens = new SessionTokens({
    client: context.client,
    deviceId: record.deviceId,
    clock,
    sign: (challenge) => signAuthChallenge(sodium, identity.signSecretKey, challenge, record.deviceId),
    onSession: (session) => {
      if (closed) return;
      const { staffId, displayName, role, deviceId } = session;
      state = { lastOnlineAuthAt: clock.now(), identity: { staffId, displayName, role, deviceId } };
      writeDeviceState(sodium, context.records, keyring, state);
      context.onIdentity(state.identity!, true);
    },
  });
  const release = () => {
    closed = true;
    tokens.stop();
    wipeIdentity(sodium, identity);
  };
  const keyHolder: Omit<DeviceKeyHolder, 'identity'> = {
    deviceId: record.deviceId,
    staffId: record.staffId,
    deviceKeys: () => {
      if (closed || keyring.locked) throw new DeviceLockedError();
      return {
        staffId: record.deviceId,
        boxPublicKey: identity.boxPublicKey.slice(),
        boxSecretKey: identity.boxSecretKey.slice(),
        signPublicKey: identity.signPublicKey.slice(),
        signSecretKey: identity.signSecretKey.slice(),
      };
    },
  };

  let online = true;
  try {
    await tokens.authenticate();
  } catch (error) {
    if (error instanceof AuthRequestError && isRevocation(error.reason)) {
      release();
      keyring.lock();
      await context.wiping();
      throw new DeviceWipedError(error.reason);
    }
    const offline =
      error instanceof AuthRequestError && (error.kind === 'unreachable' || error.kind === 'server');
    const now = clock.now();
    const lastOnline = state.lastOnlineAuthAt;
    // A clock set back before the last online authentication does not buy more offline time.
    if (
      !offline ||
      !state.identity ||
      lastOnline === undefined ||
      now < lastOnline ||
      !offlineUnlockAllowed(lastOnline, now)
    ) {
      release();
      keyring.lock();
      if (!offline && error instanceof AuthRequestError) {
        throw new UnlockRefusedError('server-refused', error.reason);
      }
      if (!offline) throw error;
      throw new UnlockRefusedError('must-go-online');
    }
    online = false;
  }

  const auth: SyncAuth = {
    token: () => tokens.token(),
    invalidate: () => tokens.invalidate(),
    onAuthFailure: (reason) => {
      if (isRevocation(reason)) void context.wipe(reason);
      else if (isTokenFailure(reason)) tokens.invalidate();
    },
  };
  const staff = new StaffClient(context.client, tokens);
  let session: S;
  try {
    session = await context.openSession(keyring, auth, { ...keyHolder, identity: state.identity! }, staff);
  } catch (error) {
    release();
    keyring.lock();
    throw error;
  }
  let closing: Promise<void> | undefined;
  const open: OpenDevice<S> = {
    session,
    online,
    identity: state.identity!,
    staff,
    deviceId: record.deviceId,
    fingerprint: record.fingerprint,
    close: () =>
      (closing ??= (async () => {
        context.closing(open);
        try {
          await session.close();
        } finally {
          release();
          keyring.lock();
        }
      })()),
  };
  context.opened(open);
  if (!online) context.onIdentity(state.identity!, false);
  return open;
}
