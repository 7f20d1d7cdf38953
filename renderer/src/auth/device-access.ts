import {
  fingerprint,
  generateIdentity,
  wipeIdentity,
  type Sodium,
  type StaffIdentity,
} from '../../../shared/crypto/index';
import { toBase64Url } from '../../../shared/crypto/encoding';
import { normaliseCode, type EnrolResponse, type SessionIdentity } from '../../../shared/index';
import { systemClock, type Clock } from '../security/clock';
import { DeviceVault, WrongPassphraseError, type Keyring } from '../security/device-vault';
import { UnlockGuard, type UnlockAllowance } from '../security/unlock-guard';
import type { SyncAuth } from '../sync/sync-auth';
import { AuthClient, AuthRequestError, type StaffClient } from './auth-client';
import {
  DeviceWipedError,
  PassphraseRejectedError,
  UnlockDelayedError,
  type WipeReason,
} from './device-access-errors';
import { openDeviceKeys, sealDeviceKeys } from './device-keys';
import { DeviceRecordStore, type DeviceRecord } from './device-record';
import { openDeviceSession, type DeviceKeyHolder, type OpenDevice } from './device-session';

export {
  DeviceLockedError,
  DeviceWipedError,
  PassphraseRejectedError,
  UnlockDelayedError,
  UnlockRefusedError,
  type WipeReason,
} from './device-access-errors';
export type { DeviceState } from './device-state';
export type { DeviceKeyHolder, OpenDevice } from './device-session';

export type AccessStatus =
  | { kind: 'unenrolled' }
  | { kind: 'pending'; record: DeviceRecord }
  | { kind: 'refused'; status: 'denied' | 'expired' }
  | { kind: 'enrolled'; record: DeviceRecord };

export interface DeviceAccessOptions<S extends { close(): Promise<void> }> {
  sodium: Sodium;
  serverUrl: string;
  storage?: Storage;
  fetch?: typeof fetch;
  clock?: Clock;
  /**
   * Opens the local store and its sync once the device is unlocked and (if possible) authenticated; `device`
   * gives the device's keys while the session is open, and authenticated calls (staff directory) go through
   * `staff`.
   */
  openSession(keyring: Keyring, auth: SyncAuth, device: DeviceKeyHolder, staff: StaffClient): Promise<S>;
  /** Erases the local databases (wipeLocalData); runs after the open session, if any, is closed. */
  wipe(): Promise<void>;
  /** After every unlock with the passphrase, with the opened vault key (quick unlock may keep it). */
  afterPassphraseUnlock?(keyring: Keyring): Promise<unknown>;
  /** The device erased its data; the app shows why. */
  onWiped?(reason: WipeReason): void;
  /** The server told the open session who the device belongs to (again): role changes show up here. */
  onIdentity?(identity: SessionIdentity, online: boolean): void;
}

interface NewDevice {
  deviceName: string;
  passphrase: string;
}

/**
 * Everything between "this device has nothing" and "the store is open": setting up an organisation, enrolling
 * with an invitation, waiting for approval, unlocking (passphrase, back-off, wipe), authenticating with the
 * device key, the maximum offline time, and wiping when the server says the device or its person was revoked.
 *
 * The passphrase (one Argon2id derivation) or the OS keychain (quick unlock) opens the device vault key, and the
 * vault key opens the device's private keys (device-keys.ts): one unlock, one derivation, for both. Opening the
 * session once unlocked (authentication, the offline allowance, the key holder) is device-session.ts.
 */
export class DeviceAccess<S extends { close(): Promise<void> }> {
  readonly client: AuthClient;
  private readonly records: DeviceRecordStore;
  private readonly vault: DeviceVault;
  private readonly guard: UnlockGuard;
  private readonly clock: Clock;
  private open: OpenDevice<S> | undefined;
  private wiping: Promise<void> | undefined;

  constructor(private readonly options: DeviceAccessOptions<S>) {
    const storage = options.storage ?? localStorage;
    this.clock = options.clock ?? systemClock;
    this.records = new DeviceRecordStore(storage);
    this.vault = new DeviceVault(options.sodium, storage);
    this.guard = new UnlockGuard(storage, () => this.clock.now());
    this.client = new AuthClient({
      serverUrl: options.serverUrl,
      fetch: options.fetch,
      onRevoked: (reason) => void this.wipe(reason),
    });
  }

  status(): AccessStatus {
    const record = this.records.load();
    // A vault without a record (an unfinished enrolment or wipe, or an installation from before devices were
    // enrolled) cannot authenticate: it starts over.
    if (!record || !this.vault.isSetUp()) return { kind: 'unenrolled' };
    if (record.status === 'pending') return { kind: 'pending', record };
    if (record.status === 'approved') return { kind: 'enrolled', record };
    return { kind: 'refused', status: record.status };
  }

  unlockAllowance(): UnlockAllowance {
    return this.guard.allowance();
  }

  /**
   * First start of an organisation: the setup code printed by the server makes this device its first admin. The
   * organisation recovery public key (recovery-key.ts; its private half goes on the printed sheet) is sent along.
   */
  async setUp(
    request: NewDevice & { setupCode: string; displayName: string; recoveryPublicKey: Uint8Array },
  ): Promise<OpenDevice<S>> {
    const { identity, keyring } = await this.register(request, (device) =>
      this.client.setUp({
        setupCode: normaliseCode(request.setupCode),
        displayName: request.displayName.trim(),
        device,
        recoveryPublicKey: toBase64Url(request.recoveryPublicKey),
      }),
    );
    return this.openWith(keyring, identity);
  }

  /** Enrols with an invitation code; the device then waits for a manager's approval. */
  async enrol(request: NewDevice & { invitationCode: string }): Promise<DeviceRecord> {
    const { identity, keyring } = await this.register(request, (device) =>
      this.client.enrol({ invitationCode: normaliseCode(request.invitationCode), device }),
    );
    keyring.lock();
    wipeIdentity(this.options.sodium, identity);
    return this.records.load()!;
  }

  /** Asks the server whether a pending enrolment was decided, and remembers the answer. */
  async refreshEnrolment(): Promise<AccessStatus> {
    const record = this.records.load();
    if (!record || record.status !== 'pending') return this.status();
    const view = await this.client.enrolment(record.enrolmentId);
    if (view.status !== record.status) this.records.update({ status: view.status });
    return this.status();
  }

  /** Forgets a refused or expired enrolment (or any enrolment the person abandons) and its keys. */
  async startOver(): Promise<void> {
    await this.closeOpen();
    await this.options.wipe();
  }

  /** Opens the device with the passphrase, or with the vault key the OS keychain kept (quick unlock). */
  async unlock(credential: string | Keyring): Promise<OpenDevice<S>> {
    const status = this.status();
    if (status.kind !== 'enrolled') throw new Error('this device is not enrolled');
    const keyring = typeof credential === 'string' ? await this.openVault(credential) : credential;
    let identity: StaffIdentity;
    try {
      identity = openDeviceKeys(
        this.options.sodium,
        status.record.keys,
        keyring.vaultKey(),
        status.record.staffId,
      );
    } catch (error) {
      keyring.lock();
      throw error;
    }
    return this.openWith(keyring, identity);
  }

  /** The passphrase against the vault, under the back-off: a wait, a counted failure, or at the last, a wipe. */
  private async openVault(passphrase: string): Promise<Keyring> {
    const allowance = this.guard.allowance();
    if (allowance.waitMs > 0) throw new UnlockDelayedError(allowance);
    let keyring: Keyring;
    try {
      keyring = this.vault.unlock(passphrase);
    } catch (error) {
      if (!(error instanceof WrongPassphraseError)) throw error;
      const outcome = this.guard.recordFailure();
      if (outcome.wipe) {
        await this.wipe('too-many-attempts');
        throw new DeviceWipedError('too-many-attempts');
      }
      throw new PassphraseRejectedError(outcome.allowance);
    }
    this.guard.recordSuccess();
    await this.options.afterPassphraseUnlock?.(keyring);
    return keyring;
  }

  /**
   * Erases the device: closes the open session, removes keys and databases, and tells the app. Called when the
   * server answers 'device-revoked' or 'staff-revoked' at any contact, and after too many failed unlocks.
   */
  wipe(reason: WipeReason): Promise<void> {
    this.wiping ??= (async () => {
      try {
        await this.closeOpen();
      } finally {
        await this.options.wipe();
        this.options.onWiped?.(reason);
      }
    })().finally(() => {
      this.wiping = undefined;
    });
    return this.wiping;
  }

  private async closeOpen(): Promise<void> {
    const open = this.open;
    this.open = undefined;
    await open?.close();
  }

  /** Keys, registration with the server, then (only once the server accepted) the sealed records. */
  private async register(
    request: NewDevice,
    send: (device: { name: string; boxPublicKey: string; signPublicKey: string }) => Promise<EnrolResponse>,
  ): Promise<{ identity: StaffIdentity; keyring: Keyring }> {
    const { sodium } = this.options;
    // The server assigns the staff id; the bundle's own label is local and only binds the keys together.
    const identity = generateIdentity(sodium, globalThis.crypto.randomUUID());
    try {
      const localFingerprint = fingerprint(sodium, identity.boxPublicKey, identity.signPublicKey);
      const response = await send({
        name: request.deviceName.trim(),
        boxPublicKey: toBase64Url(identity.boxPublicKey),
        signPublicKey: toBase64Url(identity.signPublicKey),
      });
      // The server's fingerprint is what the approver sees: it must be the fingerprint of our keys.
      if (response.fingerprint !== localFingerprint) {
        throw new AuthRequestError('server', 'fingerprint-mismatch');
      }
      // Leftovers of an earlier enrolment on this device are not readable by the new keys: clear them first.
      await this.options.wipe();
      const keyring = this.vault.setUp(request.passphrase);
      this.records.save({
        v: 1,
        serverUrl: this.options.serverUrl,
        enrolmentId: response.enrolmentId,
        deviceId: response.deviceId,
        staffId: response.staffId,
        deviceName: request.deviceName.trim(),
        fingerprint: localFingerprint,
        status: response.status,
        enrolmentExpiresAt: response.expiresAt,
        keys: sealDeviceKeys(sodium, identity, keyring.vaultKey()),
      });
      return { identity, keyring };
    } catch (error) {
      wipeIdentity(sodium, identity);
      throw error;
    }
  }

  /** Authenticates online if it can (and must, past the maximum offline time), then opens the store. */
  private openWith(keyring: Keyring, identity: StaffIdentity): Promise<OpenDevice<S>> {
    const { options } = this;
    return openDeviceSession(
      {
        sodium: options.sodium,
        clock: this.clock,
        client: this.client,
        records: this.records,
        openSession: (keyring, auth, device, staff) => options.openSession(keyring, auth, device, staff),
        onIdentity: (identity, online) => options.onIdentity?.(identity, online),
        wipe: (reason) => this.wipe(reason),
        wiping: () => this.wiping,
        opened: (open) => {
          this.open = open;
        },
        closing: (open) => {
          if (this.open === open) this.open = undefined;
        },
      },
      keyring,
      identity,
    );
  }
}
