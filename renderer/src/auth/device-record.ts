import type { EnrolmentStatus } from '../../../shared/index';
import type { SealedDeviceKeys } from './device-keys';

export const DEVICE_RECORD_STORAGE_KEY = 'lumina.device.v1';

/**
 * What this device knows about its enrolment, kept in local storage. Ids, status and public keys are in clear
 * (they are needed before unlock: to show the pending screen, to ask for a challenge); the private keys, and what
 * the device learns once unlocked (who it belongs to, when it last authenticated online), are sealed under the
 * device vault key.
 */
export interface DeviceRecord {
  v: 1;
  /** The server this device enrolled with; another server does not know it. */
  serverUrl: string;
  enrolmentId: string;
  deviceId: string;
  staffId: string;
  deviceName: string;
  /** Computed here from the device's own public keys, never taken from the server. */
  fingerprint: string;
  status: EnrolmentStatus;
  enrolmentExpiresAt: number;
  keys: SealedDeviceKeys;
  /** A field envelope under the vault key of DeviceState (device-state.ts); absent until first unlock. */
  sealedState?: string;
}

export class DeviceRecordStore {
  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = localStorage) {}

  load(): DeviceRecord | undefined {
    const raw = this.storage.getItem(DEVICE_RECORD_STORAGE_KEY);
    if (raw === null) return undefined;
    try {
      const record = JSON.parse(raw) as DeviceRecord;
      return record?.v === 1 && typeof record.deviceId === 'string' ? record : undefined;
    } catch {
      return undefined;
    }
  }

  save(record: DeviceRecord): void {
    this.storage.setItem(DEVICE_RECORD_STORAGE_KEY, JSON.stringify(record));
  }

  update(change: Partial<DeviceRecord>): DeviceRecord {
    const current = this.load();
    if (!current) throw new Error('this device is not enrolled');
    const next = { ...current, ...change };
    this.save(next);
    return next;
  }
}
