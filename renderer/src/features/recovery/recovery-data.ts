import { useEffect, useMemo, useState } from 'react';
import { combineLatest, debounceTime } from 'rxjs';
import { can, type Role } from '../../../../shared/auth/roles';
import { recoveryKeyFingerprint } from '../../../../shared/crypto/index';
import type { KeyWrapDocument } from '../../../../shared/domain/key-wraps';
import type { MedicalSection } from '../../../../shared/domain/medical';
import {
  currentSection,
  recoveryNeed,
  restoreMedicalAccess,
  type DirectoryEntry,
  type RecoveryNeed,
  type RestoreRequest,
  type RestoreResult,
} from '../../core/medical/index';
import { useSession } from '../../session/index';
import { useHiddenClients } from '../erasure/erasure-data';
import { useDirectoryEntries, useMedicalContext } from '../medical/medical-data';

/**
 * The Recovery screen's data: which medical sections need the organisation recovery key (core/medical/recovery.ts,
 * recoveryNeed), whom access can be given to, and the restore itself. The only code of the feature that touches
 * the store.
 */

/** Who is offered the Recovery section: the roles that may recover (shared/auth/roles.ts). */
export const seesRecovery = (role: Role | undefined) =>
  role !== undefined && can(role, 'recoverMedicalAccess');

export interface SectionToRecover extends RecoveryNeed {
  /** The client's name in Latin script, as this device holds it. */
  name: string;
}

/**
 * Every section of a client on this device (not hidden by an erasure) that needs the recovery key, by name; live,
 * recomputed a moment after the sections, wraps or directory change (each wrap's signature is checked).
 */
export function useSectionsToRecover(entries: readonly DirectoryEntry[]): SectionToRecover[] | undefined {
  const { store } = useSession();
  const ctx = useMedicalContext();
  const hidden = useHiddenClients();
  const [sections, setSections] = useState<SectionToRecover[] | undefined>();
  useEffect(() => {
    if (!ctx) return;
    const subscription = combineLatest([
      store.medical.find().$,
      store.keyWraps.find().$,
      store.clients.find().$,
    ])
      .pipe(debounceTime(200))
      .subscribe(([medical, wraps, clients]) => {
        const names = new Map(clients.map((doc) => [doc.id, doc.names.latin]));
        const byClient = new Map<string, { sections: MedicalSection[]; wraps: KeyWrapDocument[] }>();
        const of = (clientId: string) => {
          let held = byClient.get(clientId);
          if (!held) byClient.set(clientId, (held = { sections: [], wraps: [] }));
          return held;
        };
        for (const doc of medical) of(doc.clientId).sections.push(doc.toJSON() as MedicalSection);
        for (const doc of wraps) of(doc.clientId).wraps.push(doc.toJSON() as KeyWrapDocument);
        const found: SectionToRecover[] = [];
        for (const [clientId, held] of byClient) {
          const section = currentSection(held.sections);
          const name = names.get(clientId);
          if (!section || name === undefined || hidden.has(clientId)) continue;
          const need = recoveryNeed(ctx.sodium, section, held.wraps, ctx.directory);
          if (need) found.push({ ...need, name });
        }
        setSections(
          found.sort((a, b) => a.name.localeCompare(b.name) || a.clientId.localeCompare(b.clientId)),
        );
      });
    return () => subscription.unsubscribe();
    // entries: a device approved or revoked changes who holds a key.
  }, [store, ctx, hidden, entries]);
  return sections;
}

/** Active staff with at least one approved device: whom access can be restored to. */
export function recipientsOf(entries: readonly DirectoryEntry[]): DirectoryEntry[] {
  return entries
    .filter((entry) => entry.status === 'active' && entry.devices.some((d) => d.status === 'approved'))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The organisation's recovery key fingerprint as the sheet prints it, when this device knows the key. */
export function useRecoveryFingerprint(): string | undefined {
  const ctx = useMedicalContext();
  return useMemo(() => {
    const recovery = ctx?.directory.recoveryRecipient();
    return ctx && recovery ? recoveryKeyFingerprint(ctx.sodium, recovery.boxPublicKey) : undefined;
  }, [ctx]);
}

export { useDirectoryEntries };

/** The restore (core/medical/recovery.ts): throws MedicalError for refusals of the whole request. */
export function useRestore(): ((request: RestoreRequest) => Promise<RestoreResult>) | undefined {
  const ctx = useMedicalContext();
  return useMemo(() => (ctx ? (request) => restoreMedicalAccess(ctx, request) : undefined), [ctx]);
}
