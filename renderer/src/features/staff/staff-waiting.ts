import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/index';
import { useSession } from '../../session/index';
import type { WaitingItem } from '../today/waiting';

/** How often the number of devices waiting for approval is asked again (the Staff screen polls faster). */
const POLL_MS = 30_000;

/**
 * Devices waiting for approval, for roles that approve them: one line with their count. Offline, the last count
 * known stays (a failed fetch changes nothing).
 */
export function useDeviceApprovalsWaiting(): WaitingItem[] {
  const { t } = useTranslation();
  const { staff, identity } = useSession();
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
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [staff, approves]);
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
