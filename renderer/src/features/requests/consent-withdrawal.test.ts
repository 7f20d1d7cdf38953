import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import type { DataSubjectRequest } from '../../../../shared/domain/request';
import { DAY_MS, dueAtOf } from '../../../../shared/domain/request-rules';
import type { LocalStore } from '../../store/local-store';
import { recordConsentWithdrawal } from './request-actions';

const T0 = Date.UTC(2026, 11, 1, 9);
const STAFF = '00000000-0000-4000-8000-000000000010';
const CLIENT = '00000000-0000-4000-8000-000000000001';

function withdrawalRequest(): DataSubjectRequest {
  const base = {
    id: '00000000-0000-4000-8100-000000000001',
    clientId: CLIENT,
    type: 'consent-withdrawal' as const,
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

const record = (id: number, fields: Partial<ConsentRecord>) =>
  ({
    id: `00000000-0000-4000-8200-${String(id).padStart(12, '0')}`,
    clientId: CLIENT,
    action: 'given',
    purpose: 'marketing',
    at: T0 - DAY_MS,
    recordedAt: T0 - DAY_MS,
    ...fields,
  }) as ConsentRecord;

/** The request and the client's ledger; `withdraw` adds a withdrawal of the record it names, as the ledger would. */
function world(ledger: ConsentRecord[]) {
  let held = withdrawalRequest();
  const rows = [...ledger];
  const doc = {
    toJSON: () => held,
    incrementalPatch: async (patch: Partial<DataSubjectRequest>) => {
      held = { ...held, ...patch };
    },
  };
  const store = {
    requests: { findOne: () => ({ exec: async () => doc }) },
    consents: { find: () => ({ exec: async () => rows.map((row) => ({ toJSON: () => row })) }) },
  } as unknown as Pick<LocalStore, 'requests' | 'consents'>;
  const consents = {
    withdraw: async (input: { refersTo: string; at: number }) => {
      const of = rows.find((row) => row.id === input.refersTo)!;
      const made = record(900 + rows.length, {
        action: 'withdrawn',
        purpose: of.purpose,
        refersTo: of.id,
        at: input.at,
        recordedAt: input.at,
      });
      rows.push(made);
      return { ok: true as const, record: made };
    },
  };
  return { deps: { store, consents, staffId: STAFF, now: () => T0 + DAY_MS } as never, held: () => held };
}

describe('a consent withdrawal carried out from the register (issue 16 review F4)', () => {
  it('withdraws what is in force and records the withdrawals as its evidence', async () => {
    const { deps, held } = world([record(1, {})]);
    await recordConsentWithdrawal(deps, held(), ['marketing'], 'email', true);
    expect(held().action).toMatchObject({ kind: 'consent-withdrawn', purposes: ['marketing'] });
    expect(held().action?.consentRecordIds).toHaveLength(1);
  });

  it('without writing the ledger: records a withdrawal made since the receipt, refuses without one', async () => {
    const given = record(1, {});
    const earlier = record(2, { action: 'withdrawn', refersTo: given.id, at: T0 - 1, recordedAt: T0 - 1 });
    const none = world([given, earlier]);
    await expect(
      recordConsentWithdrawal(none.deps, none.held(), ['marketing'], 'email', false),
    ).rejects.toMatchObject({ problem: 'consent-withdrawal-missing' });
    expect(none.held().action).toBeUndefined();
    const live = world([record(1, {})]);
    await expect(
      recordConsentWithdrawal(live.deps, live.held(), ['marketing'], 'email', false),
    ).rejects.toMatchObject({ problem: 'consent-not-withdrawn' });
    const since = record(3, { action: 'withdrawn', refersTo: given.id, at: T0 + 5, recordedAt: T0 + 5 });
    const made = world([given, since]);
    await recordConsentWithdrawal(made.deps, made.held(), ['marketing'], 'email', false);
    expect(made.held().action?.consentRecordIds).toEqual([since.id]);
  });
});
