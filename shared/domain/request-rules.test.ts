import { describe, expect, it } from 'vitest';
import type { DataSubjectRequest } from './request';
import {
  CLOCK_SKEW_MS,
  DAY_MS,
  deadlineState,
  dueAtOf,
  erasureAnswerProblem,
  erasureAnswers,
  exportRefusal,
  gdprBasisOf,
  nextStatuses,
  requestProblem,
  statusMayMove,
  targetAtOf,
} from './request-rules';

const T0 = Date.UTC(2026, 11, 1, 9);
const STAFF = '00000000-0000-4000-8000-000000000010';

function request(overrides: Partial<DataSubjectRequest> = {}): DataSubjectRequest {
  const base: DataSubjectRequest = {
    id: '00000000-0000-4000-8100-000000000001',
    clientId: '00000000-0000-4000-8000-000000000001',
    type: 'disclosure',
    channel: 'in-person',
    receivedAt: T0,
    receivedBy: STAFF,
    requester: { kind: 'client' },
    gdprBasis: 'none',
    dueAt: T0 + 14 * DAY_MS,
    status: 'received',
    assignedStaffIds: [STAFF],
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
  return { ...base, dueAt: overrides.dueAt ?? dueAtOf(base) };
}

describe('the GDPR basis', () => {
  it('is the nationality first, then the residence, else none', () => {
    expect(gdprBasisOf('FR', 'JP')).toBe('nationality');
    expect(gdprBasisOf('US', 'DE')).toBe('residence');
    expect(gdprBasisOf('NO', undefined)).toBe('nationality');
    expect(gdprBasisOf('GB', 'CH')).toBe('none');
    expect(gdprBasisOf(undefined, undefined)).toBe('none');
  });
});

describe('the deadline', () => {
  it('is 14 days from receipt without GDPR, with no extension', () => {
    expect(dueAtOf(request())).toBe(T0 + 14 * DAY_MS);
    const extended = request({ extension: { reason: 'many', by: STAFF, at: T0 } });
    expect(requestProblem(extended, T0)).toBe('extension-not-allowed');
  });

  it('is 30 days under GDPR, 90 once extended, and the 14-day target still shows', () => {
    expect(dueAtOf(request({ gdprBasis: 'residence' }))).toBe(T0 + 30 * DAY_MS);
    const extension = { reason: 'complex', by: STAFF, at: T0 + DAY_MS };
    expect(dueAtOf(request({ gdprBasis: 'nationality', extension }))).toBe(T0 + 90 * DAY_MS);
    const gdpr = request({ gdprBasis: 'nationality' });
    expect(targetAtOf(gdpr)).toBe(T0 + 14 * DAY_MS);
    expect(deadlineState(gdpr, T0 + 5 * DAY_MS)).toBe('open');
    expect(deadlineState(gdpr, T0 + 15 * DAY_MS)).toBe('due-soon');
    expect(deadlineState(gdpr, T0 + 30 * DAY_MS + 1)).toBe('overdue');
  });

  it('makes a request due soon three days ahead, overdue just after, and closed when answered', () => {
    const open = request();
    expect(deadlineState(open, T0 + 10 * DAY_MS)).toBe('open');
    expect(deadlineState(open, T0 + 11 * DAY_MS)).toBe('due-soon');
    expect(deadlineState(open, T0 + 14 * DAY_MS)).toBe('due-soon');
    expect(deadlineState(open, T0 + 14 * DAY_MS + 1)).toBe('overdue');
    expect(deadlineState({ ...open, status: 'answered' }, T0 + 20 * DAY_MS)).toBe('closed');
  });

  it('refuses a due date that is not the rule’s', () => {
    expect(requestProblem(request({ dueAt: T0 + 20 * DAY_MS }), T0)).toBe('due-date');
  });
});

describe('the statuses', () => {
  it('only move forward, and a closed request keeps its status', () => {
    expect(statusMayMove('received', 'verifying')).toBe(true);
    expect(statusMayMove('received', 'answered')).toBe(true);
    expect(statusMayMove('in-progress', 'verifying')).toBe(false);
    expect(statusMayMove('answered', 'in-progress')).toBe(false);
    expect(statusMayMove('refused', 'answered')).toBe(false);
    expect(nextStatuses('verifying')).toEqual(['in-progress', 'answered', 'refused', 'withdrawn']);
    expect(nextStatuses('withdrawn')).toEqual([]);
  });

  it('each closing status carries its record', () => {
    const verification = { method: 'passport-in-person', outcome: 'verified', by: STAFF, at: T0 } as const;
    const answer = { channel: 'email', summary: 'Export sent', partial: false, by: STAFF, at: T0 } as const;
    // A disclosure is answered on an export made for it (request-evidence.ts).
    const exports = [{ by: STAFF, deviceId: STAFF, at: T0, schemaVersion: 1, sha256: 'a'.repeat(64) }];
    expect(requestProblem(request({ status: 'answered', verification, exports }), T0)).toBe('answer-missing');
    expect(requestProblem(request({ status: 'answered', answer, exports }), T0)).toBe('not-verified');
    expect(
      requestProblem(request({ status: 'answered', answer, verification, exports }), T0),
    ).toBeUndefined();
    const partial = { ...answer, partial: true };
    expect(requestProblem(request({ status: 'answered', answer: partial, verification, exports }), T0)).toBe(
      'answer-ground-missing',
    );
    expect(
      requestProblem(
        request({
          status: 'answered',
          answer: { ...partial, ground: 'appi-33-2-ii-business' },
          verification,
          exports,
        }),
        T0,
      ),
    ).toBeUndefined();
    expect(requestProblem(request({ status: 'refused' }), T0)).toBe('refusal-missing');
    const refusal = { ground: 'identity-not-verified', reason: 'No ID', by: STAFF, at: T0 } as const;
    expect(requestProblem(request({ status: 'refused', refusal }), T0)).toBeUndefined();
    expect(requestProblem(request({ status: 'withdrawn' }), T0)).toBe('withdrawal-missing');
    expect(requestProblem(request({ status: 'withdrawn', withdrawnAt: T0 }), T0)).toBe('withdrawal-missing');
  });

  it('a representative’s authority is checked before work starts', () => {
    const requester = { kind: 'representative', name: 'A. Lawyer', relationship: 'counsel' } as const;
    expect(requestProblem(request({ requester, status: 'verifying' }), T0)).toBeUndefined();
    expect(requestProblem(request({ requester, status: 'in-progress' }), T0)).toBe(
      'representation-unchecked',
    );
    const checked = { ...requester, evidence: 'power-of-attorney', checkedBy: STAFF, checkedAt: T0 } as const;
    expect(requestProblem(request({ requester: checked, status: 'in-progress' }), T0)).toBeUndefined();
  });

  it('a request is not received in the future', () => {
    expect(requestProblem(request({ receivedAt: T0 + CLOCK_SKEW_MS + 1, createdAt: T0 }), T0)).toBe(
      'received-in-future',
    );
  });
});

describe('what an export and an erasure answer', () => {
  const verification = { method: 'passport-in-person', outcome: 'verified', by: STAFF, at: T0 } as const;

  it('an export answers an open disclosure request (data or provision records) once verified, nothing else', () => {
    expect(exportRefusal(request({ status: 'in-progress', verification }))).toBeUndefined();
    expect(exportRefusal(request({ type: 'provision-records', verification }))).toBeUndefined();
    expect(exportRefusal(request({ status: 'received' }))).toBe('request-not-verified');
    for (const type of [
      'correction',
      'erasure',
      'cessation-of-use',
      'consent-withdrawal',
      'enquiry',
    ] as const)
      expect(exportRefusal(request({ type, status: 'in-progress', verification }))).toBe(
        'request-not-for-export',
      );
    for (const status of ['answered', 'refused', 'withdrawn'] as const)
      expect(exportRefusal(request({ status, verification }))).toBe('request-closed');
  });

  it('an erasure answers an erasure request of its client scheduled since the receipt, not cancelled', () => {
    const erasure = request({ type: 'erasure' });
    const clientId = erasure.clientId;
    expect(erasureAnswers(erasure, { clientId, status: 'scheduled', scheduledAt: T0 })).toBe(true);
    expect(erasureAnswers(erasure, { clientId, status: 'executed', scheduledAt: T0 + DAY_MS })).toBe(true);
    expect(erasureAnswers(erasure, { clientId, status: 'cancelled', scheduledAt: T0 + DAY_MS })).toBe(false);
    expect(erasureAnswers(erasure, { clientId, status: 'scheduled', scheduledAt: T0 - DAY_MS })).toBe(false);
    const other = '00000000-0000-4000-8000-000000000002';
    expect(erasureAnswers(erasure, { clientId: other, status: 'scheduled', scheduledAt: T0 })).toBe(false);
  });

  it('only an erasure of the whole client answers a request that names no scope', () => {
    const erasure = request({ type: 'erasure' });
    const clientId = erasure.clientId;
    for (const scope of ['passport', 'medical'])
      for (const status of ['scheduled', 'executed'])
        expect(erasureAnswers(erasure, { clientId, status, scheduledAt: T0, scope }), scope).toBe(false);
    expect(erasureAnswers(erasure, { clientId, status: 'scheduled', scheduledAt: T0, scope: 'client' })).toBe(
      true,
    );
    const passport = { clientId, status: 'executed', scheduledAt: T0 + DAY_MS, scope: 'passport' };
    const medical = { clientId, status: 'scheduled', scheduledAt: T0 + DAY_MS, scope: 'medical' };
    const earlier = { clientId, status: 'executed', scheduledAt: T0 - 9 * DAY_MS };
    expect(erasureAnswerProblem(erasure, [])).toBe('erasure-missing');
    expect(erasureAnswerProblem(erasure, [{ clientId, status: 'cancelled', scheduledAt: T0 + DAY_MS }])).toBe(
      'erasure-missing',
    );
    expect(erasureAnswerProblem(erasure, [passport, medical])).toBe('erasure-partial');
    expect(erasureAnswerProblem(erasure, [passport, earlier])).toBe('erasure-before-request');
    // A whole-client erasure answers it, whatever partial one came after.
    const whole = { clientId, status: 'scheduled', scheduledAt: T0 + 1000 };
    expect(erasureAnswerProblem(erasure, [whole, passport, medical])).toBeUndefined();
  });

  it('an erasure of exactly the scope asked, or of the whole client, answers a scoped request', () => {
    const medicalOnly = request({ type: 'erasure', erasureScope: 'medical' });
    const clientId = medicalOnly.clientId;
    const at = T0 + DAY_MS;
    expect(
      erasureAnswers(medicalOnly, { clientId, status: 'scheduled', scheduledAt: at, scope: 'medical' }),
    ).toBe(true);
    expect(erasureAnswers(medicalOnly, { clientId, status: 'executed', scheduledAt: at })).toBe(true);
    expect(
      erasureAnswers(medicalOnly, { clientId, status: 'scheduled', scheduledAt: at, scope: 'client' }),
    ).toBe(true);
    expect(
      erasureAnswers(medicalOnly, { clientId, status: 'scheduled', scheduledAt: at, scope: 'passport' }),
    ).toBe(false);
    const passport = { clientId, status: 'executed', scheduledAt: at, scope: 'passport' };
    expect(erasureAnswerProblem(medicalOnly, [passport])).toBe('erasure-partial');
    expect(
      erasureAnswerProblem(medicalOnly, [
        { clientId, status: 'cancelled', scheduledAt: at, scope: 'medical' },
      ]),
    ).toBe('erasure-missing');
    expect(
      erasureAnswerProblem(medicalOnly, [
        { clientId, status: 'executed', scheduledAt: T0 - 9 * DAY_MS, scope: 'medical' },
      ]),
    ).toBe('erasure-before-request');
    expect(
      erasureAnswerProblem(medicalOnly, [
        passport,
        { clientId, status: 'scheduled', scheduledAt: at, scope: 'medical' },
      ]),
    ).toBeUndefined();
    // 'client' named explicitly is the same as no scope.
    const whole = request({ type: 'erasure', erasureScope: 'client' });
    expect(
      erasureAnswerProblem(whole, [{ clientId, status: 'scheduled', scheduledAt: at, scope: 'medical' }]),
    ).toBe('erasure-partial');
  });

  it('a scope is only for an erasure request', () => {
    expect(requestProblem(request({ type: 'erasure', erasureScope: 'passport' }), T0)).toBeUndefined();
    expect(requestProblem(request({ type: 'disclosure', erasureScope: 'medical' }), T0)).toBe(
      'erasure-scope-not-for-type',
    );
  });
});
