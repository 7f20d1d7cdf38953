import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../domain/consent';
import type { DataSubjectRequest } from '../domain/request';
import { DAY_MS, dueAtOf } from '../domain/request-rules';
import type { AnyDocument, PushCaller, PushFacts } from './push-rules';
import { requestRule } from './request-push-rule';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const NOW = Date.UTC(2026, 11, 1, 9);
const CLIENT = uuid(1);
const concierge: PushCaller = { staffId: uuid(10), deviceId: uuid(11), role: 'concierge' };
const manager: PushCaller = { staffId: uuid(20), deviceId: uuid(21), role: 'manager' };
const admin: PushCaller = { staffId: uuid(30), deviceId: uuid(31), role: 'admin' };

interface Held {
  ledger?: ConsentRecord[];
  erasures?: Array<{ status: string; reference?: string; scheduledAt: number; scope?: string }>;
  now?: number;
}

function facts(held: Held = {}): PushFacts {
  const client = {
    id: CLIENT,
    names: { latin: 'C' },
    nationality: 'FR',
    assignedStaffIds: [],
    _deleted: false,
  };
  return {
    document: async () => undefined,
    keyWrapsOfClient: async () => [],
    client: async (id) => (id === CLIENT ? { client, formerAssignees: [] } : undefined),
    clientHeld: async () => false,
    consentsOfClient: async () => held.ledger ?? [],
    notices: async () => [],
    deviceSignKey: async () => undefined,
    staffActive: async () => true,
    now: () => held.now ?? NOW,
    erasuresOfClient: async () => held.erasures ?? [],
  };
}

function doc(overrides: Partial<DataSubjectRequest> = {}): AnyDocument {
  const base: DataSubjectRequest = {
    id: uuid(100),
    clientId: CLIENT,
    type: 'disclosure',
    channel: 'in-person',
    receivedAt: NOW - 1000,
    receivedBy: concierge.staffId,
    requester: { kind: 'client' },
    gdprBasis: 'nationality',
    dueAt: 0,
    status: 'received',
    assignedStaffIds: [concierge.staffId],
    createdAt: NOW - 1000,
    updatedAt: NOW - 1000,
    ...overrides,
  };
  return { ...base, dueAt: dueAtOf(base), _deleted: false } as unknown as AnyDocument;
}

const verified = (by: PushCaller) =>
  ({ method: 'passport-in-person', outcome: 'verified', by: by.staffId, at: NOW }) as const;
const answerBy = (by: PushCaller) =>
  ({ channel: 'email', summary: 'Done', partial: false, by: by.staffId, at: NOW }) as const;
const push = (caller: PushCaller, next: AnyDocument, master?: AnyDocument, held?: Held) =>
  requestRule({ caller, master, next, facts: facts(held) });

describe('the register’s records are the caller’s', () => {
  it('refuses a verification, an answer, a handler or an export in another person’s name', async () => {
    const master = doc();
    expect(
      await push(manager, { ...master, status: 'verifying', verification: verified(admin) }, master),
    ).toMatchObject({ reason: 'request-recorded-by-other' });
    expect(
      await push(manager, { ...master, status: 'verifying', verification: verified(manager) }, master),
    ).toBeUndefined();
    expect(await push(manager, { ...master, handlerId: admin.staffId }, master)).toMatchObject({
      reason: 'request-recorded-by-other',
    });
    const record = {
      by: admin.staffId,
      deviceId: manager.deviceId,
      at: NOW,
      schemaVersion: 1,
      sha256: 'a'.repeat(64),
    };
    expect(await push(admin, { ...master, exports: [record] }, master)).toMatchObject({
      reason: 'request-recorded-by-other',
    });
    expect(
      await push(admin, { ...master, exports: [{ ...record, deviceId: admin.deviceId }] }, master),
    ).toBeUndefined();
    const verifying = { ...master, status: 'verifying', verification: verified(admin) };
    const refusal = { ground: 'identity-not-verified', reason: 'No ID', by: admin.staffId, at: NOW };
    expect(await push(manager, { ...verifying, status: 'refused', refusal }, verifying)).toMatchObject({
      reason: 'request-recorded-by-other',
    });
    expect(
      await push(
        manager,
        { ...master, status: 'verifying', verification: { ...verified(manager), at: NOW + DAY_MS } },
        master,
      ),
    ).toMatchObject({ reason: 'request-recorded-in-future' });
  });

  it('adds the extension only before the first deadline, on the server’s clock', async () => {
    const master = doc();
    const extension = { reason: 'Complex', by: admin.staffId, at: NOW + 29 * DAY_MS };
    const extended = doc({ extension });
    const late = { now: NOW + 31 * DAY_MS };
    expect(await push(admin, extended, master, { now: NOW + 29 * DAY_MS })).toBeUndefined();
    expect(await push(admin, extended, master, late)).toMatchObject({ reason: 'request-extension-late' });
  });

  it('refuses a withdrawal without its reason, and a ground that does not fit the request', async () => {
    const master = doc();
    expect(await push(admin, { ...master, status: 'withdrawn', withdrawnAt: NOW }, master)).toMatchObject({
      reason: 'request-withdrawal-missing',
    });
    const refusal = { ground: 'legal-hold', reason: 'Held', by: admin.staffId, at: NOW };
    expect(await push(admin, { ...master, status: 'refused', refusal }, master)).toMatchObject({
      reason: 'request-ground-not-for-type',
    });
  });

  it('takes the receipt as entered, within bounds', async () => {
    expect(await push(concierge, doc({ receivedAt: NOW - 20 * DAY_MS }))).toBeUndefined();
    expect(await push(concierge, doc({ receivedAt: NOW - 100 * DAY_MS }))).toMatchObject({
      reason: 'request-received-too-early',
    });
    expect(await push(concierge, doc({ receivedAt: NOW + DAY_MS, createdAt: NOW + DAY_MS }))).toMatchObject({
      reason: 'request-received-in-future',
    });
  });
});

describe('an answer rests on what the server holds', () => {
  const marketing = {
    id: uuid(500),
    clientId: CLIENT,
    action: 'given',
    purpose: 'marketing',
    noticeId: uuid(2),
    at: NOW - DAY_MS,
    recordedAt: NOW - DAY_MS,
  } as unknown as ConsentRecord;
  const withdrawal = {
    ...marketing,
    id: uuid(501),
    action: 'withdrawn',
    refersTo: marketing.id,
    at: NOW - 500,
    recordedAt: NOW - 500,
  } as ConsentRecord;

  it('a cessation of use: its withdrawals in the ledger, its purposes no longer in force', async () => {
    const action = {
      kind: 'use-ceased' as const,
      purposes: ['marketing' as const],
      consentRecordIds: [withdrawal.id],
      by: admin.staffId,
      at: NOW,
    };
    const acting = doc({
      type: 'cessation-of-use',
      status: 'in-progress',
      verification: verified(admin),
      action,
    });
    const answered = { ...acting, status: 'answered', answer: answerBy(admin) };
    expect(await push(admin, answered, acting, { ledger: [marketing] })).toMatchObject({
      reason: 'request-action-records-unknown',
    });
    expect(await push(admin, answered, acting, { ledger: [marketing, withdrawal] })).toBeUndefined();
    const noAction = doc({ type: 'cessation-of-use', status: 'in-progress', verification: verified(admin) });
    expect(
      await push(admin, { ...noAction, status: 'answered', answer: answerBy(admin) }, noAction),
    ).toMatchObject({ reason: 'request-answer-evidence-missing' });
  });

  it('a consent withdrawal: a withdrawal of each purpose named in the ledger, not the answer’s words', async () => {
    const acting = doc({ type: 'consent-withdrawal', status: 'in-progress', verification: verified(admin) });
    expect(
      await push(admin, { ...acting, status: 'answered', answer: answerBy(admin) }, acting),
    ).toMatchObject({ reason: 'request-answer-evidence-missing' });
    const action = {
      kind: 'consent-withdrawn' as const,
      purposes: ['marketing' as const],
      consentRecordIds: [] as string[],
      by: admin.staffId,
      at: NOW,
    };
    const named = { ...acting, action };
    const answered = { ...named, status: 'answered', answer: answerBy(admin) };
    expect(await push(admin, answered, named, { ledger: [] })).toMatchObject({
      reason: 'request-action-withdrawal-missing',
    });
    expect(await push(admin, answered, named, { ledger: [marketing] })).toMatchObject({
      reason: 'request-action-consent-live',
    });
    const withWithdrawal = { ...acting, action: { ...action, consentRecordIds: [withdrawal.id] } };
    expect(
      await push(admin, { ...withWithdrawal, status: 'answered', answer: answerBy(admin) }, withWithdrawal, {
        ledger: [marketing, withdrawal],
      }),
    ).toBeUndefined();
  });

  it('an erasure: scheduled on the server', async () => {
    const action = { kind: 'erasure-scheduled', by: admin.staffId, at: NOW } as const;
    const acting = doc({ type: 'erasure', status: 'in-progress', verification: verified(admin), action });
    const answered = { ...acting, status: 'answered', answer: answerBy(admin) };
    expect(await push(admin, answered, acting)).toMatchObject({ reason: 'request-action-erasure-missing' });
    expect(
      await push(admin, answered, acting, { erasures: [{ status: 'scheduled', scheduledAt: NOW }] }),
    ).toBeUndefined();
  });

  it('an erasure of a request naming no scope: of the whole client, not of its passport or medical section alone', async () => {
    const action = { kind: 'erasure-scheduled', by: admin.staffId, at: NOW } as const;
    const acting = doc({ type: 'erasure', status: 'in-progress', verification: verified(admin), action });
    const answered = { ...acting, status: 'answered', answer: answerBy(admin) };
    const passport = { status: 'executed', scheduledAt: NOW, scope: 'passport' };
    const medical = { status: 'scheduled', scheduledAt: NOW, scope: 'medical' };
    expect(await push(admin, answered, acting, { erasures: [passport, medical] })).toMatchObject({
      reason: 'request-action-erasure-partial',
    });
    // The whole client's, with a partial one scheduled after it (the latest is not the one that answers).
    const whole = { status: 'scheduled', scheduledAt: NOW - 1000 };
    expect(await push(admin, answered, acting, { erasures: [medical, whole] })).toBeUndefined();
  });

  it('an erasure of a scoped request: of exactly that scope, or of the whole client', async () => {
    const action = { kind: 'erasure-scheduled', by: admin.staffId, at: NOW } as const;
    const acting = doc({
      type: 'erasure',
      erasureScope: 'medical',
      status: 'in-progress',
      verification: verified(admin),
      action,
    });
    const answered = { ...acting, status: 'answered', answer: answerBy(admin) };
    const passport = { status: 'executed', scheduledAt: NOW, scope: 'passport' };
    const medical = { status: 'scheduled', scheduledAt: NOW, scope: 'medical' };
    expect(await push(admin, answered, acting, { erasures: [passport] })).toMatchObject({
      reason: 'request-action-erasure-partial',
    });
    expect(await push(admin, answered, acting, { erasures: [passport, medical] })).toBeUndefined();
    expect(
      await push(admin, answered, acting, { erasures: [{ status: 'scheduled', scheduledAt: NOW }] }),
    ).toBeUndefined();
    expect(
      await push(admin, answered, acting, { erasures: [{ ...medical, status: 'cancelled' }] }),
    ).toMatchObject({ reason: 'request-action-erasure-missing' });
  });

  it("an erasure request's scope: only on an erasure request, and fixed once logged", async () => {
    const erasure = doc({
      type: 'erasure',
      erasureScope: 'medical',
      status: 'in-progress',
      verification: verified(admin),
    });
    expect(await push(admin, { ...erasure, erasureScope: 'client' }, erasure)).toMatchObject({
      reason: 'request-fixed-field',
    });
    const unscoped: AnyDocument = { ...erasure };
    delete unscoped.erasureScope;
    expect(await push(admin, unscoped, erasure)).toMatchObject({ reason: 'request-fixed-field' });
    const disclosure = doc({ type: 'disclosure', status: 'in-progress', verification: verified(admin) });
    expect(await push(admin, { ...disclosure, erasureScope: 'medical' }, disclosure)).toMatchObject({
      reason: 'request-erasure-scope-not-for-type',
    });
  });

  it('an erasure: scheduled since the request was received, not cancelled', async () => {
    const action = { kind: 'erasure-scheduled', by: admin.staffId, at: NOW } as const;
    const acting = doc({
      type: 'erasure',
      status: 'in-progress',
      verification: verified(admin),
      action,
      receivedAt: NOW - 2 * DAY_MS,
      createdAt: NOW - 2 * DAY_MS,
    });
    const answered = { ...acting, status: 'answered', answer: answerBy(admin) };
    // Scheduled (or carried out) a week before the request reached the company: another decision's erasure.
    for (const status of ['scheduled', 'executed']) {
      expect(
        await push(admin, answered, acting, { erasures: [{ status, scheduledAt: NOW - 7 * DAY_MS }] }),
      ).toMatchObject({ reason: 'request-action-erasure-before-request' });
    }
    expect(
      await push(admin, answered, acting, { erasures: [{ status: 'executed', scheduledAt: NOW - DAY_MS }] }),
    ).toBeUndefined();
  });

  it('an export only on an open disclosure request', async () => {
    const record = {
      by: admin.staffId,
      deviceId: admin.deviceId,
      at: NOW,
      schemaVersion: 1,
      sha256: 'a'.repeat(64),
    };
    const erasure = doc({ type: 'erasure', status: 'in-progress', verification: verified(admin) });
    expect(await push(admin, { ...erasure, exports: [record] }, erasure)).toMatchObject({
      reason: 'request-export-not-for-export',
    });
    const verifying = doc({ type: 'provision-records', status: 'verifying', verification: verified(admin) });
    expect(await push(admin, { ...verifying, exports: [record] }, verifying)).toBeUndefined();
    const answeredBefore = { ...verifying, status: 'answered', answer: answerBy(admin), exports: [record] };
    expect(
      await push(admin, { ...answeredBefore, exports: [record, { ...record, at: NOW + 1 }] }, answeredBefore),
    ).toMatchObject({ reason: 'request-export-closed' });
    // Built, then answered: one push from the open request.
    expect(
      await push(
        admin,
        { ...verifying, status: 'answered', answer: answerBy(admin), exports: [record] },
        verifying,
      ),
    ).toBeUndefined();
  });

  it('a disclosure: an export made for it', async () => {
    const verifying = doc({ status: 'verifying', verification: verified(admin) });
    expect(
      await push(admin, { ...verifying, status: 'answered', answer: answerBy(admin) }, verifying),
    ).toMatchObject({ reason: 'request-answer-evidence-missing' });
  });
});
