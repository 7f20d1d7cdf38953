import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../../../shared/index';
import type { DataSubjectRequest } from '../../../../shared/domain/request';
import type { LogRequestValue } from '../../../../shared/domain/request-form';
import {
  deadlineState,
  dueAtOf,
  gdprBasisOf,
  requestProblem,
  type RequestProblem,
} from '../../../../shared/domain/request-rules';
import { handlesRequests } from '../../../../shared/sync/request-push-rule';
import { readScope, writeScope, type Role } from '../../../../shared/auth/roles';
import { useSession } from '../../session/session-context';
import type { LocalStore } from '../../store/local-store';
import type { WaitingItem } from '../today/waiting';

/**
 * The request register's data layer: the only code of the feature that touches the local store. Requests are
 * written on the device (offline too) and synced; the server checks each push (shared/sync/request-push-rule.ts),
 * and the commands here check the same rules before writing, so a refusal is said at once.
 */

export { handlesRequests };

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
  return clients;
}

export class RequestRefused extends Error {
  constructor(readonly problem: RequestProblem | 'client-unknown' | 'request-unknown') {
    super(problem);
  }
}

/** A new request, as received, in the caller's name; its deadline from the rules. */
export async function logRequest(
  store: Pick<LocalStore, 'requests' | 'clients'>,
  staffId: string,
  value: LogRequestValue,
  now: number,
  newId: () => string = () => crypto.randomUUID(),
): Promise<DataSubjectRequest> {
  const clientDoc = await store.clients.findOne(value.clientId).exec();
  if (!clientDoc) throw new RequestRefused('client-unknown');
  const client = clientDoc.toJSON() as Client;
  const base = {
    id: newId(),
    clientId: client.id,
    type: value.type,
    channel: value.channel,
    receivedAt: now,
    receivedBy: staffId,
    ...(value.details ? { details: value.details } : {}),
    requester: {
      kind: value.requesterKind,
      ...(value.requesterName ? { name: value.requesterName } : {}),
      ...(value.relationship ? { relationship: value.relationship } : {}),
    },
    ...(value.residenceCountry ? { residenceCountry: value.residenceCountry } : {}),
    gdprBasis: gdprBasisOf(client.nationality, value.residenceCountry),
    status: 'received' as const,
    assignedStaffIds: [...client.assignedStaffIds],
    createdAt: now,
    updatedAt: now,
  };
  const request: DataSubjectRequest = { ...base, dueAt: dueAtOf(base) };
  await store.requests.insert(request);
  return request;
}

/** Changes a request (the handler's steps), checked whole against the register's rules before it is written. */
export async function changeRequest(
  store: Pick<LocalStore, 'requests'>,
  id: string,
  change: (request: DataSubjectRequest) => Partial<DataSubjectRequest>,
  now: number,
): Promise<DataSubjectRequest> {
  const doc = await store.requests.findOne(id).exec();
  if (!doc) throw new RequestRefused('request-unknown');
  const current = doc.toJSON() as DataSubjectRequest;
  const patch = change(current);
  const next = { ...current, ...patch, updatedAt: Math.max(now, current.updatedAt + 1) };
  const dueAt = dueAtOf(next);
  const problem = requestProblem({ ...next, dueAt }, now);
  if (problem) throw new RequestRefused(problem);
  await doc.incrementalPatch({ ...patch, dueAt, updatedAt: next.updatedAt });
  return { ...next, dueAt };
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
      change: async (id, change) => void (await changeRequest(store, id, change, Date.now())),
    }),
    [store, staffId],
  );
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
