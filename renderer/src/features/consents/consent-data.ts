import { useEffect, useMemo, useState } from 'react';
import type { Observable } from 'rxjs';
import { map } from 'rxjs/operators';
import { writeScope, inScope, type Role } from '../../../../shared/auth/roles';
import { loadSodium, wipeIdentity, type Sodium, type StaffIdentity } from '../../../../shared/crypto/index';
import { consentEntry } from '../../../../shared/domain/audit-entries';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import { consentPartnerProblem, namesPartner } from '../../../../shared/domain/consent-partner';
import type { Partner } from '../../../../shared/domain/partner';
import type { PrivacyNotice } from '../../../../shared/domain/privacy-notice';
import type { Client } from '../../../../shared/index';
import type { DirectoryEntry } from '../../auth/staff-directory';
import { logFor } from '../../core/audit/log-for';
// The context alone: the session's index also starts sessions (the host bridge), which the tests do not load.
import { useSodium } from '../../session/use-sodium';
import { useSession } from '../../session/session-context';
import type { LocalStore } from '../../store/local-store';
import { usePartners } from '../partners/partners-data';
import { logRequest } from '../requests/request-commands';
import type { DataSubjectRequest } from '../../../../shared/domain/request';
import { erasureRequestNote, erasureRequestValue } from './erasure-request';
import { ERASURE_PENDING_NOTE } from './labels';
import {
  buildRecord,
  ledgerEntries,
  newRecordFields,
  trustedRecords,
  withdrawalFields,
  type ConsentCommandProblem,
  type ConsentCommandResult,
  type CorrectionInput,
  type LedgerEntry,
  type NewRecordInput,
  type SignKeys,
  type WithdrawalInput,
} from './consent-records';

/**
 * The consents feature's data layer, the only code of the feature that touches the local store: the ledger of a
 * client (each record with its validity: its signature checked against the staff directory's device keys), the
 * privacy-notice versions, and the commands that record, withdraw and correct. Records are only ever inserted:
 * the feature has no command that changes or deletes one, for any role.
 *
 * Other features (the notices screen, the renewal and marketing lists) record through useConsentCommands() too.
 */

export type { DirectoryEntry };

export {
  countsForGates,
  type ConsentCommandProblem,
  type ConsentCommandResult,
  type CorrectionInput,
  type LedgerEntry,
  type NewRecordInput,
  type RecordValidity,
  type WithdrawalInput,
} from './consent-records';

/** The device sign keys of the staff directory, live (a device enrolled since the unlock comes with a refresh). */
function useSignKeys(): SignKeys {
  const { directory } = useSession().device.session;
  const [keys, setKeys] = useState<SignKeys>(() => directory.keyDirectory());
  useEffect(() => {
    const subscription = directory.entries$.subscribe(() => setKeys(directory.keyDirectory()));
    return () => subscription.unsubscribe();
  }, [directory]);
  return keys;
}

function notices$(store: LocalStore): Observable<PrivacyNotice[]> {
  return store.orgSettings
    .find({ selector: { kind: 'privacy-notice' } })
    .$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as PrivacyNotice)));
}

const consents$ = (store: LocalStore, clientId?: string): Observable<ConsentRecord[]> =>
  store.consents
    .find(clientId === undefined ? {} : { selector: { clientId } })
    .$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as ConsentRecord)));

/**
 * The time now, renewed every `everyMs`: what is in force changes with time (a renewal deadline passes, a consent
 * recorded for a moment just ahead of the clock takes effect), so screens that show it re-render.
 */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** The staff directory's entries, live (names of recorders and witnesses, the witness choices). */
export function useStaffEntries(): DirectoryEntry[] {
  const { directory } = useSession().device.session;
  const [entries, setEntries] = useState<DirectoryEntry[]>(() => directory.entries());
  useEffect(() => {
    const subscription = directory.entries$.subscribe(setEntries);
    // Staff enrolled since the unlock (a witness to choose, a recorder to name); offline, the cached ones stand.
    directory.refresh().catch(() => undefined);
    return () => subscription.unsubscribe();
  }, [directory]);
  return entries;
}

/** Every privacy-notice version held on the device (all of them: every device holds every version), live. */
export function useNotices(): { notices: PrivacyNotice[]; loading: boolean } {
  const { store } = useSession();
  const [state, setState] = useState<{ notices: PrivacyNotice[]; loading: boolean }>({
    notices: [],
    loading: true,
  });
  useEffect(() => {
    const subscription = notices$(store).subscribe((notices) => setState({ notices, loading: false }));
    return () => subscription.unsubscribe();
  }, [store]);
  return state;
}

export interface ClientLedger {
  /** Every record of the client, newest first, with its validity. */
  entries: LedgerEntry[];
  /** The records a gate may read (valid, or legacy); what consent-ledger.ts's fold is given. */
  trusted: ConsentRecord[];
  loading: boolean;
  /**
   * When the records were last read: a screen's clock ticks every 30 s, and a consent recorded just now (its time
   * taken a moment after the last tick) must not wait for the next tick to be in force.
   */
  readAt: number;
}

/** A client's consent ledger, live (sync included). */
export function useConsentRecords(clientId: string): ClientLedger {
  const { store } = useSession();
  const sodium = useSodium();
  const keys = useSignKeys();
  const [read, setRead] = useState<{ records: ConsentRecord[]; at: number } | undefined>();
  useEffect(() => {
    const subscription = consents$(store, clientId).subscribe((records) =>
      setRead({ records, at: Date.now() }),
    );
    return () => subscription.unsubscribe();
  }, [store, clientId]);
  return useMemo(() => {
    if (sodium === undefined || read === undefined) {
      return { entries: [], trusted: [], loading: true, readAt: 0 };
    }
    const entries = ledgerEntries(sodium, read.records, keys);
    return { entries, trusted: trustedRecords(entries), loading: false, readAt: read.at };
  }, [sodium, read, keys]);
}

/**
 * Every client's ledger held on the device (a concierge's: their clients'), keyed by client id, live: for lists
 * across clients (renewal, marketing). `trusted` holds every client's trusted records.
 */
export function useAllConsentRecords(): {
  byClient: ReadonlyMap<string, LedgerEntry[]>;
  trusted: ConsentRecord[];
  loading: boolean;
} {
  const { store } = useSession();
  const sodium = useSodium();
  const keys = useSignKeys();
  const [records, setRecords] = useState<ConsentRecord[] | undefined>();
  useEffect(() => {
    const subscription = consents$(store).subscribe(setRecords);
    return () => subscription.unsubscribe();
  }, [store]);
  return useMemo(() => {
    if (sodium === undefined || records === undefined)
      return { byClient: new Map(), trusted: [], loading: true };
    const entries = ledgerEntries(sodium, records, keys);
    const byClient = new Map<string, LedgerEntry[]>();
    for (const entry of entries) {
      const list = byClient.get(entry.record.clientId) ?? [];
      list.push(entry);
      byClient.set(entry.record.clientId, list);
    }
    return { byClient, trusted: trustedRecords(entries), loading: false };
  }, [sodium, records, keys]);
}

/** The partner directory's names (issue 15), live: a partner's name in a language, undefined if not held. */
export function usePartnerNames(): (partnerId: string, language: string) => string | undefined {
  const partners = usePartners();
  return useMemo(() => {
    const byId = new Map((partners ?? []).map((partner) => [partner.id, partner.names]));
    return (partnerId, language) => {
      const names = byId.get(partnerId);
      return names && (language === 'ja' ? names.ja : names.en);
    };
  }, [partners]);
}

/** Whether the role may record consents at all (corrections included). */
export const mayRecordConsents = (role: Role) => writeScope(role, 'consents') !== 'none';

export interface ConsentCommands {
  /** A consent given or refused, or the client told of a notice version. */
  record(input: NewRecordInput): Promise<ConsentCommandResult>;
  /**
   * A withdrawal of a consent in force (any record of its correction chain); with `erasure` (medical data), also an
   * erasure request in the request register, which the result carries.
   */
  withdraw(
    input: WithdrawalInput,
  ): Promise<ConsentCommandResult & { erasureRequest?: DataSubjectRequest; erasurePending?: true }>;
  /** A new record replacing `refersTo` (a mistake in it); the original stays. */
  correct(input: CorrectionInput): Promise<ConsentCommandResult>;
}

/** What the commands need of the session and the store, outside React (tests drive this directly). */
export interface ConsentCommandContext {
  /** libsodium (loaded on first use). */
  sodium: () => Promise<Sodium>;
  store: Pick<LocalStore, 'consents' | 'clients' | 'orgSettings' | 'auditEvents' | 'requests' | 'partners'>;
  staffId: string;
  deviceId: string;
  role: Role;
  /** A fresh copy of this device's keys; throws when the device is locked. */
  deviceKeys(): StaffIdentity;
  now?: () => number;
  newId?: () => string;
}

type Fields = NonNullable<ReturnType<typeof newRecordFields>>;

/**
 * The commands: each builds the record (id; recordedBy, the person signed in; deviceId, this device; recordedAt,
 * now; the client's assignees), checks it as the server will (consentRecordProblem, ledgerProblem against the
 * client's records held here and the notice versions, the partner against the directory held here), signs it with
 * this device's key and inserts it. Refusals come back as `{ ok: false, problem }`; a store failure throws.
 */
export function consentCommands(ctx: ConsentCommandContext): ConsentCommands {
  const now = () => (ctx.now ?? Date.now)();
  const newId = ctx.newId ?? (() => globalThis.crypto.randomUUID());

  async function commit(
    clientId: string,
    fieldsOf: (
      ledger: ConsentRecord[],
      notices: PrivacyNotice[],
      at: number,
    ) => Fields | ConsentCommandProblem,
  ): Promise<ConsentCommandResult> {
    const scope = writeScope(ctx.role, 'consents');
    if (scope === 'none') return { ok: false, problem: 'not-allowed' };
    const clientDoc = await ctx.store.clients.findOne(clientId).exec();
    if (clientDoc === null) return { ok: false, problem: 'client-unknown' };
    const client = clientDoc.toJSON() as Client;
    if (!inScope(scope, ctx.staffId, client)) return { ok: false, problem: 'not-allowed' };
    const [sodium, ledgerDocs, notices] = await Promise.all([
      ctx.sodium(),
      ctx.store.consents.find({ selector: { clientId } }).exec(),
      readNotices(ctx.store),
    ]);
    const ledger = ledgerDocs.map((doc) => doc.toJSON() as ConsentRecord);
    const at = now();
    const fields = fieldsOf(ledger, notices, at);
    if (typeof fields === 'string') return { ok: false, problem: fields };
    // The partner a provision names, as the directory held here says (the server checks its own).
    if (namesPartner(fields)) {
      const partner = await ctx.store.partners.findOne(fields.partnerId!).exec();
      const problem = consentPartnerProblem(fields, partner ? (partner.toJSON() as Partner) : undefined);
      if (problem) return { ok: false, problem };
    }
    let keys: StaffIdentity;
    try {
      keys = ctx.deviceKeys();
    } catch {
      return { ok: false, problem: 'locked' };
    }
    try {
      const result = buildRecord(sodium, fields, {
        recorder: { staffId: ctx.staffId, deviceId: ctx.deviceId, keys, now: at, newId },
        assignedStaffIds: client.assignedStaffIds,
        ledger,
        notices,
      });
      if (result.ok) await ctx.store.consents.insert(result.record);
      if (result.ok)
        await logFor(
          { collections: ctx.store, actor: ctx, now },
          consentEntry(result.record),
          client.assignedStaffIds,
        );
      return result;
    } finally {
      wipeIdentity(sodium, keys);
    }
  }

  return {
    record: (input) =>
      commit(
        input.clientId,
        (_ledger, notices, at) => newRecordFields(input, notices, at) ?? 'notice-unavailable',
      ),
    withdraw: async (input) => {
      // The request's id is chosen first so that the signed withdrawal can name it.
      const requestId = newId();
      // Whoever may not log requests for this client (a coordinator not assigned to it) records the erasure as
      // pending in the withdrawal's note, for someone who may to log it.
      const clientDoc = await ctx.store.clients.findOne(input.clientId).exec();
      const mayLog =
        clientDoc !== null &&
        inScope(writeScope(ctx.role, 'requests'), ctx.staffId, clientDoc.toJSON() as Client);
      let erasure = false;
      const result = await commit(input.clientId, (ledger, notices, at) => {
        const referred = ledger.find((record) => record.id === input.refersTo);
        if (!referred) return 'refers-to-unknown';
        erasure = input.erasure === true && referred.purpose === 'medical-data';
        const note = !erasure ? undefined : mayLog ? erasureRequestNote(requestId) : ERASURE_PENDING_NOTE;
        const notes = [note, input.notes?.trim()].filter(Boolean).join('\n');
        return withdrawalFields({ ...input, notes }, referred, notices, at) ?? 'notice-unavailable';
      });
      if (!result.ok || !erasure) return result;
      if (!mayLog) return { ...result, erasurePending: true };
      const erasureRequest = await logRequest(
        ctx.store,
        ctx.staffId,
        erasureRequestValue(result.record),
        now(),
        () => requestId,
      );
      return { ...result, erasureRequest };
    },
    correct: (input) =>
      commit(
        input.clientId,
        (_ledger, notices, at) =>
          newRecordFields({ ...input, action: 'corrected' }, notices, at) ?? 'notice-unavailable',
      ),
  };
}

async function readNotices(store: Pick<LocalStore, 'orgSettings'>): Promise<PrivacyNotice[]> {
  const docs = await store.orgSettings.find({ selector: { kind: 'privacy-notice' } }).exec();
  return docs.map((doc) => doc.toJSON() as PrivacyNotice);
}

/** The commands bound to the open session (this device, the person signed in, their role). */
export function useConsentCommands(): ConsentCommands {
  const { device, identity, store } = useSession();
  const { role } = identity;
  return useMemo(() => {
    const { session } = device;
    return consentCommands({
      sodium: loadSodium,
      store,
      staffId: session.staffId,
      deviceId: session.deviceId,
      role,
      deviceKeys: () => session.deviceKeys(),
    });
  }, [device, store, role]);
}

export { purposeRows, recordLinks, type PurposeRow, type PurposeState } from './consent-states';
