import { useTranslation } from 'react-i18next';
import { EMERGENCY_CONTACTS_MAX, validateEmergencyContacts } from '../../../../../shared/index';
import { Field, FieldErrorText } from '../../../components/form/index';
import { RecordSection, useSectionForm, type SectionProps } from './RecordSection';
import { EmptyState } from '../../../components/EmptyState';

interface ContactRow {
  name: string;
  relationship: string;
  phone: string;
  email: string;
}

const EMPTY_ROW: ContactRow = { name: '', relationship: '', phone: '', email: '' };

/** Up to EMERGENCY_CONTACTS_MAX people to call, each with name, relationship, phone and e-mail. */
export function EmergencySection({ client, readOnly }: SectionProps) {
  const { t } = useTranslation();
  const form = useSectionForm(
    'emergency',
    {
      rows: (client.emergencyContacts ?? []).map((contact): ContactRow => ({
        name: contact.name,
        relationship: contact.relationship,
        phone: contact.phone,
        email: contact.email ?? '',
      })),
    },
    ({ rows }) => {
      const result = validateEmergencyContacts(rows, { defaultCountry: client.nationality });
      if (!result.ok) return result;
      return { ok: true, value: { emergencyContacts: result.value.length > 0 ? result.value : undefined } };
    },
  );
  const rows = form.values.rows;
  const setRow = (index: number, patch: Partial<ContactRow>) =>
    form.set({ rows: rows.map((row, i) => (i === index ? { ...row, ...patch } : row)) });
  const input = (index: number, key: keyof ContactRow) => ({
    value: rows[index]![key],
    onChange: (e: { target: { value: string } }) => setRow(index, { [key]: e.target.value }),
  });
  return (
    <RecordSection form={form} readOnly={readOnly}>
      {rows.length === 0 && <EmptyState>{t('clientRecord.emergency.none')}</EmptyState>}
      {rows.map((_, index) => {
        const at = `emergencyContacts.${index}`;
        const number = index + 1;
        return (
          <fieldset key={index} className="emergency-contact">
            <legend>{t('clientRecord.emergency.contact', { number })}</legend>
            <Field label={t('clientRecord.fields.contactName')} errors={form.errorsAt(`${at}.name`)}>
              {(p) => <input {...p} {...input(index, 'name')} />}
            </Field>
            <Field label={t('clientRecord.fields.relationship')} errors={form.errorsAt(`${at}.relationship`)}>
              {(p) => <input {...p} {...input(index, 'relationship')} />}
            </Field>
            <Field label={t('clientRecord.fields.contactPhone')} errors={form.errorsAt(`${at}.phone`)}>
              {(p) => <input {...p} type="tel" {...input(index, 'phone')} />}
            </Field>
            <Field label={t('clientRecord.fields.contactEmail')} errors={form.errorsAt(`${at}.email`)}>
              {(p) => <input {...p} type="email" {...input(index, 'email')} />}
            </Field>
            <button
              type="button"
              className="secondary small"
              onClick={() => form.set({ rows: rows.filter((_, i) => i !== index) })}
            >
              {t('clientRecord.emergency.remove', { number })}
            </button>
          </fieldset>
        );
      })}
      <FieldErrorText errors={form.errorsAt('emergencyContacts', { exact: true })} />
      <button
        type="button"
        className="secondary small"
        disabled={rows.length >= EMERGENCY_CONTACTS_MAX}
        onClick={() => form.set({ rows: [...rows, { ...EMPTY_ROW }] })}
      >
        {t('clientRecord.emergency.add')}
      </button>
    </RecordSection>
  );
}
