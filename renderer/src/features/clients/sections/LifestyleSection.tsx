import { useTranslation } from 'react-i18next';
import { DIETARY_RESTRICTIONS, validateLifestyle } from '../../../../../shared/index';
import { Field, FieldErrorText } from '../../../components/form/index';
import { toggled } from './controls';
import { RecordSection, useSectionForm, type SectionProps } from './RecordSection';

const lines = (text: string) => text.split('\n');

/** Dietary restrictions, mobility needs and allergies a hotel should know. */
export function LifestyleSection({ client, readOnly }: SectionProps) {
  const { t } = useTranslation();
  const form = useSectionForm(
    'lifestyle',
    {
      dietaryRestrictions: client.lifestyle?.dietaryRestrictions ?? ([] as string[]),
      mobilityNeeds: client.lifestyle?.mobilityNeeds ?? '',
      allergies: (client.lifestyle?.allergies ?? []).join('\n'),
    },
    (v) => {
      const result = validateLifestyle({ ...v, allergies: lines(v.allergies) });
      return result.ok ? { ok: true, value: { lifestyle: result.value } } : result;
    },
  );
  const v = form.values;
  return (
    <RecordSection form={form} readOnly={readOnly}>
      <fieldset className="checks">
        <legend>{t('clientRecord.fields.dietaryRestrictions')}</legend>
        {DIETARY_RESTRICTIONS.map((code) => (
          <label key={code} className="check">
            <input
              type="checkbox"
              checked={v.dietaryRestrictions.includes(code)}
              onChange={(e) =>
                form.set({ dietaryRestrictions: toggled(v.dietaryRestrictions, code, e.target.checked) })
              }
            />
            {t(`clientRecord.dietary.${code}`)}
          </label>
        ))}
        <FieldErrorText errors={form.errorsAt('lifestyle.dietaryRestrictions').slice(0, 1)} />
      </fieldset>
      <Field label={t('clientRecord.fields.mobilityNeeds')} errors={form.errorsAt('lifestyle.mobilityNeeds')}>
        {(p) => <textarea {...p} rows={2} {...form.bind('mobilityNeeds')} />}
      </Field>
      <Field
        label={t('clientRecord.fields.allergies')}
        hint={t('clientRecord.fields.allergiesHint')}
        errors={form.errorsAt('lifestyle.allergies')}
      >
        {(p) => <textarea {...p} rows={3} {...form.bind('allergies')} />}
      </Field>
    </RecordSection>
  );
}
