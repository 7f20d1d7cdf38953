import { describe, expect, it } from 'vitest';
import type { DataSubjectRequest, IdentityVerification } from './request';
import { historyProblem, REQUEST_BACKDATE_MAX_MS } from './request-history';
import { DAY_MS } from './request-rules';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const NOW = Date.UTC(2026, 11, 1, 9);
const DPO = uuid(30);
const RECEIVED = NOW - 20 * DAY_MS;

const request = (overrides: Partial<DataSubjectRequest> = {}): DataSubjectRequest => ({
  id: uuid(100),
  clientId: uuid(1),
  type: 'consent-withdrawal',
  channel: 'letter',
  receivedAt: RECEIVED,
  receivedBy: uuid(10),
  details: 'Please stop using my medical data.',
  requester: { kind: 'client' },
  gdprBasis: 'none',
  dueAt: RECEIVED + 14 * DAY_MS,
  status: 'verifying',
  assignedStaffIds: [],
  createdAt: RECEIVED,
  updatedAt: RECEIVED,
  ...overrides,
});
const check = (outcome: 'verified' | 'failed', at: number): IdentityVerification => ({
  method: 'photo-id-copy',
  outcome,
  by: DPO,
  at,
});

describe('the register’s history', () => {
  it('keeps the receipt, the requester and their words', () => {
    const before = request();
    for (const change of [
      { details: 'Something else.' },
      { details: undefined },
      { receivedAt: RECEIVED + DAY_MS },
      { channel: 'email' },
      { requester: { kind: 'representative', name: 'A. Lawyer', relationship: 'attorney' } },
    ] as Array<Partial<DataSubjectRequest>>) {
      expect(historyProblem(before, { ...before, ...change }, NOW)).toMatch(/fixed/);
    }
  });

  it('keeps a failed check: a later one may follow it, the failed one kept first', () => {
    const failed = request({ verification: check('failed', NOW - DAY_MS) });
    // Replaced outright: the failure would disappear.
    expect(historyProblem(failed, { ...failed, verification: check('verified', NOW) }, NOW)).toBe(
      'record-kept',
    );
    const followed = {
      ...failed,
      verification: check('verified', NOW),
      earlierChecks: [failed.verification!],
    };
    expect(historyProblem(failed, followed, NOW)).toBeUndefined();
    // Then neither check changes, nor does the list lose one.
    expect(historyProblem(followed, { ...followed, earlierChecks: [] }, NOW)).toBe('check-kept');
    expect(historyProblem(followed, { ...followed, verification: check('failed', NOW) }, NOW)).toBe(
      'record-kept',
    );
    // Nor is a check planted in the list.
    expect(
      historyProblem(failed, { ...failed, earlierChecks: [check('verified', NOW - 2 * DAY_MS)] }, NOW),
    ).toBe('check-kept');
    expect(historyProblem(undefined, request({ earlierChecks: [check('failed', NOW)] }), NOW)).toBe(
      'check-kept',
    );
  });

  it('dates a record at or after the receipt, back-dated at most 30 days, not in the future', () => {
    const before = request();
    const at = (time: number) =>
      historyProblem(before, { ...before, verification: check('verified', time) }, NOW);
    expect(at(RECEIVED - 1)).toBe('recorded-before-receipt');
    expect(at(NOW + DAY_MS)).toBe('recorded-in-future');
    expect(at(RECEIVED + DAY_MS)).toBeUndefined();
    const old = request({ receivedAt: NOW - 60 * DAY_MS, createdAt: NOW - 60 * DAY_MS });
    expect(
      historyProblem(
        old,
        { ...old, verification: check('verified', NOW - REQUEST_BACKDATE_MAX_MS - 1) },
        NOW,
      ),
    ).toBe('recorded-backdated');
    const verified = request({ verification: check('verified', NOW - DAY_MS), status: 'in-progress' });
    const answered = {
      ...verified,
      status: 'answered' as const,
      answer: { channel: 'email' as const, summary: 'Done', partial: false, by: DPO, at: RECEIVED - 1 },
    };
    expect(historyProblem(verified, answered, NOW)).toBe('recorded-before-receipt');
  });

  it('takes a withdrawal said by the requester, before the deadline only', () => {
    const before = request({ receivedAt: NOW - DAY_MS, createdAt: NOW - DAY_MS, dueAt: NOW + 13 * DAY_MS });
    const withdrawn = {
      ...before,
      status: 'withdrawn' as const,
      withdrawnAt: NOW,
      withdrawalReason: 'Changed mind',
    };
    expect(historyProblem(before, withdrawn, NOW)).toBe('withdrawal-channel-missing');
    expect(historyProblem(before, { ...withdrawn, withdrawalChannel: 'email' }, NOW)).toBeUndefined();
    // An overdue request closed as withdrawn, at once or dated back before its deadline.
    const overdue = request();
    const late = {
      ...overdue,
      status: 'withdrawn' as const,
      withdrawalReason: 'x',
      withdrawalChannel: 'email' as const,
    };
    expect(historyProblem(overdue, { ...late, withdrawnAt: NOW }, NOW)).toBe('withdrawal-overdue');
    expect(historyProblem(overdue, { ...late, withdrawnAt: overdue.dueAt - DAY_MS }, NOW)).toBe(
      'withdrawal-overdue',
    );
    // And never from a closed status.
    const answered = request({ status: 'answered' });
    expect(historyProblem(answered, { ...answered, ...late, withdrawnAt: NOW }, NOW)).toBe(
      'status-backwards',
    );
  });
});
