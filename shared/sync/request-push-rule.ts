import type { Role } from '../auth/roles';
import type { DataSubjectRequest } from '../domain/request';
import { gdprBasisOf, requestProblem, statusMayMove } from '../domain/request-rules';
import { sameDocument } from './canonical';
import type { AnyDocument, PushRefusal, PushRule } from './push-rules';

/**
 * The request register's push rule (the `requests` entry of registry.ts names it), beyond the permission table:
 *
 * - An entry is never deleted: a request ends answered, refused or withdrawn, and stays as the record.
 * - Whoever only logs requests (concierges and coordinators: they receive them from clients) creates an entry as
 *   received, in their own name, and changes none afterwards; handling is the managers' and the admin's (the DPO).
 * - The deadline is the rule's (request-rules.ts), from the receipt and the GDPR basis, which is the client's
 *   nationality (as the server holds the client) or the residence given at receipt.
 * - What a request was (client, type, receipt, who logged it, the GDPR basis) never changes; its status only moves
 *   forward; an answer, a refusal, the one extension and a verified identity stay once recorded; the exports made
 *   for it only grow.
 */

export const REQUEST_HANDLER_ROLES: readonly Role[] = ['manager', 'admin'];
export const handlesRequests = (role: Role) => REQUEST_HANDLER_ROLES.includes(role);

const refuse = (reason: string): PushRefusal => ({ rule: 'request', reason });

const FIXED_FIELDS = [
  'clientId',
  'type',
  'channel',
  'receivedAt',
  'receivedBy',
  'residenceCountry',
  'gdprBasis',
  'createdAt',
] as const;
const KEPT_ONCE_SET = ['answer', 'refusal', 'extension', 'withdrawnAt'] as const;

export const requestRule: PushRule = async ({ caller, master, next, facts, writes = true }) => {
  if (!writes) return undefined;
  if (next._deleted) return refuse('request-not-deleted');
  const request = next as unknown as DataSubjectRequest;
  const problem = requestProblem(request, facts.now());
  if (problem) return refuse(`request-${problem}`);
  const before = master && !master._deleted ? (master as unknown as DataSubjectRequest) : undefined;
  if (!before) return creation(request, caller.staffId, caller.role, facts);
  if (!handlesRequests(caller.role)) return refuse('request-logger-creates-only');
  return change(before, request);
};

async function creation(
  request: DataSubjectRequest,
  staffId: string,
  role: Role,
  facts: Parameters<PushRule>[0]['facts'],
): Promise<PushRefusal | undefined> {
  if (request.receivedBy !== staffId) return refuse('request-receiver-not-caller');
  if (request.receivedAt > facts.now() + 60_000) return refuse('request-received-in-future');
  const found = await facts.client(request.clientId);
  const nationality = found ? str(found.client.nationality) : undefined;
  if (request.gdprBasis !== gdprBasisOf(nationality, request.residenceCountry)) {
    return refuse('request-gdpr-basis');
  }
  if (!handlesRequests(role)) {
    const handled = request.verification || request.answer || request.refusal || request.extension;
    if (request.status !== 'received' || handled || request.exports?.length || request.handlerId) {
      return refuse('request-logger-creates-only');
    }
  }
  return undefined;
}

function change(before: DataSubjectRequest, after: DataSubjectRequest): PushRefusal | undefined {
  for (const field of FIXED_FIELDS) {
    if (!sameDocument(before[field], after[field])) return refuse('request-fixed-field');
  }
  if (!statusMayMove(before.status, after.status)) return refuse('request-status-backwards');
  for (const field of KEPT_ONCE_SET) {
    if (before[field] !== undefined && !sameDocument(before[field], after[field])) {
      return refuse('request-record-kept');
    }
  }
  if (before.verification?.outcome === 'verified' && !sameDocument(before.verification, after.verification)) {
    return refuse('request-record-kept');
  }
  const exported = before.exports ?? [];
  if (!sameDocument(exported, (after.exports ?? []).slice(0, exported.length))) {
    return refuse('request-exports-grow');
  }
  return undefined;
}

const str = (value: AnyDocument[string]) => (typeof value === 'string' ? value : undefined);
