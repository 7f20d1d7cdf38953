import { useEffect, useState } from 'react';
import type { Role } from '../../../../shared/index';
import type { OpenDevice } from '../../auth/device-access';
import { useSession, type Session } from '../../session/index';

/** A staff member one may assign to a client. */
export interface StaffChoice {
  staffId: string;
  displayName: string;
  role: Role;
}

/** The part of the session's staff directory (auth/staff-directory.ts, when the session has one) read here. */
interface DirectoryLike {
  entries(): { staffId: string; displayName: string; role: Role; status: string }[];
}

/**
 * Who can be assigned, from the best source at hand: the session's staff directory (cached on the device, so it
 * works offline) when the session has one, else the server's staff list through the staff client. Undefined
 * while unknown or when neither answers; the picker then shows assigned staff by id.
 */
export async function loadStaffChoices(device: OpenDevice<Session>): Promise<StaffChoice[] | undefined> {
  const directory = (device.session as Session & { directory?: DirectoryLike }).directory;
  if (directory !== undefined) {
    return directory
      .entries()
      .filter((entry) => entry.status !== 'revoked')
      .map(({ staffId, displayName, role }) => ({ staffId, displayName, role }));
  }
  try {
    const staff = await device.staff.staff();
    return staff
      .filter((member) => member.status !== 'revoked')
      .map(({ id, displayName, role }) => ({ staffId: id, displayName, role }));
  } catch {
    return undefined;
  }
}

/**
 * loadStaffChoices for the open session, as React state: undefined until (and unless) a source answers; loaded
 * again whenever the directory changes (the server announces staff changes on the live stream), so a person
 * approved while the record is open can be assigned without leaving it.
 */
export function useStaffChoices(): StaffChoice[] | undefined | 'unavailable' {
  const { device } = useSession();
  const [choices, setChoices] = useState<StaffChoice[] | undefined | 'unavailable'>();
  useEffect(() => {
    let live = true;
    const load = () =>
      void loadStaffChoices(device).then((loaded) => {
        if (live) setChoices(loaded ?? 'unavailable');
      });
    load();
    const changes = (device.session as Session & { directory?: DirectoryChanges }).directory?.entries$;
    const subscription = changes?.subscribe(load);
    return () => {
      live = false;
      subscription?.unsubscribe();
    };
  }, [device]);
  return choices;
}

/** The directory's change notifications, when the session has a directory. */
interface DirectoryChanges {
  entries$: { subscribe(next: () => void): { unsubscribe(): void } };
}
