import { useTranslation } from 'react-i18next';
import {
  orgContactDraft,
  validateOrgContact,
  type OrgContactDetails,
} from '../../../../shared/domain/org-settings';
import { ErrorSummary, Field, FormSettingsProvider, SavedNote, useForm } from '../../components/form/index';
import { useMayEditOrgSettings, useOrgContact, useOrgContactCommands } from './org-contact-data';
import './settings.css';

/**
 * The organisation's contact (issue 23), a section of the admin's Organisation screen: the office's phone, e-mail
 * and address (in English and Japanese: the itinerary is printed in either) and the 24-hour emergency number.
 */
export function OrgContactSection() {
  const { t } = useTranslation();
  const contact = useOrgContact();
  return (
    <section className="org-contact panel" aria-labelledby="org-contact-heading">
      <h3 id="org-contact-heading">{t('orgContact.heading')}</h3>
      <p className="muted">{t('orgContact.intro')}</p>
      {contact === undefined ? (
        <p className="muted">{t('orgContact.loading')}</p>
      ) : (
        <FormSettingsProvider errorPrefix="orgContact.errors" firstErrorOnly>
          <OrgContactForm contact={contact} />
        </FormSettingsProvider>
      )}
    </section>
  );
}

function OrgContactForm({ contact }: { contact: OrgContactDetails }) {
  const { t } = useTranslation();
  const { save } = useOrgContactCommands();
  const editable = useMayEditOrgSettings();
  const form = useForm({ initial: () => orgContactDraft(contact), validate: validateOrgContact, save });
  const phone = (field: 'phone' | 'emergencyPhone', id: string) => (
    <Field
      id={id}
      label={t(`orgContact.${field}`)}
      hint={t('orgContact.phoneHint')}
      errors={form.errorsAt(field)}
    >
      {(control) => <input {...control} type="tel" autoComplete="off" {...form.bind(field)} />}
    </Field>
  );
  return (
    <form onSubmit={form.submit} noValidate onChange={form.clearOutcome}>
      <fieldset disabled={!editable || form.saving} className="org-contact-fields">
        {phone('phone', 'org-contact-phone')}
        {phone('emergencyPhone', 'org-contact-emergency')}
        <Field
          id="org-contact-address-en"
          label={t('orgContact.addressEn')}
          hint={t('orgContact.addressHint')}
          errors={form.errorsAt('address.en')}
        >
          {(control) => <textarea {...control} lang="en" rows={4} {...form.bind('addressEn')} />}
        </Field>
        <Field
          id="org-contact-address-ja"
          label={t('orgContact.addressJa')}
          hint={t('orgContact.addressHint')}
          errors={form.errorsAt('address.ja')}
        >
          {(control) => <textarea {...control} lang="ja" rows={4} {...form.bind('addressJa')} />}
        </Field>
        <Field id="org-contact-email" label={t('orgContact.email')} errors={form.errorsAt('email')}>
          {(control) => <input {...control} type="email" autoComplete="off" {...form.bind('email')} />}
        </Field>
        {editable && (
          <div className="record-actions">
            <button type="submit">{form.saving ? t('orgContact.saving') : t('orgContact.save')}</button>
            <SavedNote form={form}>{t('orgContact.saved')}</SavedNote>
          </div>
        )}
      </fieldset>
      <ErrorSummary
        form={form}
        invalid={t('orgContact.notSaved')}
        failed={(code) => t('orgContact.saveFailed', { code })}
      />
    </form>
  );
}
