import type { Client } from '../../../../shared/index';
import type { DataSubjectRequest } from '../../../../shared/domain/request';
import type { LogRequestValue } from '../../../../shared/domain/request-form';
import {
  dueAtOf,
  gdprBasisOf,
  requestProblem,
  type RequestProblem,
} from '../../../../shared/domain/request-rules';
import { historyProblem, type HistoryProblem } from '../../../../shared/domain/request-history';
import type { LocalStore } from '../../store/local-store';

/**
 * The request register's commands on the store, without React or the session (the export, its tests and the
 * benchmark call them directly): requests-data.ts binds them to the open session.
 */

export class RequestRefused extends Error {
  constructor(
    readonly problem:
      | RequestProblem
      | HistoryProblem
      | 'client-unknown'
      | 'request-unknown'
      | 'consent-not-withdrawn'
      | 'consent-withdrawal-missing'
      | 'erasure-missing'
      | 'erasure-partial',
  ) {
    super(problem);
  }
}

/** A new request, in the caller's name, received when the form says (else now); its deadline from the rules. */
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
    receivedAt: value.receivedAt ?? now,
    receivedBy: staffId,
    ...(value.details ? { details: value.details } : {}),
    ...(value.type === 'erasure' && value.erasureScope ? { erasureScope: value.erasureScope } : {}),
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
  const problem = requestProblem(request, now);
  if (problem) throw new RequestRefused(problem);
  await store.requests.insert(request);
  return request;
}

/**
 * Changes a request (the handler's steps), checked whole against the register's rules before it is written, and
 * against its history (request-history.ts: what was recorded stays), as the server checks it.
 */
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
  const problem = requestProblem({ ...next, dueAt }, now) ?? historyProblem(current, { ...next, dueAt }, now);
  if (problem) throw new RequestRefused(problem);
  await doc.incrementalPatch({ ...patch, dueAt, updatedAt: next.updatedAt });
  return { ...next, dueAt };
}
