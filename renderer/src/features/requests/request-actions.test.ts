import { describe, expect, it } from 'vitest';
import type { DataSubjectRequest } from '../../../../shared/domain/request';
import { DAY_MS, dueAtOf } from '../../../../shared/domain/request-rules';
import type { LocalStore } from '../../store/local-store';
import { recordErasure } from './request-actions';

const T0 = Date.UTC(2026, 11, 1, 9);
const STAFF = '00000000-0000-4000-8000-000000000010';
const CLIENT = '00000000-0000-4000-8000-000000000001';

function erasureRequest(): DataSubjectRequest {
  const base = {
    id: '00000000-0000-4000-8100-000000000001',
    clientId: CLIENT,
    type: 'erasure' as const,
    channel: 'email' as const,
    receivedAt: T0,
    receivedBy: STAFF,
    requester: { kind: 'client' as const },
    gdprBasis: 'none' as const,
    status: 'in-progress' as const,
    verification: { method: 'known-email-reply', outcome: 'verified', by: STAFF, at: T0 } as const,
    assignedStaffIds: [STAFF],
    createdAt: T0,
    updatedAt: T0,
  };
  return { ...base, dueAt: dueAtOf(base) };
}

/** The request alone in a store the size of what changeRequest reads and writes. */
function storeOf(request: DataSubjectRequest) {
  let held = request;
  const doc = {
    toJSON: () => held,
    incrementalPatch: async (patch: Partial<DataSubjectRequest>) => {
      held = { ...held, ...patch };
    },
  };
  const store = {
    requests: { findOne: (id: string) => ({ exec: async () => (id === held.id ? doc : null) }) },
  } as unknown as Pick<LocalStore, 'requests' | 'consents'>;
  return { store, held: () => held };
}

describe('an erasure request carried out from the register', () => {
  const now = () => T0 + 2 * DAY_MS;

  it('is recorded only on an erasure of its client scheduled since its receipt, not cancelled', async () => {
    const request = erasureRequest();
    const { store, held } = storeOf(request);
    const deps = { store, staffId: STAFF, now };
    const refused = [
      // Scheduled (and carried out) before the request reached the company: another decision's.
      [{ clientId: CLIENT, status: 'executed', scheduledAt: T0 - 10 * DAY_MS }],
      // Scheduled since, but cancelled.
      [{ clientId: CLIENT, status: 'cancelled', scheduledAt: T0 + DAY_MS }],
      // Another client's.
      [{ clientId: STAFF, status: 'scheduled', scheduledAt: T0 + DAY_MS }],
    ];
    for (const erasures of refused) {
      await expect(recordErasure(deps, request, erasures)).rejects.toMatchObject({
        problem: 'erasure-missing',
      });
    }
    expect(held().action).toBeUndefined();
    await recordErasure(deps, request, [
      ...refused.flat(),
      { clientId: CLIENT, status: 'scheduled', scheduledAt: T0 + DAY_MS },
    ]);
    expect(held().action).toEqual({ kind: 'erasure-scheduled', by: STAFF, at: now() });
  });

  it('is not recorded on an erasure of the client’s passport or medical section alone', async () => {
    const request = erasureRequest();
    const { store, held } = storeOf(request);
    const deps = { store, staffId: STAFF, now };
    const partial = [
      { clientId: CLIENT, status: 'executed', scheduledAt: T0 + DAY_MS, scope: 'passport' as const },
      { clientId: CLIENT, status: 'scheduled', scheduledAt: T0 + DAY_MS, scope: 'medical' as const },
    ];
    await expect(recordErasure(deps, request, partial)).rejects.toMatchObject({ problem: 'erasure-partial' });
    expect(held().action).toBeUndefined();
    await recordErasure(deps, request, [
      ...partial,
      { clientId: CLIENT, status: 'scheduled', scheduledAt: T0 },
    ]);
    expect(held().action).toEqual({ kind: 'erasure-scheduled', by: STAFF, at: now() });
  });
});
