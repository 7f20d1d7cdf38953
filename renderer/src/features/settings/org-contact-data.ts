import { useEffect, useMemo, useState } from 'react';
import {
  ORG_CONTACT_ID,
  type OrgContact,
  type OrgContactDetails,
} from '../../../../shared/domain/org-settings';
import { writeScope } from '../../../../shared/index';
import { useSession } from '../../session/session-context';
import type { LocalStore } from '../../store/local-store';

/**
 * The organisation settings feature's data layer: the only code of the feature that touches the local store. The
 * organisation's contact is the `orgSettings` record of kind `org-contact` (shared/domain/org-settings.ts), synced
 * to every device and read offline (the printed itinerary carries it); the admin alone saves it.
 */

/** The organisation's contact details, live: undefined while loading, `{}` when none was saved. */
export function useOrgContact(): OrgContactDetails | undefined {
  const { store } = useSession();
  const [contact, setContact] = useState<OrgContactDetails | undefined>();
  useEffect(() => {
    const subscription = store.orgSettings.findOne(ORG_CONTACT_ID).$.subscribe((doc) => {
      const data = doc?.toJSON() as Partial<OrgContact> | undefined;
      setContact(data?.kind === 'org-contact' ? data.contact : {});
    });
    return () => subscription.unsubscribe();
  }, [store]);
  return contact;
}

/** Saves the details (as `validateOrgContact` gave them), in `staffId`'s name. */
export async function saveOrgContact(
  store: Pick<LocalStore, 'orgSettings'>,
  staffId: string,
  contact: OrgContactDetails,
  now = Date.now(),
): Promise<void> {
  const doc = await store.orgSettings.findOne(ORG_CONTACT_ID).exec();
  if (!doc) {
    const record: OrgContact = {
      id: ORG_CONTACT_ID,
      kind: 'org-contact',
      contact,
      updatedBy: staffId,
      assignedStaffIds: [],
      createdAt: now,
      updatedAt: now,
    };
    await store.orgSettings.insert(record);
    return;
  }
  await doc.incrementalModify((data) => {
    const current = data as OrgContact;
    return { ...current, contact, updatedBy: staffId, updatedAt: Math.max(current.updatedAt + 1, now) };
  });
}

/** Whether this person may change the organisation's settings (the admin: shared/auth/roles.ts). */
export function useMayEditOrgSettings(): boolean {
  const { identity } = useSession();
  return writeScope(identity.role, 'orgSettings') !== 'none';
}

/** The save command bound to the open session. */
export function useOrgContactCommands(): { save(contact: OrgContactDetails): Promise<void> } {
  const { store, identity } = useSession();
  return useMemo(
    () => ({ save: (contact: OrgContactDetails) => saveOrgContact(store, identity.staffId, contact) }),
    [store, identity.staffId],
  );
}
