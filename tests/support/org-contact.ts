import { ORG_CONTACT_ID, type OrgContact, type OrgContactDetails } from '../../shared/domain/org-settings';
import type { TestOrganisation } from './organisation';

/** The contact a spec gives the organisation, as stored (E.164), with what the print shows of it. */
export const TEST_ORG_CONTACT = {
  phone: '+81352001234',
  email: 'concierge@lumina.example',
  address: { en: '1-1 Marunouchi, Chiyoda-ku, Tokyo', ja: '東京都千代田区丸の内1-1' },
  emergencyPhone: '+819012345678',
} as const satisfies OrgContactDetails;
export const TEST_ORG_PHONE_SHOWN = '+81 3 5200 1234';
export const TEST_ORG_EMERGENCY_SHOWN = '+81 90 1234 5678';

/**
 * Saves the organisation's contact as its admin (a push to `orgSettings`), over whatever another spec of the
 * worker's organisation saved before.
 */
export async function setOrgContact(
  organisation: TestOrganisation,
  contact: OrgContactDetails = TEST_ORG_CONTACT,
): Promise<void> {
  const now = Date.now();
  const record: OrgContact = {
    id: ORG_CONTACT_ID,
    kind: 'org-contact',
    contact,
    updatedBy: organisation.adminId,
    assignedStaffIds: [],
    createdAt: now,
    updatedAt: now,
  };
  const doc = record as unknown as Record<string, unknown>;
  let pushed = await organisation.pushAsAdmin('orgSettings', [doc]);
  const conflicts = pushed.status === 200 ? (JSON.parse(pushed.body) as Record<string, unknown>[]) : [];
  if (conflicts[0]) {
    const master = conflicts[0];
    const updatedAt = Math.max(now, Number(master.updatedAt) + 1);
    pushed = await organisation.pushAsAdmin(
      'orgSettings',
      [{ ...doc, createdAt: master.createdAt, updatedAt }],
      [master],
    );
  }
  if (pushed.status !== 200 || pushed.body !== '[]') {
    throw new Error(`saving the organisation contact: HTTP ${pushed.status} ${pushed.body}`);
  }
}
