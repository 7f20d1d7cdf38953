import { useTranslation } from 'react-i18next';
import { validateClientProfile } from '../../../../../shared/index';
import { DateField, Field } from '../../../components/form/index';
import { todayHere } from '../format';
import { CountrySelect } from './controls';
import { LanguagePicker } from './LanguagePicker';
import { RecordSection, useSectionForm, type SectionProps } from './RecordSection';

/** Names in three scripts, nationality, date of birth and languages. */
export function IdentitySection({ client, readOnly }: SectionProps) {
  const { t } = useTranslation();
  const form = useSectionForm(
    'identity',
    {
      latin: client.names.latin,
      katakana: client.names.katakana ?? '',
      kanji: client.names.kanji ?? '',
      nationality: client.nationality ?? '',
      dateOfBirth: client.dateOfBirth ?? '',
      languages: client.languages ?? [],
    },
    (v) => {
      const result = validateClientProfile(
        {
          names: { latin: v.latin, katakana: v.katakana, kanji: v.kanji },
          nationality: v.nationality,
          dateOfBirth: v.dateOfBirth,
          languages: v.languages,
        },
        todayHere(),
      );
      if (!result.ok) return result;
      // Fields left empty are removed from the record.
      const { names, nationality, dateOfBirth, languages } = result.value;
      return { ok: true, value: { names, nationality, dateOfBirth, languages } };
    },
  );
  const v = form.values;
  return (
    <RecordSection form={form} readOnly={readOnly}>
      <Field label={t('clientRecord.fields.latin')} errors={form.errorsAt('names.latin')}>
        {(p) => <input {...p} {...form.bind('latin')} />}
      </Field>
      <Field label={t('clientRecord.fields.katakana')} errors={form.errorsAt('names.katakana')}>
        {(p) => <input {...p} lang="ja" {...form.bind('katakana')} />}
      </Field>
      <Field label={t('clientRecord.fields.kanji')} errors={form.errorsAt('names.kanji')}>
        {(p) => <input {...p} lang="ja" {...form.bind('kanji')} />}
      </Field>
      <Field label={t('clientRecord.fields.nationality')} errors={form.errorsAt('nationality')}>
        {(p) => (
          <CountrySelect {...p} value={v.nationality} onChange={(nationality) => form.set({ nationality })} />
        )}
      </Field>
      <DateField
        label={t('clientRecord.fields.dateOfBirth')}
        errors={form.errorsAt('dateOfBirth')}
        {...form.bind('dateOfBirth')}
      />
      <LanguagePicker
        value={v.languages}
        onChange={(languages) => form.set({ languages })}
        errors={form.errorsAt('languages')}
      />
    </RecordSection>
  );
}
