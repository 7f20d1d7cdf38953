import { useTranslation } from 'react-i18next';
import { NoticesSection } from '../notices/NoticesSection';
import { OrgContactSection } from './OrgContactSection';
import './settings.css';

/**
 * The admin's (DPO's) organisation settings, one screen with a section each: the versions of the privacy notice
 * (features/notices) and the organisation's contact and emergency number printed on itineraries.
 */
export function OrganisationScreen() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="organisation-heading" className="organisation-screen">
      <h2 id="organisation-heading">{t('organisation.heading')}</h2>
      <p className="muted">{t('organisation.intro')}</p>
      <NoticesSection />
      <OrgContactSection />
    </section>
  );
}
