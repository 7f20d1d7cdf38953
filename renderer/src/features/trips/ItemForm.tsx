import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { TRIP_ITEM_KINDS, type TripItem, type TripItemKind } from '../../../../shared/index';
import { validateItemDraft, type ItemDraft } from '../../../../shared/domain/trip-form';
import { Field, ZoneOptions } from './Field';
import { knownTimeZones } from './format';
import { useDraftForm } from './use-draft-form';

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
  onSave(item: TripItem): Promise<void>;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const { draft, setDraft, set, problems, saving, submit } = useDraftForm(
    initial,
    (d: ItemDraft) => validateItemDraft(d, itemId),
    onSave,
  );
  const zones = useMemo(() => knownTimeZones(), []);

  return (
    <form className="item-form panel" onSubmit={submit} noValidate aria-label={t('trips.items.formLabel')}>
      <div className="item-form-row">
        <Field id="item-kind" label={t('trips.items.kind')} problem={problems.kind}>
          <select
            value={draft.kind}
            onChange={(e) => setDraft((d) => ({ ...d, kind: e.target.value as TripItemKind }))}
          >
            {TRIP_ITEM_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`trips.kind.${kind}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="item-title" label={t('trips.items.title')} problem={problems.title}>
          <input value={draft.title} onChange={set('title')} autoComplete="off" />
        </Field>
      </div>
      <fieldset className="item-form-row">
        <legend>{t('trips.items.start')}</legend>
        <Field id="item-start-date" label={t('trips.items.startDate')} problem={problems.startDate}>
          <input type="date" value={draft.startDate} onChange={set('startDate')} />
        </Field>
        <Field id="item-start-time" label={t('trips.items.startTime')} problem={problems.startTime}>
          <input type="time" value={draft.startTime} onChange={set('startTime')} />
        </Field>
        <Field id="item-start-zone" label={t('trips.items.startZone')} problem={problems.startZone}>
          <input
            list="item-zone-options"
            value={draft.startZone}
            onChange={set('startZone')}
            autoComplete="off"
          />
        </Field>
      </fieldset>
      <fieldset className="item-form-row">
        <legend>{t('trips.items.end')}</legend>
        <Field id="item-end-date" label={t('trips.items.endDate')} problem={problems.endDate}>
          <input type="date" value={draft.endDate} onChange={set('endDate')} />
        </Field>
        <Field id="item-end-time" label={t('trips.items.endTime')} problem={problems.endTime}>
          <input type="time" value={draft.endTime} onChange={set('endTime')} />
        </Field>
        <Field id="item-end-zone" label={t('trips.items.endZone')} problem={problems.endZone}>
          <input
            list="item-zone-options"
            value={draft.endZone}
            onChange={set('endZone')}
            autoComplete="off"
          />
        </Field>
      </fieldset>
      <ZoneOptions id="item-zone-options" zones={zones} />
      <Field id="item-location" label={t('trips.items.location')} problem={problems.location}>
        <input value={draft.location} onChange={set('location')} autoComplete="off" />
      </Field>
      <Field id="item-notes" label={t('trips.items.notes')} problem={problems.notes}>
        <textarea value={draft.notes} onChange={set('notes')} rows={2} />
      </Field>
      <div className="item-form-row">
        <Field
          id="item-amount"
          label={t('trips.items.amount')}
          problem={problems.amount}
          hint={t('trips.items.costHint')}
        >
          <input inputMode="decimal" value={draft.amount} onChange={set('amount')} autoComplete="off" />
        </Field>
        <Field id="item-currency" label={t('trips.items.currency')} problem={problems.currency}>
          <input value={draft.currency} onChange={set('currency')} maxLength={3} autoComplete="off" />
        </Field>
      </div>
      <div className="actions">
        <button type="submit" disabled={saving}>
          {t('trips.items.save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('trips.cancel')}
        </button>
      </div>
    </form>
  );
}
