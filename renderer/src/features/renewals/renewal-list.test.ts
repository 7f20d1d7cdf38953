import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import type { PrivacyNotice } from '../../../../shared/domain/privacy-notice';
import { clientsNeedingRenewal, renewalList } from './renewal-list';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const DAY = 86_400_000;

const notice = (n: number, effectiveAt: number, substantial = false): PrivacyNotice => ({
  id: uuid(900 + n),
  kind: 'privacy-notice',
  version: `v${n}`,
  effectiveAt,
  summary: `Version ${n}`,
  substantial,
  ...(substantial ? { renewalDeadline: effectiveAt + 30 * DAY } : {}),
  texts: [{ language: 'en', text: `Policy ${n}`, sha256: String(n).repeat(64).slice(0, 64) }],
  publishedBy: uuid(999),
  assignedStaffIds: [],
  createdAt: 0,
  updatedAt: 0,
});

let next = 0;
const record = (
  clientId: string,
  action: ConsentRecord['action'],
  notice: PrivacyNotice,
  at: number,
  extra: Partial<ConsentRecord> = {},
): ConsentRecord => ({
  id: uuid(++next),
  clientId,
  action,
  purpose: 'medical-data',
  noticeId: notice.id,
  noticeVersion: notice.version,
  noticeHash: notice.texts[0]!.sha256,
  language: 'en',
  method: 'signed-paper',
  at,
  recordedBy: uuid(500),
  deviceId: uuid(600),
  recordedAt: at,
  assignedStaffIds: [],
  ...extra,
});

const v1 = notice(1, 0);
const v2 = notice(2, 100 * DAY, true);
const notices = [v1, v2];
const [ann, ben, cho, dai, eve] = [uuid(1), uuid(2), uuid(3), uuid(4), uuid(5)];

describe('renewalList', () => {
  const ledger = [
    record(ann, 'given', v1, 10 * DAY),
    record(ben, 'given', v1, 10 * DAY),
    // Marketing is not medical: no renewal.
    record(cho, 'given', v1, 10 * DAY, { purpose: 'marketing' }),
    // Given under the new version already.
    record(dai, 'given', v2, 101 * DAY),
  ];
  const withdrawn = record(eve, 'given', v1, 10 * DAY);
  ledger.push(withdrawn, record(eve, 'withdrawn', v1, 20 * DAY, { refersTo: withdrawn.id }));

  it('is empty before the substantial version takes effect', () => {
    expect(renewalList(ledger, notices, 100 * DAY - 1)).toEqual([]);
  });

  it('lists clients whose live medical consent cites an older version, with the deadline', () => {
    const list = renewalList(ledger, notices, 100 * DAY);
    expect(list.map((entry) => [entry.clientId, entry.state, entry.overdue, entry.need.notice.id])).toEqual([
      [ann, 'to-tell', false, v2.id],
      [ben, 'to-tell', false, v2.id],
    ]);
    expect(list[0]!.need.deadline).toBe(130 * DAY);
    expect(clientsNeedingRenewal(list)).toEqual(new Set([ann, ben]));
  });

  it('follows what was recorded: told, refused, renewed; overdue after the deadline', () => {
    const told = record(ann, 'informed', v2, 101 * DAY, { method: 'email' });
    const refusal = record(ben, 'refused', v2, 102 * DAY);
    let list = renewalList([...ledger, told, refusal], notices, 103 * DAY);
    expect(list.map((entry) => [entry.clientId, entry.state])).toEqual([
      [ann, 'told'],
      [ben, 'refused'],
    ]);
    expect(list[0]!.informed).toBe(told);
    expect(list[1]!.refused).toBe(refusal);

    const renewed = record(ann, 'given', v2, 104 * DAY);
    list = renewalList([...ledger, told, refusal, renewed], notices, 131 * DAY);
    expect(list.map((entry) => [entry.clientId, entry.state, entry.overdue])).toEqual([
      [ben, 'refused', true],
    ]);
  });

  it('treats a legacy consent (unknown version) as older than every version', () => {
    const legacy = record(cho, 'given', v1, 5 * DAY, {
      noticeId: '00000000-0000-0000-0000-000000000000',
      legacy: true,
    });
    expect(renewalList([legacy], notices, 100 * DAY).map((entry) => entry.clientId)).toEqual([cho]);
  });
});
