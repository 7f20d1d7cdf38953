import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/index';
import { ClientDetail } from './ClientDetail';
import { ClientList } from './ClientList';
import { NewClientForm } from './NewClientForm';
import { useStaffChoices } from './staff-choices';
import './clients.css';

/** The clients section: the list (with adding a client), or one client's record. */
export function ClientsScreen() {
  const { t } = useTranslation();
  const { identity } = useSession();
  const [openId, setOpenId] = useState<string | undefined>();
  const staff = useStaffChoices();
  if (openId !== undefined) {
    return <ClientDetail clientId={openId} onBack={() => setOpenId(undefined)} />;
  }
  return (
    <section aria-labelledby="clients-heading">
      <h2 id="clients-heading">{t('clients.heading')}</h2>
      <NewClientForm />
      <ClientList onOpen={setOpenId} staff={Array.isArray(staff) ? staff : undefined} me={identity} />
    </section>
  );
}
