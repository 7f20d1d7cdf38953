import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Trip } from '../../../../shared/index';
import { tripDraftOf, validateTripDraft, type TripDraft } from '../../../../shared/domain/trip-form';
import { Field, ZoneOptions } from './Field';
import { knownTimeZones } from './format';
import { useDraftForm } from './use-draft-form';

/** Creates a trip or edits its title, dates and zone; saves nothing while a field has a problem. */
export function TripForm({
  trip,
  defaultZone,
  onSave,
  onCancel,
}: {
  trip?: Trip;
  defaultZone: string;
  onSave(draft: TripDraft): Promise<void>;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const { draft, set, problems, saving, submit } = useDraftForm(
    () => tripDraftOf(trip, defaultZone),
    validateTripDraft,
    onSave,
  );
  const zones = useMemo(() => knownTimeZones(), []);

  return (
    <form
      className="trip-form panel"
      onSubmit={submit}
      noValidate
      aria-label={trip ? t('trips.editTrip') : t('trips.newTrip')}
    >
      <Field id="trip-title" label={t('trips.field.title')} problem={problems.title}>
        <input value={draft.title} onChange={set('title')} autoComplete="off" />
      </Field>
      <Field id="trip-start-date" label={t('trips.field.startDate')} problem={problems.startDate}>
        <input type="date" value={draft.startDate} onChange={set('startDate')} />
      </Field>
      <Field id="trip-end-date" label={t('trips.field.endDate')} problem={problems.endDate}>
        <input type="date" value={draft.endDate} onChange={set('endDate')} />
      </Field>
      <Field id="trip-zone" label={t('trips.field.timeZone')} problem={problems.timeZone}>
        <input
          list="trip-zone-options"
          value={draft.timeZone}
          onChange={set('timeZone')}
          autoComplete="off"
        />
      </Field>
      <ZoneOptions id="trip-zone-options" zones={zones} />
      <div className="actions">
        <button type="submit" disabled={saving}>
          {trip ? t('trips.saveTrip') : t('trips.createTrip')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('trips.cancel')}
        </button>
      </div>
    </form>
  );
}
