import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from './consent';
import type { DataSubjectRequest, RequestType } from './request';
import type { GROUNDS_BY_TYPE } from './request-evidence';
import { cessationActionProblem, liveConsentsFor } from './request-evidence';
import { DAY_MS, dueAtOf, mayExtend, RECEIVED_MAX_AGE_DAYS, requestProblem } from './request-rules';

const T0 = Date.UTC(2026, 11, 1, 9);
const STAFF = '00000000-0000-4000-8000-000000000010';
const CLIENT = '00000000-0000-4000-8000-000000000001';
const PARTNER = '00000000-0000-4000-8000-000000000077';
const verification = { method: 'passport-in-person', outcome: 'verified', by: STAFF, at: T0 } as const;
const answer = { channel: 'email', summary: 'Done', partial: false, by: STAFF, at: T0 } as const;

function request(overrides: Partial<DataSubjectRequest> = {}): DataSubjectRequest {
  const base: DataSubjectRequest = {
    id: '00000000-0000-4000-8100-000000000001',
    clientId: CLIENT,
    type: 'disclosure',
    channel: 'in-person',
    receivedAt: T0,
    receivedBy: STAFF,
    requester: { kind: 'client' },
    gdprBasis: 'none',
    dueAt: 0,
    status: 'received',
    assignedStaffIds: [STAFF],
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
  return { ...base, dueAt: dueAtOf(base) };
}

let n = 0;
function consent(fields: Partial<ConsentRecord>): ConsentRecord {
  n += 1;
  return {
    id: `00000000-0000-4000-8200-${n.toString().padStart(12, '0')}`,
    clientId: CLIENT,
    action: 'given',
    purpose: 'marketing',
    noticeId: STAFF,
    at: T0 - DAY_MS,
    recordedAt: T0 - DAY_MS,
    ...fields,
  } as ConsentRecord;
}

describe('an answer rests on what was done', () => {
  const answered = (type: RequestType, more: Partial<DataSubjectRequest> = {}) =>
    requestProblem(request({ type, status: 'answered', answer, verification, ...more }), T0);

  it('a disclosure on an export, a cessation or an erasure on its action; others on the answer alone', () => {
    expect(answered('disclosure')).toBe('answer-evidence-missing');
    expect(answered('provision-records')).toBe('answer-evidence-missing');
    expect(answered('cessation-of-use')).toBe('answer-evidence-missing');
    expect(answered('cessation-of-provision')).toBe('answer-evidence-missing');
    expect(answered('erasure')).toBe('answer-evidence-missing');
    const exports = [{ by: STAFF, deviceId: STAFF, at: T0, schemaVersion: 1, sha256: 'a'.repeat(64) }];
    expect(answered('disclosure', { exports })).toBeUndefined();
    const action = { by: STAFF, at: T0, consentRecordIds: [] };
    expect(answered('cessation-of-use', { action: { ...action, kind: 'use-ceased' } })).toBeUndefined();
    expect(answered('cessation-of-use', { action: { ...action, kind: 'provision-ceased' } })).toBe(
      'answer-evidence-missing',
    );
    expect(
      answered('cessation-of-provision', { action: { ...action, kind: 'provision-ceased' } }),
    ).toBeUndefined();
    expect(answered('erasure', { action: { ...action, kind: 'erasure-scheduled' } })).toBeUndefined();
    expect(answered('correction')).toBeUndefined();
    expect(answered('enquiry')).toBeUndefined();
  });

  it('a ground fits the type of request', () => {
    const refused = (type: RequestType, ground: (typeof GROUNDS_BY_TYPE)[RequestType][number]) =>
      requestProblem(
        request({ type, status: 'refused', refusal: { ground, reason: 'Why', by: STAFF, at: T0 } }),
        T0,
      );
    expect(refused('disclosure', 'legal-hold')).toBe('ground-not-for-type');
    expect(refused('erasure', 'appi-33-2-i-harm')).toBe('ground-not-for-type');
    expect(refused('consent-withdrawal', 'appi-35-no-ground')).toBe('ground-not-for-type');
    expect(refused('correction', 'appi-34-content-accurate')).toBeUndefined();
    expect(refused('erasure', 'legal-hold')).toBeUndefined();
    expect(refused('disclosure', 'appi-33-2-i-harm')).toBeUndefined();
    const partial = { ...answer, partial: true, ground: 'legal-hold' } as const;
    expect(answered('correction', { answer: partial })).toBe('ground-not-for-type');
  });
});

describe('the register’s times', () => {
  it('a withdrawal says why', () => {
    const withdrawn = request({ status: 'withdrawn', withdrawnAt: T0 });
    expect(requestProblem(withdrawn, T0)).toBe('withdrawal-missing');
    expect(requestProblem({ ...withdrawn, withdrawalReason: ' ' }, T0)).toBe('withdrawal-missing');
    expect(requestProblem({ ...withdrawn, withdrawalReason: 'Resolved by phone' }, T0)).toBeUndefined();
  });

  it('the one extension is added before the first deadline', () => {
    const gdpr = request({ gdprBasis: 'nationality' });
    const late = T0 + 30 * DAY_MS + 1;
    const extended = (at: number) => {
      const r = { ...gdpr, extension: { reason: 'Complex', by: STAFF, at } };
      return { ...r, dueAt: dueAtOf(r) };
    };
    expect(requestProblem(extended(T0 + 29 * DAY_MS), late)).toBeUndefined();
    expect(requestProblem(extended(late), late)).toBe('extension-late');
    expect(mayExtend(gdpr, T0 + 29 * DAY_MS)).toBe(true);
    expect(mayExtend(gdpr, late)).toBe(false);
    expect(mayExtend(request(), T0)).toBe(false);
  });

  it('the receipt is the date entered: not after the logging, not long before it', () => {
    const early = T0 - (RECEIVED_MAX_AGE_DAYS + 1) * DAY_MS;
    expect(requestProblem(request({ receivedAt: early }), T0)).toBe('received-too-early');
    const sixtyDaysAgo = request({ receivedAt: T0 - 60 * DAY_MS });
    expect(requestProblem(sixtyDaysAgo, T0)).toBeUndefined();
    expect(sixtyDaysAgo.dueAt).toBe(T0 - 46 * DAY_MS);
  });
});

describe('a cessation’s action on the ledger', () => {
  const marketing = consent({ purpose: 'marketing' });
  const medical = consent({ purpose: 'medical-data' });
  const provision = consent({ purpose: 'provision', partnerId: PARTNER, statedPurpose: 'Care' });
  const withdrawal = (of: ConsentRecord, at = T0 + 1000) =>
    consent({ action: 'withdrawn', purpose: of.purpose, refersTo: of.id, at, recordedAt: at });

  it('lists the consents in force for the purposes', () => {
    const ledger = [marketing, medical, provision, withdrawal(marketing)];
    expect(liveConsentsFor(ledger, CLIENT, ['marketing', 'medical-data'], T0 + 2000)).toEqual([medical]);
  });

  it('needs the withdrawals named, after the receipt, and nothing of the purposes left in force', () => {
    const w = withdrawal(marketing);
    const ceased = (ids: string[], purposes: ConsentRecord['purpose'][] = ['marketing']) =>
      request({
        type: 'cessation-of-use',
        action: { kind: 'use-ceased', purposes, consentRecordIds: ids, by: STAFF, at: T0 + 1000 },
      });
    expect(cessationActionProblem(ceased([w.id]), [marketing, w], T0 + 2000)).toBeUndefined();
    expect(cessationActionProblem(ceased([]), [marketing], T0 + 2000)).toBe('action-consent-live');
    expect(cessationActionProblem(ceased([marketing.id]), [marketing], T0 + 2000)).toBe(
      'action-records-unknown',
    );
    const before = withdrawal(marketing, T0 - 1000);
    expect(cessationActionProblem(ceased([before.id]), [marketing, before], T0 + 2000)).toBe(
      'action-records-unknown',
    );
    expect(cessationActionProblem(ceased([], []), [], T0)).toBe('action-purposes');
    const provisionCeased = request({
      type: 'cessation-of-provision',
      action: { kind: 'provision-ceased', consentRecordIds: [], by: STAFF, at: T0 },
    });
    expect(cessationActionProblem(provisionCeased, [provision], T0 + 2000)).toBe('action-consent-live');
    const wp = withdrawal(provision);
    expect(
      cessationActionProblem(
        { ...provisionCeased, action: { ...provisionCeased.action!, consentRecordIds: [wp.id] } },
        [provision, wp, marketing],
        T0 + 2000,
      ),
    ).toBeUndefined();
  });
});

describe('a consent withdrawal’s answer on the ledger (issue 16 review F4)', () => {
  const marketing = consent({ purpose: 'marketing' });
  const medical = consent({ purpose: 'medical-data' });
  const withdrawal = (of: ConsentRecord, at = T0 + 1000) =>
    consent({ action: 'withdrawn', purpose: of.purpose, refersTo: of.id, at, recordedAt: at });
  const withdrawing = (ids: string[], purposes: ConsentRecord['purpose'][]) =>
    request({
      type: 'consent-withdrawal',
      action: { kind: 'consent-withdrawn', purposes, consentRecordIds: ids, by: STAFF, at: T0 + 1000 },
    });

  it('is not answered on free text: it needs its action', () => {
    const answered = request({ type: 'consent-withdrawal', status: 'answered', answer, verification });
    expect(requestProblem(answered, T0)).toBe('answer-evidence-missing');
    const acted = { ...answered, action: withdrawing([], ['marketing']).action };
    expect(requestProblem(acted, T0)).toBeUndefined();
  });

  it('needs a withdrawal of each purpose named, recorded since the receipt, none left in force', () => {
    const wm = withdrawal(marketing);
    const wd = withdrawal(medical);
    const ledger = [marketing, medical, wm, wd];
    expect(
      cessationActionProblem(withdrawing([wm.id, wd.id], ['marketing', 'medical-data']), ledger, T0 + 2000),
    ).toBe(undefined);
    // Nothing in force, but no withdrawal of medical data named: the ledger does not show it was carried out.
    expect(
      cessationActionProblem(withdrawing([wm.id], ['marketing', 'medical-data']), ledger, T0 + 2000),
    ).toBe('action-withdrawal-missing');
    expect(cessationActionProblem(withdrawing([], ['marketing']), [], T0 + 2000)).toBe(
      'action-withdrawal-missing',
    );
    const earlier = withdrawal(marketing, T0 - 1000);
    expect(cessationActionProblem(withdrawing([earlier.id], ['marketing']), [marketing, earlier], T0)).toBe(
      'action-records-unknown',
    );
    expect(cessationActionProblem(withdrawing([], ['marketing']), [marketing], T0 + 2000)).toBe(
      'action-consent-live',
    );
  });
});
