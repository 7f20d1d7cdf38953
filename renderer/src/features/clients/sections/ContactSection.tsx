import { useTranslation } from 'react-i18next';
import { validateContact } from '../../../../../shared/index';
import { Field } from '../../../components/form/index';
import { RecordSection, useSectionForm, type SectionProps } from './RecordSection';

/** E-mail, phone (in the client's country unless it says otherwise) and postal address. */
export function ContactSection({ client, readOnly }: SectionProps) {
  const { t } = useTranslation();
  const form = useSectionForm(
    'contact',
    {
      email: client.contact?.email ?? '',
      phone: client.contact?.phone ?? '',
      address: client.contact?.address ?? '',
    },
    (v) => {
      const result = validateContact(v, { defaultCountry: client.nationality });
      return result.ok ? { ok: true, value: { contact: result.value } } : result;
    },
  );
  return (
    <RecordSection form={form} readOnly={readOnly}>
      <Field label={t('clientRecord.fields.email')} errors={form.errorsAt('contact.email')}>
        {(p) => <input {...p} type="email" {...form.bind('email')} />}
      </Field>
      <Field
        label={t('clientRecord.fields.phone')}
        hint={t('clientRecord.fields.phoneHint')}
        errors={form.errorsAt('contact.phone')}
      >
        {(p) => <input {...p} type="tel" {...form.bind('phone')} />}
      </Field>
      <Field label={t('clientRecord.fields.address')} errors={form.errorsAt('contact.address')}>
        {(p) => <textarea {...p} rows={3} {...form.bind('address')} />}
      </Field>
    </RecordSection>
  );
}
