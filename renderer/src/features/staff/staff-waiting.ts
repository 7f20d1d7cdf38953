import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/index';
import { useSession } from '../../session/index';
import type { WaitingItem } from '../today/waiting';

/** How often the number of devices waiting for approval is asked again (the Staff screen polls faster). */
const POLL_MS = 30_000;

/**
 * Devices waiting for approval, for roles that approve them: one line with their count, asked again at once when the
 * server announces a change of staff or devices (a device asking to join is one), and every POLL_MS besides (an
 * announcement missed while the stream reconnected). Offline, the last count known stays (a failed fetch changes
 * nothing).
 */
export function useDeviceApprovalsWaiting(): WaitingItem[] {
  const { t } = useTranslation();
  const { staff, identity, device } = useSession();
  const approves = can(identity.role, 'approveDevices');
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!approves) return;
    let live = true;
    const fetchCount = () =>
      staff.pendingEnrolments().then(
        (list) => live && setCount(list.length),
        () => undefined,
      );
    void fetchCount();
    const timer = setInterval(() => void fetchCount(), POLL_MS);
    const announced = device.session.directoryChanges$.subscribe(() => void fetchCount());
    return () => {
      live = false;
      clearInterval(timer);
      announced.unsubscribe();
    };
  }, [staff, approves, device]);
  if (!approves || count === 0) return [];
  return [
    {
      id: 'device-approvals',
      text: t('today.deviceApprovals', { count }),
      count,
      state: 'waiting',
      section: 'staff',
    },
  ];
}
