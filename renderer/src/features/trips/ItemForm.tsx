import { useTranslation } from 'react-i18next';
import { validateItemDraft, type ItemDraft } from '../../../../shared/domain/trip-form';
import { isMedicalTripKind } from '../../../../shared/domain/trip';
import { TRIP_ITEM_KINDS, type TripItem, type TripItemKind } from '../../../../shared/index';
import { DateField, Field, TimeField, useForm } from '../../components/form/index';
import { ZoneOptions, zoneFieldText } from './ZoneOptions';

/**
 * Adds or edits one dated item: each end is a date and time as read in a chosen zone (a flight leaves in London
 * time and lands in Tokyo time) and is stored with that zone's offset. Nothing is saved while a field has a problem.
 */
export function ItemForm({
  initial,
  itemId,
  onSave,
  onCancel,
}: {
  initial: ItemDraft;
  itemId: string;
  /** Writes the item and closes the form; on a failure the form stays as typed (the caller says why). */
  onSave(item: TripItem): Promise<void>;
  onCancel(): void;
}) {
  const { t, i18n } = useTranslation();
  const form = useForm({
    initial: () => ({
      ...initial,
      startZone: zoneFieldText(initial.startZone, i18n.language),
      endZone: zoneFieldText(initial.endZone, i18n.language),
    }),
    validate: (draft: ItemDraft) => validateItemDraft(draft, itemId),
    save: onSave,
    keepDraft: true,
  });

  return (
    <form
      className="item-form panel"
      onSubmit={form.submit}
      noValidate
      aria-label={t('trips.items.formLabel')}
    >
      <div className="item-form-row item-form-what">
        <Field id="item-kind" label={t('trips.items.kind')} errors={form.errorsAt('kind')}>
          {(control) => (
            <select
              {...control}
              value={form.values.kind}
              onChange={(e) => form.set({ kind: e.target.value as TripItemKind })}
            >
              {TRIP_ITEM_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`trips.kind.${kind}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="item-title" label={t('trips.items.title')} errors={form.errorsAt('title')}>
          {(control) => <input {...control} {...form.bind('title')} autoComplete="off" />}
        </Field>
      </div>
      <fieldset className="item-form-row item-form-when">
        <legend>{t('trips.items.start')}</legend>
        <DateField
          id="item-start-date"
          label={t('trips.items.startDate')}
          errors={form.errorsAt('startDate')}
          weekday
          {...form.bind('startDate')}
        />
        <TimeField
          id="item-start-time"
          label={t('trips.items.startTime')}
          errors={form.errorsAt('startTime')}
          {...form.bind('startTime')}
        />
        <Field id="item-start-zone" label={t('trips.items.startZone')} errors={form.errorsAt('startZone')}>
          {(control) => (
            <input {...control} list="item-zone-options" {...form.bind('startZone')} autoComplete="off" />
          )}
        </Field>
      </fieldset>
      <fieldset className="item-form-row item-form-when">
        <legend>{t('trips.items.end')}</legend>
        <DateField
          id="item-end-date"
          label={t('trips.items.endDate')}
          errors={form.errorsAt('endDate')}
          weekday
          {...form.bind('endDate')}
        />
        <TimeField
          id="item-end-time"
          label={t('trips.items.endTime')}
          errors={form.errorsAt('endTime')}
          {...form.bind('endTime')}
        />
        <Field id="item-end-zone" label={t('trips.items.endZone')} errors={form.errorsAt('endZone')}>
          {(control) => (
            <input {...control} list="item-zone-options" {...form.bind('endZone')} autoComplete="off" />
          )}
        </Field>
      </fieldset>
      <ZoneOptions id="item-zone-options" />
      {isMedicalTripKind(form.values.kind) && (
        <p className="muted small" data-testid="item-medical-hint">
          {t('trips.items.medicalHint')}
        </p>
      )}
      <Field id="item-location" label={t('trips.items.location')} errors={form.errorsAt('location')}>
        {(control) => <input {...control} {...form.bind('location')} autoComplete="off" />}
      </Field>
      <Field id="item-notes" label={t('trips.items.notes')} errors={form.errorsAt('notes')}>
        {(control) => <textarea {...control} {...form.bind('notes')} rows={2} />}
      </Field>
      <div className="item-form-row item-form-cost">
        <Field
          id="item-amount"
          label={t('trips.items.amount')}
          errors={form.errorsAt('amount')}
          hint={t('trips.items.costHint')}
        >
          {(control) => (
            <input {...control} inputMode="decimal" {...form.bind('amount')} autoComplete="off" />
          )}
        </Field>
        <Field id="item-currency" label={t('trips.items.currency')} errors={form.errorsAt('currency')}>
          {(control) => <input {...control} {...form.bind('currency')} maxLength={3} autoComplete="off" />}
        </Field>
      </div>
      <div className="actions">
        <button type="submit" disabled={form.saving}>
          {t('trips.items.save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('trips.cancel')}
        </button>
      </div>
    </form>
  );
}
