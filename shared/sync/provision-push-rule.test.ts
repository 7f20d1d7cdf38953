import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../domain/consent';
import type { Provision } from '../domain/provision';
import { shareItems } from '../domain/share-fields';
import type { ShareRequest } from '../domain/share-request';
import { deliveredProvisionRule, PROVIDED_BY_DELIVERY_ONLY, provisionRule } from './provision-push-rule';
import type { AnyDocument, PushCaller, PushFacts } from './push-rules';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const NOW = Date.UTC(2026, 11, 7, 9, 0);
const CLIENT = uuid(1);
const PARTNER = uuid(77);
const requester: PushCaller = { staffId: uuid(30), deviceId: uuid(31), role: 'concierge' };
const approver: PushCaller = { staffId: uuid(40), deviceId: uuid(41), role: 'manager' };
const other: PushCaller = { staffId: uuid(50), deviceId: uuid(51), role: 'coordinator' };

const consent = (id: number, fields: Partial<ConsentRecord> = {}): ConsentRecord =>
  ({
    id: uuid(id),
    clientId: CLIENT,
    action: 'given',
    purpose: 'provision',
    partnerId: PARTNER,
    statedPurpose: 'Treatment',
    noticeId: uuid(900),
    noticeVersion: '1',
    noticeHash: '0'.repeat(64),
    language: 'en',
    method: 'signed-paper',
    at: NOW - 5000,
    recordedBy: requester.staffId,
    deviceId: requester.deviceId,
    recordedAt: NOW - 5000,
    assignedStaffIds: [requester.staffId],
    ...fields,
  }) as ConsentRecord;
const share = (fields: Partial<ShareRequest> = {}): ShareRequest => ({
  id: uuid(500),
  clientId: CLIENT,
  partnerName: 'Kyoto Clinic',
  partnerId: PARTNER,
  partnerCountry: 'JP',
  purpose: 'Treatment',
  fields: ['names', 'medical.allergies'],
  tripId: uuid(600),
  tripItemId: uuid(601),
  status: 'approved',
  requestedBy: requester.staffId,
  requestedAt: NOW - 3000,
  decidedBy: approver.staffId,
  decidedAt: NOW - 2000,
  ...fields,
});

function facts(
  held: { share?: ShareRequest; ledger?: ConsentRecord[]; delivered?: string[]; docs?: AnyDocument[] } = {},
): PushFacts {
  const partner = { id: PARTNER, country: 'JP', _deleted: false };
  const docs = [partner, ...(held.docs ?? [])] as AnyDocument[];
  return {
    document: async (_collection, id) => docs.find((doc) => doc.id === id),
    keyWrapsOfClient: async () => [],
    client: async () => undefined,
    clientHeld: async () => false,
    consentsOfClient: async () => held.ledger ?? [consent(1)],
    notices: async () => [],
    deviceSignKey: async () => undefined,
    staffActive: async () => true,
    now: () => NOW,
    shareRequest: async (id) => ((held.share ?? share()).id === id ? (held.share ?? share()) : undefined),
    providedOfShare: async () => held.delivered ?? [],
  };
}

const provided = (by: PushCaller, fields: Partial<Provision> = {}): AnyDocument =>
  ({
    id: uuid(700),
    clientId: CLIENT,
    kind: 'provided',
    partnerId: PARTNER,
    at: NOW,
    items: shareItems(['names', 'medical.allergies']),
    shareId: uuid(500),
    requestedBy: requester.staffId,
    approvedBy: approver.staffId,
    consentId: uuid(1),
    packageId: uuid(800),
    packageHash: 'ab'.repeat(32),
    recordedBy: by.staffId,
    recordedAt: NOW,
    assignedStaffIds: [requester.staffId],
    _deleted: false,
    ...fields,
  }) as AnyDocument;
const received = (by: PushCaller): AnyDocument =>
  ({
    id: uuid(701),
    clientId: CLIENT,
    kind: 'received',
    partnerId: PARTNER,
    at: NOW,
    items: [{ key: 'results', label: { en: 'Test results', ja: '検査結果' } }],
    obtainedHow: 'Blood tests the clinic ran',
    recordedBy: by.staffId,
    recordedAt: NOW,
    assignedStaffIds: [requester.staffId],
    _deleted: false,
  }) as AnyDocument;

describe('the provision ledger’s push rule', () => {
  it('refuses a new provided record through sync, even a correct one from the requester or the approver', async () => {
    for (const by of [requester, approver, other]) {
      expect(
        await provisionRule({ caller: by, master: undefined, next: provided(by), facts: facts() }),
      ).toEqual({
        rule: 'provision',
        reason: PROVIDED_BY_DELIVERY_ONLY,
      });
    }
    // The same record passes the delivery route's check: the refusal is about the way it came, not what it is.
    const next = provided(requester);
    expect(await deliveredProvisionRule({ caller: requester, master: undefined, next, facts: facts() })).toBe(
      undefined,
    );
  });

  it('lets a held provided record be sent again unchanged, never changed nor deleted', async () => {
    const held = provided(requester);
    const f = facts({ docs: [held] });
    expect(
      await provisionRule({ caller: requester, master: held, next: { ...held }, facts: f }),
    ).toBeUndefined();
    for (const next of [
      { ...held, packageHash: 'cd'.repeat(32) },
      { ...held, _deleted: true },
    ]) {
      expect(await provisionRule({ caller: approver, master: held, next, facts: f })).toMatchObject({
        reason: 'provision-record-immutable',
      });
    }
    // Receipts and destruction notices still come through sync.
    expect(await provisionRule({ caller: other, master: undefined, next: received(other), facts: f })).toBe(
      undefined,
    );
    const told = {
      ...received(other),
      id: uuid(702),
      kind: 'destroy-notified',
      refersTo: held.id,
      items: undefined,
      obtainedHow: undefined,
    };
    const clean = Object.fromEntries(Object.entries(told).filter(([, v]) => v !== undefined)) as AnyDocument;
    expect(await provisionRule({ caller: other, master: undefined, next: clean, facts: f })).toBeUndefined();
  });

  it('checks, on the delivery route, the record against the share, its people, items and consents', async () => {
    const cases: Array<[PushCaller, AnyDocument, PushFacts, string]> = [
      [requester, provided(requester), facts({ share: share({ status: 'pending' }) }), 'share-not-approved'],
      [requester, provided(requester, { at: NOW - 2500 }), facts(), 'before-approval'],
      [requester, provided(requester), facts({ delivered: [uuid(699)] }), 'share-already-delivered'],
      [requester, provided(requester, { partnerId: uuid(78) }), facts(), 'partner-unknown'],
      [requester, provided(requester, { clientId: uuid(2) }), facts(), 'share-mismatch'],
      [
        requester,
        provided(requester, { approvedBy: requester.staffId }),
        facts(),
        'requester-approver-mismatch',
      ],
      [other, provided(other), facts(), 'delivered-by-other'],
      [requester, provided(requester, { items: shareItems(['names']) }), facts(), 'items-mismatch'],
      [requester, provided(requester), facts({ ledger: [] }), 'consent-missing'],
      [requester, provided(requester, { consentId: uuid(2) }), facts(), 'consent-mismatch'],
      [requester, provided(approver), facts(), 'recorder-not-caller'],
      [requester, provided(requester, { at: NOW + 3_600_000 }), facts(), 'in-future'],
    ];
    for (const [caller, next, f, reason] of cases) {
      expect(await deliveredProvisionRule({ caller, master: undefined, next, facts: f }), reason).toEqual({
        rule: 'provision',
        reason: `provision-${reason}`,
      });
    }
    const relabelled = shareItems(['names', 'medical.allergies']).map((item, i) =>
      i === 0 ? { ...item, label: { en: 'Something else', ja: item.label.ja } } : item,
    );
    expect(
      await deliveredProvisionRule({
        caller: requester,
        master: undefined,
        next: provided(requester, { items: relabelled }),
        facts: facts(),
      }),
    ).toMatchObject({ reason: 'provision-items-label-mismatch' });
    // The route writes deliveries only: no other kind, no change of a held record.
    expect(
      await deliveredProvisionRule({
        caller: other,
        master: undefined,
        next: received(other),
        facts: facts(),
      }),
    ).toMatchObject({ reason: 'provision-not-a-delivery' });
    const held = provided(requester);
    expect(
      await deliveredProvisionRule({ caller: requester, master: held, next: { ...held }, facts: facts() }),
    ).toMatchObject({ reason: 'provision-not-a-delivery' });
  });
});
