import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type SessionIdentity } from '../../../../shared/index';
import { useSession } from '../../session/index';
import { InviteForm } from './InviteForm';
import { PendingApprovals } from './PendingApprovals';
import { StaffList } from './StaffList';

/** Staff and devices: each panel appears only for a role the permission table gives it to. */
export function StaffScreen() {
  const { t } = useTranslation();
  const { staff, identity } = useSession();
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  return (
    <section aria-labelledby="staff-heading" className="staff-screen">
      <h2 id="staff-heading">{t('staff.heading')}</h2>
      {can(identity.role, 'approveDevices') && <PendingApprovals staff={staff} onDecided={changed} />}
      {can(identity.role, 'manageStaff') && (
        <InviteForm staff={staff} role={identity.role} onInvited={changed} />
      )}
      {(can(identity.role, 'manageStaff') || can(identity.role, 'approveDevices')) && (
        <StaffList
          staff={staff}
          role={identity.role}
          selfId={identity.staffId}
          selfDeviceId={identity.deviceId}
          version={version}
        />
      )}
    </section>
  );
}

/** Whether a role sees the Staff section at all. */
export function seesStaff(identity: SessionIdentity | undefined): boolean {
  return (
    identity !== undefined && (can(identity.role, 'manageStaff') || can(identity.role, 'approveDevices'))
  );
}
