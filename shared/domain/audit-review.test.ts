import { describe, expect, it } from 'vitest';
import type { AuditEvent } from './audit';
import { reviewedIds, reviewTarget, unusualAccess } from './audit-review';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const AIKO = uuid(0xa1);
const BEN = uuid(0xb1);
// 2026-12-07 10:00 in Tokyo (01:00 UTC).
const MONDAY_10 = Date.UTC(2026, 11, 7, 1, 0);
const HOUR = 3_600_000;
let n = 0;
const entry = (
  staffId: string,
  clientId: string,
  at: number,
  kind: AuditEvent['kind'] = 'medical-unsealed',
): AuditEvent => ({
  id: uuid(++n),
  kind,
  staffId,
  deviceId: uuid(0xd1),
  clientId,
  fields: ['history'],
  at,
  seq: n,
  assignedStaffIds: [staffId],
});
const assignees = (clientId: string) => (clientId === uuid(1) ? [AIKO] : [BEN]);
const week = { from: MONDAY_10 - 10 * HOUR, to: MONDAY_10 + 7 * 24 * HOUR };

describe('unusualAccess', () => {
  it('finds a person opening many medical sections of clients not assigned to them', () => {
    const entries = [uuid(2), uuid(3), uuid(4), uuid(5)].map((c, i) => entry(AIKO, c, MONDAY_10 + i * HOUR));
    entries.push(entry(AIKO, uuid(1), MONDAY_10));
    const found = unusualAccess(entries, assignees, week);
    expect(found).toEqual([
      expect.objectContaining({
        id: `outside-assignment:${AIKO}`,
        count: 4,
        clientIds: [uuid(2), uuid(3), uuid(4), uuid(5)],
      }),
    ]);
    expect(unusualAccess(entries.slice(1), assignees, week)).toEqual([]);
  });

  it('finds out-of-hours bulk views in the organisation’s time zone, and ignores what is not a view', () => {
    // 23:00 in Tokyo.
    const late = MONDAY_10 + 13 * HOUR;
    const entries = Array.from({ length: 6 }, (_, i) => entry(AIKO, uuid(1), late + i * 60_000));
    expect(unusualAccess(entries, assignees, week).map((u) => [u.kind, u.count])).toEqual([
      ['out-of-hours', 6],
    ]);
    const unlocks = Array.from({ length: 9 }, (_, i) => entry(AIKO, uuid(1), late + i, 'unlocked'));
    expect(unusualAccess(unlocks, assignees, week)).toEqual([]);
    expect(unusualAccess(entries, assignees, { from: 0, to: late })).toEqual([]);
  });

  it('decides "out of hours" by the server’s receipt time where it has one, not the device’s clock', () => {
    // Viewed at 23:00 in Tokyo by the server's clock, on a device whose clock says 14:00.
    const night = MONDAY_10 + 13 * HOUR;
    const entries = Array.from({ length: 6 }, (_, i) => entry(AIKO, uuid(1), MONDAY_10 + 4 * HOUR + i));
    const received = new Map(entries.map((e, i) => [e.id, night + i * 1000]));
    expect(unusualAccess(entries, assignees, week)).toEqual([]);
    expect(
      unusualAccess(entries, assignees, week, (id) => received.get(id)).map((u) => [u.kind, u.count]),
    ).toEqual([['out-of-hours', 6]]);
    // And the other way: a device clock set to the night does not flag views the server received by day.
    const byDay = entries.map((e) => ({ ...e, at: night }));
    const receivedByDay = new Map(byDay.map((e) => [e.id, MONDAY_10 + 1000]));
    expect(unusualAccess(byDay, assignees, week, (id) => receivedByDay.get(id))).toEqual([]);
  });

  it('reads what was marked reviewed from the review entries of the week', () => {
    const review: AuditEvent = {
      ...entry(BEN, uuid(1), MONDAY_10, 'review'),
      target: reviewTarget('2026-12-07'),
      fields: [`out-of-hours:${AIKO}`],
    };
    const roles = (id: string) => (id === BEN ? 'admin' : 'concierge');
    expect(reviewedIds([review], '2026-12-07', roles)).toEqual(new Set([`out-of-hours:${AIKO}`]));
    expect(reviewedIds([review], '2026-11-30', roles).size).toBe(0);
  });

  it('counts only marks by a role that may review, and never a mark of one’s own finding', () => {
    const mark = (by: string, fields: string[]): AuditEvent => ({
      ...entry(by, uuid(1), MONDAY_10, 'review'),
      target: reviewTarget('2026-12-07'),
      fields,
    });
    const findings = [`outside-assignment:${AIKO}`, `out-of-hours:${BEN}`];
    // Aiko (a concierge, or a manager: read-only) marks her own finding and Ben's: neither counts.
    for (const role of ['concierge', 'coordinator', 'manager'] as const) {
      expect(reviewedIds([mark(AIKO, findings)], '2026-12-07', () => role).size).toBe(0);
    }
    // Nor a mark by someone the directory does not know.
    expect(reviewedIds([mark(AIKO, findings)], '2026-12-07', () => undefined).size).toBe(0);
    // Ben is the admin: his mark counts for Aiko's finding, not for his own.
    const roles = (id: string) => (id === BEN ? 'admin' : 'concierge');
    expect(reviewedIds([mark(BEN, findings)], '2026-12-07', roles)).toEqual(new Set([findings[0]]));
    expect(reviewedIds([mark(AIKO, findings), mark(BEN, findings)], '2026-12-07', roles)).toEqual(
      new Set([findings[0]]),
    );
  });
});
