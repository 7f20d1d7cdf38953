import { describe, expect, it } from 'vitest';
import type { DataSubjectRequest } from '../../../../shared/domain/request';
import { DAY_MS, dueAtOf } from '../../../../shared/domain/request-rules';
import type { LocalStore } from '../../store/local-store';
import { changeRequest, RequestRefused } from './request-commands';

const T0 = Date.UTC(2026, 11, 1, 9);
const STAFF = '00000000-0000-4000-8000-000000000010';

function storeOf(request: DataSubjectRequest) {
  let held = request;
  const doc = {
    toJSON: () => held,
    incrementalPatch: async (patch: Partial<DataSubjectRequest>) => {
      held = { ...held, ...patch };
    },
  };
  const store = {
    requests: { findOne: () => ({ exec: async () => doc }) },
  } as unknown as Pick<LocalStore, 'requests'>;
  return { store, held: () => held };
}

const failed = { method: 'photo-id-copy', outcome: 'failed', by: STAFF, at: T0 + DAY_MS } as const;

function request(): DataSubjectRequest {
  const base = {
    id: '00000000-0000-4000-8100-000000000001',
    clientId: '00000000-0000-4000-8000-000000000001',
    type: 'enquiry' as const,
    channel: 'letter' as const,
    receivedAt: T0,
    receivedBy: STAFF,
    details: 'What do you hold about me?',
    requester: { kind: 'client' as const },
    gdprBasis: 'none' as const,
    status: 'verifying' as const,
    verification: failed,
    assignedStaffIds: [STAFF],
    createdAt: T0,
    updatedAt: T0,
  };
  return { ...base, dueAt: dueAtOf(base) };
}

describe('a change of the register on the device (request-history.ts)', () => {
  const now = T0 + 2 * DAY_MS;
  const refusal = async (change: (r: DataSubjectRequest) => Partial<DataSubjectRequest>, at = now) => {
    const { store, held } = storeOf(request());
    const before = held();
    const error = await changeRequest(store, before.id, change, at).catch((cause: unknown) => cause);
    expect(held()).toEqual(before);
    return error instanceof RequestRefused ? error.problem : error;
  };

  it('refuses each rewrite before writing, and writes nothing', async () => {
    expect(await refusal(() => ({ details: 'Something else' }))).toBe('fixed-field');
    expect(await refusal(() => ({ verification: { ...failed, outcome: 'verified', at: now } }))).toBe(
      'record-kept',
    );
    expect(
      await refusal(() => ({
        verification: { ...failed, outcome: 'verified', at: T0 - 1 },
        earlierChecks: [failed],
      })),
    ).toBe('recorded-before-receipt');
    expect(
      await refusal(
        () => ({
          status: 'withdrawn',
          withdrawnAt: T0 + 20 * DAY_MS,
          withdrawalReason: 'x',
          withdrawalChannel: 'email',
        }),
        T0 + 20 * DAY_MS,
      ),
    ).toBe('withdrawal-overdue');
  });

  it('keeps the failed check when a new one follows it', async () => {
    const { store, held } = storeOf(request());
    const passing = { ...failed, outcome: 'verified' as const, at: now };
    await changeRequest(
      store,
      held().id,
      (r) => ({ verification: passing, earlierChecks: [r.verification!] }),
      now,
    );
    expect(held()).toMatchObject({ verification: passing, earlierChecks: [failed] });
  });
});
