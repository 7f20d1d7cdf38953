import type { ConsentMethod, ConsentPurpose, ConsentRecord } from '../../../../shared/domain/consent';
import type { DataSubjectRequest } from '../../../../shared/domain/request';
import {
  cessationActionProblem,
  liveConsentsFor,
  PROVISION_PURPOSES,
} from '../../../../shared/domain/request-evidence';
import { erasureAnswerProblem, type ErasureSeen } from '../../../../shared/domain/request-rules';
import type { LocalStore } from '../../store/local-store';
import type { ConsentCommands } from '../consents/consent-data';
import { changeRequest, RequestRefused } from './request-commands';

/**
 * Carrying out a cessation or an erasure request from the register (issue 16 review), without React: the consent
 * withdrawals go through the consent ledger's own command (renderer/src/features/consents), so the rest of the app
 * honours them (medical writes stop, shares are cancelled by the server, marketing stops); the request records
 * what was done (`action`), the evidence its answer needs (request-evidence.ts), which the server checks again.
 */

export interface ActionDeps {
  store: Pick<LocalStore, 'requests' | 'consents'>;
  consents: Pick<ConsentCommands, 'withdraw'>;
  staffId: string;
  now(): number;
}

async function withdrawAll(
  deps: ActionDeps,
  request: DataSubjectRequest,
  purposes: readonly ConsentPurpose[],
  method: ConsentMethod,
): Promise<string[]> {
  const docs = await deps.store.consents.find({ selector: { clientId: request.clientId } }).exec();
  const ledger = docs.map((doc) => doc.toJSON() as ConsentRecord);
  const ids: string[] = [];
  for (const live of liveConsentsFor(ledger, request.clientId, purposes, deps.now())) {
    const result = await deps.consents.withdraw({
      clientId: request.clientId,
      refersTo: live.id,
      requestedBy: request.requester.kind,
      method,
      at: deps.now(),
      notes: `Request ${request.id}`,
    });
    if (!result.ok) throw new RequestRefused('consent-not-withdrawn');
    ids.push(result.record.id);
  }
  return ids;
}

/** Cessation of use: the client's consents for the purposes withdrawn, and the request records it. */
export async function ceaseUse(
  deps: ActionDeps,
  request: DataSubjectRequest,
  purposes: readonly ConsentPurpose[],
  method: ConsentMethod,
): Promise<DataSubjectRequest> {
  const consentRecordIds = await withdrawAll(deps, request, purposes, method);
  return changeRequest(
    deps.store,
    request.id,
    () => ({
      action: {
        kind: 'use-ceased',
        purposes: [...purposes],
        consentRecordIds,
        by: deps.staffId,
        at: deps.now(),
      },
    }),
    deps.now(),
  );
}

/**
 * Cessation of provision to third parties: every provision and overseas-transfer consent withdrawn. The server,
 * receiving the withdrawals, cancels the client's pending and approved shares (server/shares), which its list of
 * cancelled shares then shows for the partner to be told.
 */
export async function ceaseProvision(
  deps: ActionDeps,
  request: DataSubjectRequest,
  method: ConsentMethod,
): Promise<DataSubjectRequest> {
  const consentRecordIds = await withdrawAll(deps, request, PROVISION_PURPOSES, method);
  return changeRequest(
    deps.store,
    request.id,
    () => ({ action: { kind: 'provision-ceased', consentRecordIds, by: deps.staffId, at: deps.now() } }),
    deps.now(),
  );
}

/**
 * Erasure: recorded once the server holds an erasure of the scope asked (or of the whole client) scheduled since the
 * request was received and not cancelled (request-rules.ts `erasureAnswerProblem`: an earlier erasure answered
 * another decision, one of another part of the client is not what was asked). The server's push rule asks the same when the request is
 * answered.
 */
export async function recordErasure(
  deps: Pick<ActionDeps, 'store' | 'staffId' | 'now'>,
  request: DataSubjectRequest,
  erasures: readonly ErasureSeen[],
): Promise<DataSubjectRequest> {
  const problem = erasureAnswerProblem(request, erasures);
  if (problem) throw new RequestRefused(problem === 'erasure-partial' ? problem : 'erasure-missing');
  return changeRequest(
    deps.store,
    request.id,
    () => ({ action: { kind: 'erasure-scheduled', by: deps.staffId, at: deps.now() } }),
    deps.now(),
  );
}

/**
 * A consent withdrawal (issue 16 review F4): the named purposes' consents withdrawn in the ledger, and the request
 * records those withdrawals (at or after its receipt) as its evidence. With `withdraw`, the consents still in force
 * are withdrawn through the ledger's command first; without (the DPO, who does not write the ledger), only
 * withdrawals already recorded since the receipt (by a manager or a coordinator, on the client's consents) are
 * taken. Refused when a purpose has none, or a consent of it is still in force (request-evidence.ts, as the server).
 */
export async function recordConsentWithdrawal(
  deps: ActionDeps,
  request: DataSubjectRequest,
  purposes: readonly ConsentPurpose[],
  method: ConsentMethod,
  withdraw: boolean,
): Promise<DataSubjectRequest> {
  if (withdraw) await withdrawAll(deps, request, purposes, method);
  const docs = await deps.store.consents.find({ selector: { clientId: request.clientId } }).exec();
  const ledger = docs.map((doc) => doc.toJSON() as ConsentRecord);
  const consentRecordIds = ledger
    .filter(
      (record) =>
        record.action === 'withdrawn' &&
        purposes.includes(record.purpose) &&
        record.recordedAt >= request.receivedAt,
    )
    .map((record) => record.id);
  const action = {
    kind: 'consent-withdrawn' as const,
    purposes: [...purposes],
    consentRecordIds,
    by: deps.staffId,
    at: deps.now(),
  };
  const problem = cessationActionProblem({ ...request, action }, ledger, deps.now());
  if (problem === 'action-consent-live') throw new RequestRefused('consent-not-withdrawn');
  if (problem) throw new RequestRefused('consent-withdrawal-missing');
  return changeRequest(deps.store, request.id, () => ({ action }), deps.now());
}
