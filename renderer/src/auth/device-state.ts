import { openJson, sealJson, type Sodium } from '../../../shared/crypto/index';
import type { SessionIdentity } from '../../../shared/index';
import type { Keyring } from '../security/device-vault';
import type { DeviceRecord, DeviceRecordStore } from './device-record';

/** What the device has learnt once unlocked, sealed under the vault key (see DeviceRecord.sealedState). */
export interface DeviceState {
  /** When the device last completed a challenge with the server. */
  lastOnlineAuthAt?: number;
  /** Who the device belongs to, as the server last said: lets the app open offline with the right role. */
  identity?: SessionIdentity;
}

const STATE_CONTEXT_COLLECTION = 'lumina.device';

function stateContext(record: DeviceRecord) {
  return { collection: STATE_CONTEXT_COLLECTION, documentId: record.deviceId, fieldPath: 'state' };
}

/** The sealed state; an absent, unreadable or altered one reads as "never online" (forces a challenge). */
export function readDeviceState(sodium: Sodium, keyring: Keyring, record: DeviceRecord): DeviceState {
  if (!record.sealedState) return {};
  try {
    return openJson<DeviceState>(sodium, keyring.vaultKey(), record.sealedState, stateContext(record));
  } catch {
    return {};
  }
}

export function writeDeviceState(
  sodium: Sodium,
  records: DeviceRecordStore,
  keyring: Keyring,
  state: DeviceState,
): void {
  const record = records.load();
  if (!record || keyring.locked) return;
  records.update({ sealedState: sealJson(sodium, keyring.vaultKey(), state, stateContext(record)) });
}
