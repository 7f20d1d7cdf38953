import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenDevice } from '../../auth/device-access';
import type { Session } from '../../session';
import { useAccount } from '../../state/account';
import { ClientDetail } from './ClientDetail';
import { ClientList } from './ClientList';
import { NewClientForm } from './NewClientForm';
import { useStaffChoices } from './staff-choices';
import './clients.css';

/** The clients section: the list (with adding a client), or one client's record. */
export function ClientsScreen({ device }: { device: OpenDevice<Session> }) {
  const { t } = useTranslation();
  const [openId, setOpenId] = useState<string | undefined>();
  // The server's latest word on who is signed in (a role change shows at once), else what the unlock said.
  const who = useAccount((account) => account.identity) ?? device.identity;
  const staff = useStaffChoices(device);
  if (openId !== undefined) {
    return <ClientDetail clientId={openId} device={device} onBack={() => setOpenId(undefined)} />;
  }
  return (
    <section aria-labelledby="clients-heading">
      <h2 id="clients-heading">{t('clients.heading')}</h2>
      <NewClientForm store={device.session.store} staffId={who.staffId} role={who.role} />
      <ClientList
        store={device.session.store}
        onOpen={setOpenId}
        staff={Array.isArray(staff) ? staff : undefined}
        me={who}
      />
    </section>
  );
}
