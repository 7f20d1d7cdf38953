import { useEffect, useMemo, useRef, useState } from 'react';
import { combineLatest, debounceTime, merge, Subject } from 'rxjs';
import { can, type Role } from '../../../../shared/auth/roles';
import type { Sodium } from '../../../../shared/crypto/index';
import type { Consent } from '../../../../shared/domain/consent';
import type { KeyWrapDocument } from '../../../../shared/domain/key-wraps';
import {
  emptyMedicalContent,
  type MedicalContent,
  type MedicalSection,
} from '../../../../shared/domain/medical';
import type { StaffMember } from '../../../../shared/domain/medical-granters';
import {
  currentSection,
  deviceHoldsKey,
  grantersFor,
  grantMedicalAccess,
  keyHolders,
  MedicalError,
  revokeMedicalAccess,
  rotateRevokedAccess,
  saveMedical,
  unsealMedical,
  type ClientMedicalRecords,
  type DirectoryEntry,
  type MedicalClient,
  type MedicalContext,
  type RevocationOutcome,
} from '../../core/medical/index';
import { useSodium } from '../../session/use-sodium';
import { useSession, type SessionValue } from '../../session/index';
import { useNotices } from '../consents/consent-data';
import { serialRunner } from './serial-runner';

/**
 * The medical feature's data layer: the queries (hooks following the local store live) and commands of the
 * medical panel, over the device core in renderer/src/core/medical/. The only code of the feature that touches the
 * store or the core; the components call it.
 */

export { MedicalError };
export type { ClientMedicalRecords, DirectoryEntry, MedicalContext, StaffMember };

/** What the medical core needs, from the open session: its store, directory, keys and the signed-in role. */
export function medicalContextOf(sodium: Sodium, device: SessionValue['device'], role: Role): MedicalContext {
  const { session } = device;
  return {
    sodium,
    collections: session.store,
    directory: session.directory,
    actor: {
      staffId: session.staffId,
      deviceId: session.deviceId,
      role,
      deviceKeys: () => session.deviceKeys(),
    },
  };
}

/**
 * The medical context, rebuilt only when what it reads changes (the device, or the role): not on every change of
 * the session value, so a token renewal neither re-verifies key holders nor restarts the rotation job.
 */
export function useMedicalContext(): MedicalContext | undefined {
  const sodium = useSodium();
  const { device, identity } = useSession();
  const { role } = identity;
  return useMemo(() => (sodium ? medicalContextOf(sodium, device, role) : undefined), [sodium, device, role]);
}

/**
 * The client's section, key wraps, consent records and the notice versions, following the local store live (sync
 * included). The consent records are all those held: the gate (canWriteMedical) reads the ledger's trusted ones
 * (features/consents: useConsentRecords).
 */
export function useClientMedical(clientId: string): ClientMedicalRecords | undefined {
  const { store } = useSession();
  const { notices, loading } = useNotices();
  const [held, setRecords] = useState<Omit<ClientMedicalRecords, 'notices'> | undefined>();
  useEffect(() => {
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
  }, [store, clientId]);
  return useMemo(() => (held && !loading ? { ...held, notices } : undefined), [held, loading, notices]);
}

/**
 * The staff directory's entries, live; refreshed from the server when the panel opens (offline, the cached
 * entries stand), so that people and devices enrolled since the unlock can be granted.
 */
export function useDirectoryEntries(): DirectoryEntry[] {
  const { directory } = useSession().device.session;
  const [entries, setEntries] = useState<DirectoryEntry[]>(() => directory.entries());
  useEffect(() => {
    const subscription = directory.entries$.subscribe(setEntries);
    directory.refresh().catch(() => undefined);
    return () => subscription.unsubscribe();
  }, [directory]);
  return entries;
}

/** Who has access to the client's section, as this device sees it. */
export interface MedicalAccess {
  /** Whether this device holds a wrap of the current key. */
  holdsKey: boolean;
  /** Staff ids holding a verified wrap of the current key. */
  holders: ReadonlySet<string>;
  /** Whom a person without access can ask: active staff who may grant and hold the key. */
  granters: StaffMember[];
}

export function useMedicalAccess(
  ctx: MedicalContext | undefined,
  records: ClientMedicalRecords | undefined,
  entries: readonly DirectoryEntry[],
): MedicalAccess {
  const holdsKey = ctx !== undefined && records !== undefined && deviceHoldsKey(records, ctx.actor.deviceId);
  const { holders, granters } = useMemo(
    () =>
      ctx && records?.section
        ? {
            holders: keyHolders(ctx.sodium, records.section, records.wraps, ctx.directory).staff,
            granters: grantersFor(ctx.sodium, records, ctx.directory),
          }
        : { holders: new Set<string>(), granters: [] },
    // entries: the directory changed (a device approved or revoked), so verification may differ.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ctx, records, entries],
  );
  return { holdsKey, holders, granters };
}

/** What a person can do to a client's medical section; each throws a MedicalError (or CryptoError) when refused. */
export interface MedicalCommands {
  /** Opens every field (audited first). */
  open(): Promise<MedicalContent>;
  /** Saves `content`; `shown` is what the person was shown (only the fields that differ are re-sealed). */
  save(content: MedicalContent, shown?: Partial<MedicalContent>): Promise<MedicalSection>;
  grant(staffId: string): Promise<string[]>;
  revoke(staffId: string): Promise<RevocationOutcome | 'held-none'>;
}

export function medicalCommands(ctx: MedicalContext, client: MedicalClient): MedicalCommands {
  const medicalClient = { id: client.id, assignedStaffIds: client.assignedStaffIds };
  return {
    open: async () => {
      const result = await unsealMedical(ctx, client.id);
      if (result.status === 'open') return { ...emptyMedicalContent(), ...result.content };
      throw new MedicalError(result.status === 'no-access' ? 'no-access' : 'no-section');
    },
    save: (content, shown) => saveMedical(ctx, medicalClient, content, shown),
    grant: (staffId) => grantMedicalAccess(ctx, client.id, staffId),
    revoke: (staffId) => revokeMedicalAccess(ctx, client.id, staffId),
  };
}

/**
 * Runs the key-rotation job (core/medical/rotation.ts, rotateRevokedAccess) while the device is open: at once, when
 * the staff directory changes (a revocation) and after sync brings key wraps or sections, debounced. Only devices
 * whose role may grant medical access do anything. Mount once, where the clients screen is.
 */
export function useMedicalKeyRotation(): void {
  const ctx = useMedicalContext();
  const { device } = useSession();
  // One runner for as long as the component lives: a restart of the triggers (a role change) cannot overlap a
  // rotation still under way.
  const runner = useRef(serialRunner());
  useEffect(() => {
    if (ctx === undefined || !can(ctx.actor.role, 'grantMedicalAccess')) return;
    const { store, directory } = device.session;
    const { current } = runner;
    // Failures are retried on the next trigger; the report names clients only by id and is not logged.
    const run = () =>
      current.run(() =>
        rotateRevokedAccess(ctx).then(
          () => undefined,
          () => undefined,
        ),
      );
    const start = new Subject<void>();
    // The clients too: a client skipped because its document had not arrived yet (rotation.ts) is taken then.
    const subscription = merge(start, directory.entries$, store.keyWraps.$, store.medical.$, store.clients.$)
      .pipe(debounceTime(500))
      .subscribe(() => void run());
    start.next();
    return () => subscription.unsubscribe();
  }, [ctx, device]);
}
