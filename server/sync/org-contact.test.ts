import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/index';
import { ORG_CONTACT_ID, type OrgContact } from '../../shared/domain/org-settings';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';

/**
 * Issue 23: the organisation's contact (the printed itinerary's phone, e-mail, address and emergency number) is
 * written by the admin alone, in the form's format; every other push is refused and leaves the stored rows as
 * they were.
 */

for (const engine of testEngines) {
  describe(`the organisation's contact, enforced by the server on ${engine.name}`, () => {
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

    const stored = () =>
      handle.db.query<{ id: string; seq: string; deleted: boolean; data: unknown }>(
        `SELECT id, seq::text AS seq, deleted, data FROM sync_documents WHERE collection = 'orgSettings' ORDER BY id`,
      );
    const contact = (as: TestStaff, fields: Partial<OrgContact> = {}) => ({
      id: ORG_CONTACT_ID,
      kind: 'org-contact',
      contact: { phone: '+81312345678', emergencyPhone: '+819012345678', address: { en: 'Tokyo' } },
      updatedBy: as.staffId,
      assignedStaffIds: [],
      createdAt: 1,
      updatedAt: 1,
      ...fields,
      _deleted: false,
    });
    const push = (as: TestStaff, rows: object[]) =>
      server.app.inject({
        method: 'POST',
        url: '/sync/orgSettings/push',
        headers: as.headers,
        payload: rows,
      });
    async function refused(as: TestStaff, rows: object[], expected: { status: number; reason?: string }) {
      const before = await stored();
      const res = await push(as, rows);
      expect(res.statusCode, res.body).toBe(expected.status);
      if (expected.reason) expect(res.json()).toMatchObject({ reason: expected.reason });
      expect(await stored()).toEqual(before);
    }

    it('stores the admin’s contact, then refuses what breaks its rules, changing nothing', async () => {
      const first = contact(staff.admin);
      const saved = await push(staff.admin, [{ newDocumentState: first }]);
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json()).toEqual([]);
      const [row] = await stored();
      expect(row).toMatchObject({ id: ORG_CONTACT_ID, deleted: false, data: { contact: first.contact } });

      const next = (fields: Partial<OrgContact>) => [
        { assumedMasterState: first, newDocumentState: contact(staff.admin, { updatedAt: 2, ...fields }) },
      ];
      for (const role of ['concierge', 'coordinator', 'manager'] as const) {
        await refused(staff[role], [{ assumedMasterState: first, newDocumentState: contact(staff[role]) }], {
          status: 403,
        });
      }
      await refused(staff.admin, next({ contact: { phone: '+8112' } }), {
        status: 403,
        reason: 'org-contact-details',
      });
      await refused(staff.admin, next({ updatedBy: staff.manager.staffId }), {
        status: 403,
        reason: 'org-contact-not-caller',
      });
      await refused(
        staff.admin,
        [{ assumedMasterState: first, newDocumentState: { ...first, _deleted: true } }],
        {
          status: 403,
          reason: 'org-contact-not-deleted',
        },
      );
      // The schema's bounds: an address longer than the form allows, a number not in E.164.
      await refused(staff.admin, next({ contact: { address: { en: 'x'.repeat(301) } } }), { status: 400 });
      await refused(staff.admin, next({ contact: { emergencyPhone: '090-1234-5678' } }), { status: 400 });

      const changed = contact(staff.admin, { updatedAt: 2, contact: { email: 'office@lumina.example' } });
      const again = await push(staff.admin, [{ assumedMasterState: first, newDocumentState: changed }]);
      expect(again.statusCode, again.body).toBe(200);
      expect((await stored())[0]).toMatchObject({ data: { contact: { email: 'office@lumina.example' } } });
    });
  });
}
