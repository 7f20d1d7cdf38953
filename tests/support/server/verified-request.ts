import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { DataSubjectRequest } from '../../../shared/domain/request';
import { dueAtOf, gdprBasisOf } from '../../../shared/domain/request-rules';
import type { LuminaServer } from '../../../server/app';
import { documentById } from '../../../server/sync/documents';
import type { TestStaff } from './staff';

/**
 * A disclosure request of the client, logged and verified by `handler` (the admin, the DPO) in one push: the
 * server exports a client's data only for such a request (server/privacy/client-export.ts). Returns its id.
 * `overrides` make another request of the register (another type, a closing status with its record).
 */
export async function verifiedRequestFor(
  server: LuminaServer,
  handler: TestStaff,
  clientId: string,
  overrides: Partial<DataSubjectRequest> = {},
): Promise<string> {
  const request = await requestOf(server, handler, clientId, overrides);
  const res = await pushRequest(server, handler, request);
  expect(res.statusCode, res.body).toBe(200);
  return request.id;
}

/** A request of the client logged and verified by `handler`, received a second ago, with its deadline. */
export async function requestOf(
  server: LuminaServer,
  handler: TestStaff,
  clientId: string,
  overrides: Partial<DataSubjectRequest> = {},
): Promise<DataSubjectRequest> {
  const client = await documentById(server.db, 'clients', clientId);
  const nationality = typeof client?.nationality === 'string' ? client.nationality : undefined;
  const now = Date.now();
  const base = {
    id: randomUUID(),
    clientId,
    type: 'disclosure' as const,
    channel: 'email' as const,
    receivedAt: now - 1000,
    receivedBy: handler.staffId,
    requester: { kind: 'client' as const },
    gdprBasis: gdprBasisOf(nationality, undefined),
    status: 'verifying' as const,
    verification: {
      method: 'passport-in-person' as const,
      outcome: 'verified' as const,
      by: handler.staffId,
      at: now - 500,
    },
    handlerId: handler.staffId,
    assignedStaffIds: Array.isArray(client?.assignedStaffIds) ? (client.assignedStaffIds as string[]) : [],
    createdAt: now - 1000,
    updatedAt: now - 1000,
    ...overrides,
  };
  return { ...base, dueAt: dueAtOf(base) };
}

/** Pushes the request as `handler`'s device: the server's answer. */
export const pushRequest = (server: LuminaServer, handler: TestStaff, request: DataSubjectRequest) =>
  server.app.inject({
    method: 'POST',
    url: '/sync/requests/push',
    headers: handler.headers,
    payload: [{ newDocumentState: { ...request, _deleted: false } }],
  });
