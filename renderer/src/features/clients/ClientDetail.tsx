import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLeaveGuard } from '../../components/form/index';
import { Tabs } from '../../components/Tabs';
import { ConsentsPanel } from '../consents/ConsentsPanel';
import { ClientAccessPanel } from '../audit/ClientAccessPanel';
import { MedicalPanel } from '../medical/MedicalPanel';
import { TripsPanel } from '../trips/TripsPanel';
import { EraseDialog } from '../erasure/EraseDialog';
import { mayErase } from '../erasure/erasure-data';
import { useSession } from '../../session/index';
import { SharePanel } from '../shares/SharePanel';
import { useClient } from './client-data';
import { ClientProfile } from './ClientProfile';

const TABS = ['profile', 'consents', 'medical', 'itinerary', 'sharing'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL = {
  profile: 'clientRecord.heading',
  consents: 'consents.heading',
  medical: 'medical.heading',
  itinerary: 'trips.heading',
  sharing: 'shares.tab',
};

/** One client's record, section by section; follows the local store live (sync included). */
export function ClientDetail({ clientId, onBack }: { clientId: string; onBack(): void }) {
  const { t } = useTranslation();
  const client = useClient(clientId);
  const [tab, setTab] = useState<Tab>('profile');
  const guard = useLeaveGuard();
  const { identity } = useSession();
  const [erasing, setErasing] = useState(false);
  // Opening a record moves the focus to its name, so keyboard and screen-reader users start where the content is.
  const focused = useRef(false);
  const focusOnOpen = useCallback((heading: HTMLHeadingElement | null) => {
    if (heading && !focused.current) {
      focused.current = true;
      heading.focus();
    }
  }, []);

  return (
    <section className="client-detail" aria-labelledby="client-detail-heading">
      <button type="button" className="secondary small" onClick={() => guard(onBack)}>
        {t('clientDetail.back')}
      </button>
      {client === null && <p className="muted">{t('clientDetail.notFound')}</p>}
      {client && (
        <>
          <h2 id="client-detail-heading" tabIndex={-1} ref={focusOnOpen}>
            {client.names.latin}
          </h2>
          {mayErase(identity.role) && !erasing && (
            <button type="button" className="danger small" onClick={() => setErasing(true)}>
              {t('erasure.erase')}
            </button>
          )}
          {erasing && (
            <EraseDialog client={client} onClose={(done) => (done ? onBack() : setErasing(false))} />
          )}
          <Tabs
            label={t('clientDetail.tabsLabel', { name: client.names.latin })}
            tabs={TABS}
            current={tab}
            title={(name) => t(TAB_LABEL[name])}
            onSelect={(name) => guard(() => setTab(name))}
          >
            {tab === 'profile' && <ClientProfile client={client} />}
            {tab === 'consents' && <ConsentsPanel client={client} />}
            {tab === 'medical' && <MedicalPanel client={client} />}
            {tab === 'medical' && <ClientAccessPanel clientId={client.id} />}
            {tab === 'itinerary' && <TripsPanel client={client} />}
            {tab === 'sharing' && <SharePanel client={client} />}
          </Tabs>
        </>
      )}
    </section>
  );
}
