import { useEffect, useMemo, useState } from 'react';
import { combineLatest, debounceTime, merge, Subject } from 'rxjs';
import { can } from '../../../../shared/auth/roles';
import { loadSodium, type Sodium } from '../../../../shared/crypto/index';
import type { Consent } from '../../../../shared/domain/consent';
import type { KeyWrapDocument } from '../../../../shared/domain/key-wraps';
import type { MedicalSection } from '../../../../shared/domain/medical';
import type { OpenDevice } from '../../auth/device-access';
import type { Session } from '../../session';
import {
  currentSection,
  rotateRevokedAccess,
  type ClientMedicalRecords,
  type DirectoryEntry,
  type MedicalContext,
} from './medical-access';

/** libsodium, once loaded (it is the same instance the session uses). */
export function useSodium(): Sodium | undefined {
  const [sodium, setSodium] = useState<Sodium | undefined>();
  useEffect(() => {
    let live = true;
    void loadSodium().then((loaded) => live && setSodium(loaded));
    return () => {
      live = false;
    };
  }, []);
  return sodium;
}

/** What the medical service needs, from the open device: its store, directory, keys and who is signed in. */
export function medicalContextOf(sodium: Sodium, device: OpenDevice<Session>): MedicalContext {
  const { session } = device;
  return {
    sodium,
    collections: session.store,
    directory: session.directory,
    actor: {
      staffId: session.staffId,
      deviceId: session.deviceId,
      role: device.identity.role,
      deviceKeys: () => session.deviceKeys(),
    },
  };
}

export function useMedicalContext(device: OpenDevice<Session>): MedicalContext | undefined {
  const sodium = useSodium();
  return useMemo(() => (sodium ? medicalContextOf(sodium, device) : undefined), [sodium, device]);
}

/** The client's section, key wraps and consents, following the local store live (sync included). */
export function useClientMedical(
  device: OpenDevice<Session>,
  clientId: string,
): ClientMedicalRecords | undefined {
  const [records, setRecords] = useState<ClientMedicalRecords | undefined>();
  useEffect(() => {
    const { store } = device.session;
    const selector = { selector: { clientId } };
    const subscription = combineLatest([
      store.medical.find(selector).$,
      store.keyWraps.find(selector).$,
      store.consents.find(selector).$,
    ]).subscribe(([sections, wraps, consents]) =>
      setRecords({
        section: currentSection(sections.map((doc) => doc.toJSON() as MedicalSection)),
        wraps: wraps.map((doc) => doc.toJSON() as KeyWrapDocument),
        consents: consents.map((doc) => doc.toJSON() as Consent),
      }),
    );
    return () => subscription.unsubscribe();
  }, [device, clientId]);
  return records;
}

/**
 * The staff directory's entries, live; refreshed from the server when the panel opens (offline, the cached
 * entries stand), so that people and devices enrolled since the unlock can be granted.
 */
export function useDirectoryEntries(device: OpenDevice<Session>): DirectoryEntry[] {
  const { directory } = device.session;
  const [entries, setEntries] = useState<DirectoryEntry[]>(() => directory.entries());
  useEffect(() => {
    const subscription = directory.entries$.subscribe(setEntries);
    directory.refresh().catch(() => undefined);
    return () => subscription.unsubscribe();
  }, [directory]);
  return entries;
}

/**
 * Runs the key-rotation job (medical-access.ts, rotateRevokedAccess) while the device is open: at once, when the
 * staff directory changes (a revocation) and after sync brings key wraps or sections, debounced. Only devices
 * whose role may grant medical access do anything. Mount once, where the clients screen is.
 */
export function useMedicalKeyRotation(device: OpenDevice<Session>): void {
  const sodium = useSodium();
  useEffect(() => {
    if (sodium === undefined) return;
    const ctx = medicalContextOf(sodium, device);
    if (!can(ctx.actor.role, 'grantMedicalAccess')) return;
    const { store, directory } = device.session;
    let running = false;
    let again = false;
    const run = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          // Failures are retried on the next trigger; the report names clients only by id and is not logged.
          await rotateRevokedAccess(ctx).catch(() => undefined);
        } while (again);
      } finally {
        running = false;
      }
    };
    const start = new Subject<void>();
    const subscription = merge(start, directory.entries$, store.keyWraps.$, store.medical.$)
      .pipe(debounceTime(500))
      .subscribe(() => void run());
    start.next();
    return () => subscription.unsubscribe();
  }, [sodium, device]);
}
