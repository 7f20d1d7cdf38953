import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../../../shared/index';
import type { DataSubjectRequest } from '../../../../shared/domain/request';
import { deadlineState } from '../../../../shared/domain/request-rules';
import { erasurePaths, type Erasure } from '../../../../shared/domain/erasure';
import type { LogRequestValue } from '../../../../shared/domain/request-form';
import { handlesRequests } from '../../../../shared/sync/request-push-rule';
import { readScope, writeScope, type Role } from '../../../../shared/auth/roles';
import { useHiddenClients } from '../erasure/erasure-data';
import { useSession } from '../../session/session-context';
import { logAccess } from '../../core/audit/log-access';
import { requestHandledEntry } from '../../../../shared/domain/audit-entries';
import { changeRequest, logRequest } from './request-commands';
import { ceaseProvision, ceaseUse, recordConsentWithdrawal, recordErasure } from './request-actions';
import { useConsentCommands } from '../consents/consent-data';
import type { ConsentMethod, ConsentPurpose } from '../../../../shared/domain/consent';
import type { WaitingItem } from '../today/waiting';

/**
 * The request register's data layer: the only code of the feature that touches the local store. Requests are
 * written on the device (offline too) and synced; the server checks each push (shared/sync/request-push-rule.ts),
 * and the commands here check the same rules before writing, so a refusal is said at once.
 */

export { handlesRequests };
export { changeRequest, logRequest, RequestRefused } from './request-commands';

/** Whether the role sees the register (its own clients' requests, for a concierge) and may log requests. */
export const seesRequests = (role: Role) => readScope(role, 'requests') !== 'none';
export const logsRequests = (role: Role) => writeScope(role, 'requests') !== 'none';

/** The time now, renewed every `everyMs` (a request becomes due soon or overdue while the screen is open). */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Every request on the device, newest receipt first, live. */
export function useRequests(): DataSubjectRequest[] | undefined {
  const { store } = useSession();
  const [requests, setRequests] = useState<DataSubjectRequest[] | undefined>();
  useEffect(() => {
    const subscription = store.requests
      .find()
      .$.subscribe((docs) =>
        setRequests(
          docs.map((doc) => doc.toJSON() as DataSubjectRequest).sort((a, b) => b.receivedAt - a.receivedAt),
        ),
      );
    return () => subscription.unsubscribe();
  }, [store]);
  return requests;
}

/** The clients on the device as choices (id, name, nationality), by name. */
export function useClientChoices(): Array<Pick<Client, 'id' | 'names' | 'nationality' | 'assignedStaffIds'>> {
  const { store } = useSession();
  const [clients, setClients] = useState<Client[]>([]);
  // A client scheduled for erasure is shown nowhere during the grace period (issue 17): its requests stay listed,
  // without its name.
  const hidden = useHiddenClients();
  useEffect(() => {
    const subscription = store.clients
      .find()
      .$.subscribe((docs) =>
        setClients(
          docs
            .map((doc) => doc.toJSON() as Client)
            .sort((a, b) => a.names.latin.localeCompare(b.names.latin)),
        ),
      );
    return () => subscription.unsubscribe();
  }, [store]);
  return useMemo(() => clients.filter((client) => !hidden.has(client.id)), [clients, hidden]);
}

export interface RequestCommands {
  log(value: LogRequestValue): Promise<DataSubjectRequest>;
  change(id: string, change: (request: DataSubjectRequest) => Partial<DataSubjectRequest>): Promise<void>;
}

export function useRequestCommands(): RequestCommands {
  const { store, device } = useSession();
  const staffId = device.session.staffId;
  return useMemo(
    () => ({
      log: (value) => logRequest(store, staffId, value, Date.now()),
      change: async (id, change) => {
        let changed: string[] = [];
        const patchOf = (r: DataSubjectRequest) => {
          const patch = change(r);
          changed = Object.keys(patch);
          return patch;
        };
        const next = await changeRequest(store, id, patchOf, Date.now());
        await logAccess(device.session, requestHandledEntry(next, changed), {
          assignedStaffIds: next.assignedStaffIds,
        });
      },
    }),
    [store, staffId, device],
  );
}

/**
 * Carrying out a cessation or an erasure request (request-actions.ts), bound to the session; each logged. An
 * erasure is recorded against the client's erasures as the server holds them now (the one just scheduled from the
 * register included), not a list read when the screen opened.
 */
export function useRequestActions() {
  const { store, device, staff } = useSession();
  const consents = useConsentCommands();
  return useMemo(() => {
    const deps = { store, consents, staffId: device.session.staffId, now: () => Date.now() };
    const logged = async (next: DataSubjectRequest) => {
      await logAccess(device.session, requestHandledEntry(next, ['action']), {
        assignedStaffIds: next.assignedStaffIds,
      });
    };
    return {
      ceaseUse: (request: DataSubjectRequest, purposes: ConsentPurpose[], method: ConsentMethod) =>
        ceaseUse(deps, request, purposes, method).then(logged),
      ceaseProvision: (request: DataSubjectRequest, method: ConsentMethod) =>
        ceaseProvision(deps, request, method).then(logged),
      recordConsentWithdrawal: (
        request: DataSubjectRequest,
        purposes: ConsentPurpose[],
        method: ConsentMethod,
        withdraw: boolean,
      ) => recordConsentWithdrawal(deps, request, purposes, method, withdraw).then(logged),
      recordErasure: async (request: DataSubjectRequest) => {
        const path = `${erasurePaths.erasures}?clientId=${encodeURIComponent(request.clientId)}`;
        const erasures = await staff.get<Erasure[]>(path);
        return recordErasure(deps, request, erasures).then(logged);
      },
    };
  }, [store, consents, device, staff]);
}

/** Overdue and due-soon requests, for those who handle them: one line each, on Today. */
export function useRequestsWaiting(): WaitingItem[] {
  const { t } = useTranslation();
  const { identity } = useSession();
  const handles = handlesRequests(identity.role);
  const requests = useRequests();
  const now = useNow();
  if (!handles || !requests) return [];
  const items: WaitingItem[] = [];
  for (const request of requests) {
    const state = deadlineState(request, now);
    if (state !== 'overdue' && state !== 'due-soon') continue;
    items.push({
      id: `requests.${request.id}`,
      text: t('requests.waiting', { type: t(`requests.type.${request.type}`) }),
      due: request.dueAt,
      state,
      section: 'requests',
    });
  }
  return items;
}
