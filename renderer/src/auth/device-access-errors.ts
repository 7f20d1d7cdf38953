import { WrongPassphraseError } from '../security/device-vault';
import type { UnlockAllowance } from '../security/unlock-guard';
import type { RevocationReason } from './auth-client';

export type WipeReason = RevocationReason | 'too-many-attempts';

/** The lock screen must wait before taking another attempt. */
export class UnlockDelayedError extends Error {
  constructor(readonly allowance: UnlockAllowance) {
    super('too many failed attempts: wait before trying again');
  }
}

/** A wrong passphrase, with what is left before the device wipes itself. */
export class PassphraseRejectedError extends WrongPassphraseError {
  constructor(readonly allowance: UnlockAllowance) {
    super();
  }
}

/** The passphrase was right but the device may not open: it has been offline too long, or the server refuses. */
export class UnlockRefusedError extends Error {
  constructor(
    readonly reason: 'must-go-online' | 'server-refused',
    readonly serverReason?: string,
  ) {
    super(`the device may not open: ${reason}${serverReason ? ` (${serverReason})` : ''}`);
  }
}

/** The device erased its data during this operation (revoked, or one failed unlock too many). */
export class DeviceWipedError extends Error {
  constructor(readonly reason: WipeReason) {
    super(`this device erased its data: ${reason}`);
  }
}

export class DeviceLockedError extends Error {
  constructor() {
    super('the device is locked: its keys are not available');
  }
}
