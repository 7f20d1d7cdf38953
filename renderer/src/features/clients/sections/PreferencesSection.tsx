import { useTranslation } from 'react-i18next';
import { ROOM_PREFERENCES, SEAT_PREFERENCES, validateTravelPreferences } from '../../../../../shared/index';
import { Field } from '../../../components/form/index';
import { RecordSection, useSectionForm, type SectionProps } from './RecordSection';

/** Seat, room, dietary notes and other travel preferences. */
export function PreferencesSection({ client, readOnly }: SectionProps) {
  const { t } = useTranslation();
  const form = useSectionForm(
    'preferences',
    {
      seat: client.preferences?.seat ?? '',
      room: client.preferences?.room ?? '',
      dietary: client.preferences?.dietary ?? '',
      notes: client.preferences?.notes ?? '',
    },
    (v) => {
      const result = validateTravelPreferences(v);
      return result.ok ? { ok: true, value: { preferences: result.value } } : result;
    },
  );
  return (
    <RecordSection form={form} readOnly={readOnly}>
      <Field label={t('clientRecord.fields.seat')} errors={form.errorsAt('preferences.seat')}>
        {(p) => (
          <select {...p} {...form.bind('seat')}>
            <option value="">{t('clientRecord.noPreference')}</option>
            {SEAT_PREFERENCES.map((seat) => (
              <option key={seat} value={seat}>
                {t(`clientRecord.seat.${seat}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('clientRecord.fields.room')} errors={form.errorsAt('preferences.room')}>
        {(p) => (
          <select {...p} {...form.bind('room')}>
            <option value="">{t('clientRecord.noPreference')}</option>
            {ROOM_PREFERENCES.map((room) => (
              <option key={room} value={room}>
                {t(`clientRecord.room.${room}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('clientRecord.fields.dietaryNotes')} errors={form.errorsAt('preferences.dietary')}>
        {(p) => <textarea {...p} rows={2} {...form.bind('dietary')} />}
      </Field>
      <Field label={t('clientRecord.fields.notes')} errors={form.errorsAt('preferences.notes')}>
        {(p) => <textarea {...p} rows={3} {...form.bind('notes')} />}
      </Field>
    </RecordSection>
  );
}
