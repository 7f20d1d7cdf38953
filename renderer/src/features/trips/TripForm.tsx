import { useTranslation } from 'react-i18next';
import { tripDraftOf, validateTripDraft, type TripDraft } from '../../../../shared/domain/trip-form';
import type { Trip } from '../../../../shared/index';
import { DateField, Field, useForm } from '../../components/form/index';
import { ZoneOptions, zoneFieldText } from './ZoneOptions';

/** Creates a trip or edits its title, dates and zone; saves nothing while a field has a problem. */
export function TripForm({
  trip,
  defaultZone,
  onSave,
  onCancel,
}: {
  trip?: Trip;
  defaultZone: string;
  /** Writes the trip and closes the form; on a failure the form stays as typed (the caller says why). */
  onSave(draft: TripDraft): Promise<void>;
  onCancel(): void;
}) {
  const { t, i18n } = useTranslation();
  const form = useForm({
    initial: () => {
      const draft = tripDraftOf(trip, defaultZone);
      return { ...draft, timeZone: zoneFieldText(draft.timeZone, i18n.language) };
    },
    validate: validateTripDraft,
    save: onSave,
    keepDraft: true,
  });

  return (
    <form
      className="trip-form panel"
      onSubmit={form.submit}
      noValidate
      aria-label={trip ? t('trips.editTrip') : t('trips.newTrip')}
    >
      <Field id="trip-title" label={t('trips.field.title')} errors={form.errorsAt('title')}>
        {(control) => <input {...control} {...form.bind('title')} autoComplete="off" />}
      </Field>
      <DateField
        id="trip-start-date"
        label={t('trips.field.startDate')}
        errors={form.errorsAt('startDate')}
        weekday
        {...form.bind('startDate')}
      />
      <DateField
        id="trip-end-date"
        label={t('trips.field.endDate')}
        errors={form.errorsAt('endDate')}
        weekday
        {...form.bind('endDate')}
      />
      <Field
        id="trip-zone"
        label={t('trips.field.timeZone')}
        errors={form.errorsAt('timeZone')}
        hint={t('trips.zoneHint')}
      >
        {(control) => (
          <input {...control} list="trip-zone-options" {...form.bind('timeZone')} autoComplete="off" />
        )}
      </Field>
      <ZoneOptions id="trip-zone-options" />
      <div className="actions">
        <button type="submit" disabled={form.saving}>
          {trip ? t('trips.saveTrip') : t('trips.createTrip')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('trips.cancel')}
        </button>
      </div>
    </form>
  );
}
