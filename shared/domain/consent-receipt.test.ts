import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from './consent';
import { canShareWith, canWriteMedical, consentStatus, namedConsent } from './consent-ledger';
import { asReceived, judgedAt } from './consent-receipt';

const CLIENT = '00000000-0000-4000-8000-000000000001';
const PARTNER = '00000000-0000-4000-8aaa-000000000001';
const DAY = 24 * 60 * 60 * 1000;
const id = (n: number) => `00000000-0000-4000-a000-${n.toString(16).padStart(12, '0')}`;

function rec(n: number, extra: Partial<ConsentRecord> = {}): ConsentRecord {
  const at = extra.at ?? 20 * DAY;
  return {
    id: id(n),
    clientId: CLIENT,
    action: 'given',
    purpose: 'provision',
    partnerId: PARTNER,
    purposeCode: 'treatment-arrangement',
    noticeId: id(500),
    noticeVersion: 'v1',
    noticeHash: '1'.repeat(64),
    language: 'en',
    method: 'signed-paper',
    at,
    recordedBy: id(900),
    deviceId: id(901),
    recordedAt: at,
    signature: 'A'.repeat(86),
    assignedStaffIds: [],
    ...extra,
  };
}
const JAPAN = { id: PARTNER, country: 'JP', inJapan: true };

describe('a consent record judged from its receipt by the server', () => {
  const T = 30 * DAY;
  const consent = rec(1);
  // Dated (and recorded, by the device's clock) before T; the server received it after T.
  const withdrawal = rec(2, {
    action: 'withdrawn',
    refersTo: consent.id,
    at: T - 5 * DAY,
    purposeCode: undefined,
  });
  const receipts = new Map([
    [consent.id, 20 * DAY + 60_000],
    [withdrawal.id, T + DAY],
  ]);

  it('counts a record from its stated date or its receipt, whichever is later; never changes what is stored', () => {
    expect(judgedAt(consent, receipts)).toBe(20 * DAY + 60_000);
    expect(judgedAt(rec(3, { at: 40 * DAY }), new Map([[id(3), 39 * DAY]]))).toBe(40 * DAY);
    // No receipt held (stored before receipts were kept): from its recording.
    expect(judgedAt(rec(4, { at: DAY, recordedAt: 2 * DAY }), new Map())).toBe(2 * DAY);
    const judged = asReceived([consent, withdrawal], receipts);
    expect(judged[1]!.at).toBe(T + DAY);
    expect(withdrawal.at).toBe(T - 5 * DAY);
  });

  it('does not let a withdrawal dated before T, received after T, defeat the gate checked at T', () => {
    expect(canShareWith([consent, withdrawal], CLIENT, JAPAN, T)).toMatchObject({ ok: false });
    expect(canShareWith(asReceived([consent, withdrawal], receipts), CLIENT, JAPAN, T)).toMatchObject({
      ok: true,
      provision: { id: consent.id },
    });
    // From its receipt on, the withdrawal ends the consent.
    const later = asReceived([consent, withdrawal], receipts);
    expect(canShareWith(later, CLIENT, JAPAN, T + DAY)).toMatchObject({ ok: false });
  });

  it('does not let a consent dated before T, received after T, make an act at T lawful', () => {
    const late = rec(5, {
      purpose: 'medical-data',
      partnerId: undefined,
      purposeCode: undefined,
      at: T - DAY,
    });
    const received = new Map([[late.id, T + 3 * DAY]]);
    expect(canWriteMedical([late], [], CLIENT, T)).toMatchObject({ ok: true });
    expect(canWriteMedical(asReceived([late], received), [], CLIENT, T)).toMatchObject({
      ok: false,
      reason: 'no-consent',
    });
    expect(namedConsent(asReceived([late], received), late.id, T)).toEqual({ state: 'missing' });
    expect(canWriteMedical(asReceived([late], received), [], CLIENT, T + 3 * DAY)).toMatchObject({
      ok: true,
    });
  });

  it('names the same consent in force now, of two for one key received in the other order', () => {
    const older = rec(7, { at: T - 3 * DAY });
    const newer = rec(8, { at: T - 2 * DAY });
    // The newer (by the client's date) reached the server first.
    const received = new Map([
      [newer.id, T - DAY],
      [older.id, T],
    ]);
    const now = T + DAY;
    expect(canShareWith([older, newer], CLIENT, JAPAN, now)).toMatchObject({ provision: { id: newer.id } });
    expect(canShareWith(asReceived([older, newer], received), CLIENT, JAPAN, now)).toMatchObject({
      provision: { id: newer.id, at: T - DAY },
    });
  });

  it('judges the present as the stated dates do, once every record is received', () => {
    const now = T + 2 * DAY;
    const ledger = [consent, withdrawal, rec(6, { at: T - DAY, recordedAt: T - DAY })];
    const all = new Map([...receipts, [id(6), T + 2 * DAY]]);
    const key = { clientId: CLIENT, purpose: 'provision' as const, partnerId: PARTNER };
    const ids = (status: ReturnType<typeof consentStatus>) => [status.live?.id, status.withdrawal?.id];
    expect(ids(consentStatus(asReceived(ledger, all), key, now))).toEqual(
      ids(consentStatus(ledger, key, now)),
    );
  });
});
