import { useTranslation } from 'react-i18next';
import { writeScope, type Client } from '../../../../shared/index';
import { FormSettingsProvider } from '../../components/form/index';
import { useSession } from '../../session/index';
import { AssignmentSection } from './sections/AssignmentSection';
import { ContactSection } from './sections/ContactSection';
import { EmergencySection } from './sections/EmergencySection';
import { IdentitySection } from './sections/IdentitySection';
import { LifestyleSection } from './sections/LifestyleSection';
import { PassportSection } from './sections/PassportSection';
import { PreferencesSection } from './sections/PreferencesSection';
import { useStaffChoices } from './staff-choices';

/**
 * The client's record: names, nationality, date of birth, languages, contact, passport (with a warning when it
 * does not last the trip), travel preferences, emergency contacts, lifestyle, status and assigned staff. Each
 * section (sections/*) is validated by the shared validators and saved on its own; nothing is saved while a
 * field is wrong.
 */
export function ClientProfile({ client }: { client: Client }) {
  const { t } = useTranslation();
  const { identity: who } = useSession();
  const scope = writeScope(who.role, 'clients');
  const args = { client, readOnly: scope === 'none' };
  const staff = useStaffChoices();
  return (
    <FormSettingsProvider errorPrefix="clientRecord.errors" classes={{ field: 'record-field' }}>
      <div className="client-record" aria-label={t('clientRecord.heading')}>
        {args.readOnly && <p className="muted">{t('clientRecord.readOnly')}</p>}
        <IdentitySection {...args} />
        <ContactSection {...args} />
        <PassportSection {...args} />
        <PreferencesSection {...args} />
        <EmergencySection {...args} />
        <LifestyleSection {...args} />
        <AssignmentSection
          {...args}
          staff={staff}
          me={who.staffId}
          myName={who.displayName}
          keepSelf={scope === 'assigned'}
        />
      </div>
    </FormSettingsProvider>
  );
}
