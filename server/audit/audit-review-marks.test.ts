import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSodium, type StaffIdentity } from '../../shared/crypto/index';
import { EMPTY_CHAIN, chainNextEntry } from '../../shared/crypto/audit-chain';
import { reviewedIds } from '../../shared/domain/audit-review';
import type { AuditEvent } from '../../shared/domain/audit';
import type { Role } from '../../shared/index';
import { pushAs } from '../../tests/support/server/permission-documents';
import { testEngines } from '../../tests/support/server/engines';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import { decodeBase64Url } from '../../shared/crypto/encoding';
import type { LuminaServer } from '../app';

const sodium = await loadSodium();
const signerOf = (staff: TestStaff) =>
  ({
    staffId: staff.deviceId,
    signSecretKey: staff.keys.signSecretKey,
    signPublicKey: decodeBase64Url(staff.keys.registration.signPublicKey)!,
  }) as StaffIdentity;
const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const WEEK = '2026-12-07';

/** The first entry of `who`'s chain: a mark of `findings` reviewed for WEEK. */
function reviewBy(who: TestStaff, findings: string[], n: number): AuditEvent {
  return chainNextEntry(
    sodium,
    EMPTY_CHAIN,
    {
      id: id(n),
      kind: 'review',
      staffId: who.staffId,
      deviceId: who.deviceId,
      target: `week:${WEEK}`,
      fields: findings,
      at: 1_790_000_000_000 + n,
      assignedStaffIds: [who.staffId],
    },
    signerOf(who),
  ).entry;
}

/**
 * The weekly review's marks (docs/audit.md, "Who may mark the weekly review"): the server takes a review entry only
 * from the DPO's role; a mark forged on any other device is refused and counts for nothing.
 */
for (const engine of testEngines) {
  describe(`weekly review marks, on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    it('refuses a review mark from every role but the DPO’s, and holds the DPO’s', async () => {
      const own = (who: TestStaff) => [`outside-assignment:${who.staffId}`];
      let n = 1;
      for (const role of ['concierge', 'coordinator', 'manager'] as const) {
        const res = await pushAs(server, staff[role], 'auditEvents', [
          { ...reviewBy(staff[role], own(staff[role]), n++), _deleted: false },
        ]);
        expect(res.statusCode, role).toBe(403);
        expect(res.json()).toMatchObject({ reason: 'audit-review-not-permitted' });
      }
      const mark = reviewBy(staff.admin, own(staff.concierge), n);
      const res = await pushAs(server, staff.admin, 'auditEvents', [{ ...mark, _deleted: false }]);
      expect(res.statusCode, res.body).toBe(200);
      const pulled = await server.app.inject({
        method: 'GET',
        url: '/sync/auditEvents/pull?after=0&limit=1000',
        headers: staff.admin.headers,
      });
      const held = pulled
        .json<{ documents: (AuditEvent & { _deleted?: boolean })[] }>()
        .documents.filter((entry) => entry.kind === 'review')
        .map(({ _deleted, ...entry }) => (void _deleted, entry as AuditEvent));
      expect(held.map((entry) => entry.id)).toEqual([mark.id]);
      const roleOf = (staffId: string) =>
        Object.values(staff).find((member) => member.staffId === staffId)?.role;
      expect(reviewedIds(held, WEEK, roleOf)).toEqual(new Set(own(staff.concierge)));
    });
  });
}
