import { BehaviorSubject, type Observable } from 'rxjs';
import {
  openJson,
  RECOVERY_RECIPIENT_ID,
  sealJson,
  type KeyDirectory,
  type PublicKeys,
  type Sodium,
  type WrapRecipient,
} from '../../../shared/crypto/index';
import { decodeBase64Url, toBase64Url } from '../../../shared/crypto/encoding';
import { isRole, type DirectoryStaffView, type OrganisationView, type Role } from '../../../shared/index';
import type { VaultKeyHolder } from '../store/vault-storage';

/** A device as the directory lists it; the server's 'active' reads 'approved'. */
export interface DirectoryDevice {
  id: string;
  status: 'pending' | 'approved' | 'denied' | 'expired' | 'revoked';
  boxPublicKey: Uint8Array;
  signPublicKey: Uint8Array;
}

export interface DirectoryEntry {
  staffId: string;
  displayName: string;
  role: Role;
  status: 'invited' | 'active' | 'revoked';
  devices: DirectoryDevice[];
}

export interface StaffDirectory {
  /** Last known (cached on the device, sealed with the vault key). */
  entries(): DirectoryEntry[];
  /** Emits on change. */
  entries$: Observable<DirectoryEntry[]>;
  /** Fetches from the server when online; keeps the last known directory when it cannot. */
  refresh(): Promise<void>;
  /** Approved AND revoked devices' public keys by device id (revoked devices' old signatures still verify). */
  keyDirectory(): KeyDirectory;
  /** The organisation recovery key as a wrap recipient: { id: 'org-recovery', boxPublicKey }. */
  recoveryRecipient(): WrapRecipient | undefined;
}

/** Where the directory comes from: the authenticated endpoints GET /directory and GET /organisation. */
export interface DirectorySource {
  directory(): Promise<DirectoryStaffView[]>;
  organisation(): Promise<OrganisationView>;
}

export const STAFF_DIRECTORY_STORAGE_KEY = 'lumina.staff-directory.v1';

/** As cached: keys in base64url. */
interface CachedDirectory {
  entries: Array<Omit<DirectoryEntry, 'devices'> & { devices: CachedDevice[] }>;
  recoveryPublicKey?: string;
}
type CachedDevice = Omit<DirectoryDevice, 'boxPublicKey' | 'signPublicKey'> & {
  boxPublicKey: string;
  signPublicKey: string;
};

const DEVICE_STATUSES = {
  pending: 'pending',
  active: 'approved',
  approved: 'approved',
  denied: 'denied',
  expired: 'expired',
  revoked: 'revoked',
} as const;
const STAFF_STATUSES = ['invited', 'active', 'revoked'] as const;

const key32 = (text: unknown): Uint8Array | undefined => {
  const bytes = typeof text === 'string' ? decodeBase64Url(text) : null;
  return bytes?.length === 32 ? bytes : undefined;
};

/**
 * The server's answer (or the cache) as entries; anything malformed is left out rather than trusted: a device
 * whose keys are not 32 bytes, an unknown role or status.
 */
export function directoryEntriesOf(views: unknown): DirectoryEntry[] {
  if (!Array.isArray(views)) return [];
  const entries: DirectoryEntry[] = [];
  for (const view of views as Array<Partial<DirectoryStaffView> & { staffId?: unknown }>) {
    const staffId = typeof view?.id === 'string' ? view.id : view?.staffId;
    if (
      typeof staffId !== 'string' ||
      typeof view.displayName !== 'string' ||
      !isRole(view.role) ||
      !(STAFF_STATUSES as readonly unknown[]).includes(view.status)
    ) {
      continue;
    }
    const devices: DirectoryDevice[] = [];
    for (const device of Array.isArray(view.devices) ? view.devices : []) {
      const status = DEVICE_STATUSES[device?.status as keyof typeof DEVICE_STATUSES];
      const box = key32(device?.boxPublicKey);
      const sign = key32(device?.signPublicKey);
      if (typeof device?.id !== 'string' || !status || !box || !sign) continue;
      devices.push({ id: device.id, status, boxPublicKey: box, signPublicKey: sign });
    }
    entries.push({
      staffId,
      displayName: view.displayName,
      role: view.role,
      status: view.status as DirectoryEntry['status'],
      devices,
    });
  }
  return entries;
}

function cachedOf(entries: DirectoryEntry[], recovery: Uint8Array | undefined): CachedDirectory {
  return {
    entries: entries.map((entry) => ({
      ...entry,
      devices: entry.devices.map((device) => ({
        ...device,
        boxPublicKey: toBase64Url(device.boxPublicKey),
        signPublicKey: toBase64Url(device.signPublicKey),
      })),
    })),
    ...(recovery ? { recoveryPublicKey: toBase64Url(recovery) } : {}),
  };
}

export interface StaffDirectoryOptions {
  sodium: Sodium;
  vault: VaultKeyHolder;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  /** This device: binds the sealed cache to it. */
  deviceId: string;
  source: DirectorySource;
}

/**
 * The staff directory of an unlocked session: the last known one from the sealed cache at once (so an offline
 * unlock has the keys it needs), replaced by the server's whenever refresh() reaches it.
 */
export class CachedStaffDirectory implements StaffDirectory {
  private readonly subject: BehaviorSubject<DirectoryEntry[]>;
  private recovery: Uint8Array | undefined;
  private refreshing: Promise<void> | undefined;
  private stopped = false;
  readonly entries$: Observable<DirectoryEntry[]>;

  constructor(private readonly options: StaffDirectoryOptions) {
    const cached = this.readCache();
    this.subject = new BehaviorSubject(directoryEntriesOf(cached?.entries));
    this.recovery = key32(cached?.recoveryPublicKey);
    this.entries$ = this.subject.asObservable();
  }

  entries(): DirectoryEntry[] {
    return this.subject.getValue();
  }

  refresh(): Promise<void> {
    this.refreshing ??= this.fetch().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  keyDirectory(): KeyDirectory {
    const keys = new Map<string, PublicKeys>();
    for (const entry of this.entries()) {
      for (const device of entry.devices) {
        if (device.status === 'approved' || device.status === 'revoked') {
          keys.set(device.id, { boxPublicKey: device.boxPublicKey, signPublicKey: device.signPublicKey });
        }
      }
    }
    return keys;
  }

  recoveryRecipient(): WrapRecipient | undefined {
    return this.recovery && { id: RECOVERY_RECIPIENT_ID, boxPublicKey: this.recovery };
  }

  /** Stops emitting (the session closed). */
  close(): void {
    this.stopped = true;
    this.subject.complete();
  }

  private async fetch(): Promise<void> {
    const [views, organisation] = await Promise.all([
      this.options.source.directory(),
      this.options.source.organisation(),
    ]);
    const entries = directoryEntriesOf(views);
    const recovery = key32(organisation?.recoveryPublicKey);
    if (this.stopped) return;
    const before = JSON.stringify(cachedOf(this.entries(), this.recovery));
    const after = cachedOf(entries, recovery ?? this.recovery);
    if (recovery) this.recovery = recovery;
    if (JSON.stringify(after) === before) return;
    this.writeCache(after);
    this.subject.next(entries);
  }

  private context() {
    return {
      collection: 'lumina.staff-directory',
      documentId: this.options.deviceId,
      fieldPath: 'directory',
    };
  }

  /** An absent, unreadable or altered cache reads as nothing known yet. */
  private readCache(): CachedDirectory | undefined {
    const sealed = this.options.storage.getItem(STAFF_DIRECTORY_STORAGE_KEY);
    if (!sealed) return undefined;
    try {
      return openJson<CachedDirectory>(
        this.options.sodium,
        this.options.vault.vaultKey(),
        sealed,
        this.context(),
      );
    } catch {
      return undefined;
    }
  }

  private writeCache(cached: CachedDirectory): void {
    try {
      this.options.storage.setItem(
        STAFF_DIRECTORY_STORAGE_KEY,
        sealJson(this.options.sodium, this.options.vault.vaultKey(), cached, this.context()),
      );
    } catch {
      // Locked meanwhile, or storage full: the directory in memory is still right; the next refresh writes it.
    }
  }
}
