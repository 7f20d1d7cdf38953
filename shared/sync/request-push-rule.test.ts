import { describe, expect, it } from 'vitest';
import type { DataSubjectRequest } from '../domain/request';
import { DAY_MS } from '../domain/request-rules';
import type { AnyDocument, PushCaller, PushFacts } from './push-rules';
import { requestRule } from './request-push-rule';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const NOW = Date.UTC(2026, 11, 1, 9);
const CLIENT = uuid(1);
const concierge: PushCaller = { staffId: uuid(10), deviceId: uuid(11), role: 'concierge' };
const manager: PushCaller = { staffId: uuid(20), deviceId: uuid(21), role: 'manager' };
const admin: PushCaller = { staffId: uuid(30), deviceId: uuid(31), role: 'admin' };

function facts(nationality?: string): PushFacts {
  const client = { id: CLIENT, names: { latin: 'C' }, nationality, assignedStaffIds: [], _deleted: false };
  return {
    document: async () => undefined,
    keyWrapsOfClient: async () => [],
    client: async (id) => (id === CLIENT ? { client, formerAssignees: [] } : undefined),
    clientHeld: async () => false,
    consentsOfClient: async () => [],
    notices: async () => [],
    deviceSignKey: async () => undefined,
    staffActive: async () => true,
    now: () => NOW,
  };
}

function logged(by: PushCaller, overrides: Partial<DataSubjectRequest> = {}): AnyDocument {
  const doc: DataSubjectRequest = {
    id: uuid(100),
    clientId: CLIENT,
    type: 'disclosure',
    channel: 'in-person',
    receivedAt: NOW - 1000,
    receivedBy: by.staffId,
    requester: { kind: 'client' },
    gdprBasis: 'none',
    dueAt: NOW - 1000 + 14 * DAY_MS,
    status: 'received',
    assignedStaffIds: [concierge.staffId],
    createdAt: NOW - 1000,
    updatedAt: NOW - 1000,
    ...overrides,
  };
  return { ...doc, _deleted: false } as unknown as AnyDocument;
}

const verified = { method: 'passport-in-person', outcome: 'verified', by: admin.staffId, at: NOW } as const;
const answer = { channel: 'email', summary: 'Sent', partial: false, by: admin.staffId, at: NOW } as const;
const push = (caller: PushCaller, next: AnyDocument, master?: AnyDocument, nationality?: string) =>
  requestRule({ caller, master, next, facts: facts(nationality) });

describe('the request register’s push rule', () => {
  it('lets a concierge log a received request in their own name, and nothing more', async () => {
    expect(await push(concierge, logged(concierge))).toBeUndefined();
    expect(await push(concierge, logged(admin))).toMatchObject({ reason: 'request-receiver-not-caller' });
    expect(await push(concierge, logged(concierge, { status: 'verifying' }))).toMatchObject({
      reason: 'request-logger-creates-only',
    });
    expect(await push(concierge, logged(concierge, { handlerId: admin.staffId }))).toMatchObject({
      reason: 'request-logger-creates-only',
    });
    // Nor plant what only handling records.
    for (const planted of [
      { action: { kind: 'use-ceased', purposes: ['marketing'], by: concierge.staffId, at: NOW } },
      { withdrawnAt: NOW },
      { withdrawalReason: 'no longer wanted' },
    ] as Array<Partial<DataSubjectRequest>>) {
      expect(await push(concierge, logged(concierge, planted))).toMatchObject({
        reason: 'request-logger-creates-only',
      });
    }
    const master = logged(concierge);
    expect(await push(concierge, { ...master, notes: 'more' }, master)).toMatchObject({
      reason: 'request-logger-creates-only',
    });
  });

  it('holds the deadline and the GDPR basis to the rule and the client as the server holds it', async () => {
    expect(await push(concierge, logged(concierge, { dueAt: NOW + 60 * DAY_MS }))).toMatchObject({
      reason: 'request-due-date',
    });
    expect(await push(concierge, logged(concierge), undefined, 'FR')).toMatchObject({
      reason: 'request-gdpr-basis',
    });
    const gdpr = logged(concierge, { gdprBasis: 'nationality', dueAt: NOW - 1000 + 30 * DAY_MS });
    expect(await push(concierge, gdpr, undefined, 'FR')).toBeUndefined();
    const residence = logged(concierge, {
      residenceCountry: 'DE',
      gdprBasis: 'residence',
      dueAt: NOW - 1000 + 30 * DAY_MS,
    });
    expect(await push(concierge, residence, undefined, 'US')).toBeUndefined();
  });

  it('lets the DPO move it forward, never back, and keeps what was recorded', async () => {
    const master = logged(concierge);
    const verifying = { ...master, status: 'verifying', verification: verified, handlerId: admin.staffId };
    expect(await push(admin, verifying, master)).toBeUndefined();
    // The manager answers in their own name, on the export made for the disclosure.
    const exports = [
      { by: admin.staffId, deviceId: admin.deviceId, at: NOW, schemaVersion: 1, sha256: 'a'.repeat(64) },
    ];
    const answered = {
      ...verifying,
      exports,
      status: 'answered',
      answer: { ...answer, by: manager.staffId },
    };
    expect(await push(manager, answered, { ...verifying, exports })).toBeUndefined();
    expect(await push(admin, { ...answered, status: 'in-progress' }, answered)).toMatchObject({
      reason: 'request-status-backwards',
    });
    expect(
      await push(admin, { ...answered, answer: { ...answer, summary: 'Other' } }, answered),
    ).toMatchObject({ reason: 'request-record-kept' });
    expect(await push(admin, { ...verifying, verification: undefined }, verifying)).toMatchObject({
      reason: 'request-record-kept',
    });
    expect(await push(admin, { ...master, type: 'erasure' }, master)).toMatchObject({
      reason: 'request-fixed-field',
    });
  });

  it('never deletes an entry, and its exports only grow', async () => {
    const master = logged(concierge);
    expect(await push(admin, { ...master, _deleted: true }, master)).toMatchObject({
      reason: 'request-not-deleted',
    });
    const record = {
      by: admin.staffId,
      deviceId: admin.deviceId,
      at: NOW,
      schemaVersion: 1,
      sha256: 'a'.repeat(64),
    };
    const exported = { ...master, exports: [record] };
    expect(await push(admin, exported, master)).toBeUndefined();
    expect(await push(admin, { ...exported, exports: [record, record] }, exported)).toBeUndefined();
    // Where the server knows which exports it served: only a record of an export this device fetched counts.
    const served = (yes: boolean): PushFacts => ({ ...facts(), exportedForRequest: async () => yes });
    expect(await requestRule({ caller: admin, master, next: exported, facts: served(true) })).toBeUndefined();
    expect(await requestRule({ caller: admin, master, next: exported, facts: served(false) })).toMatchObject({
      reason: 'request-export-not-made',
    });
    expect(await push(admin, { ...exported, exports: [] }, exported)).toMatchObject({
      reason: 'request-exports-grow',
    });
  });

  it('refuses an answer without a verified identity', async () => {
    const master = logged(concierge);
    expect(await push(admin, { ...master, status: 'answered', answer }, master)).toMatchObject({
      reason: 'request-not-verified',
    });
  });

  it('keeps who asks once their identity was checked: a representative cannot become the client', async () => {
    const representative = {
      kind: 'representative',
      name: 'A. Lawyer',
      relationship: 'attorney',
    } as DataSubjectRequest['requester'];
    const master = logged(admin, {
      requester: representative,
      status: 'verifying',
      verification: verified,
      handlerId: admin.staffId,
    });
    expect(
      await push(admin, { ...master, requester: { kind: 'client' }, status: 'in-progress' }, master),
    ).toMatchObject({ reason: 'request-requester-fixed' });
    // Nor before any check (issue 16 review F3: who asks is part of the receipt, as the requester's words are).
    const unchecked = logged(admin, { requester: representative });
    expect(await push(admin, { ...unchecked, requester: { kind: 'client' } }, unchecked)).toMatchObject({
      reason: 'request-requester-fixed',
    });
  });
});
