import './shares.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../../../shared/index';
import {
  CLIENT_SHARE_SECTIONS,
  SHARE_FIELDS,
  type ShareField,
} from '../../../../shared/domain/share-request';
import { isMedicalShareField, SHARE_FIELD_LABELS } from '../../../../shared/domain/share-fields';
import { bookedItems } from '../../../../shared/domain/share-check';
import { canShareWith, liveProvisionConsents } from '../../../../shared/domain/consent-ledger';
import { PROVISION_PURPOSES, type ProvisionPurpose } from '../../../../shared/domain/consent';
import { partnerInJapan } from '../../../../shared/domain/partner';
import { FieldErrors, type FieldError, type ValidationResult } from '../../../../shared/domain/validation';
import {
  ErrorSummary,
  Field,
  FieldErrorText,
  formatDateText,
  FormSettingsProvider,
  useForm,
} from '../../components/form/index';
import { useConsentRecords, useNow } from '../consents/consent-data';
import { usePartners } from '../partners/partners-data';
import { useClientTrips } from '../trips/trip-data';
import { ProvisionsPanel } from '../provisions/ProvisionsPanel';
import { refusalOf, shareRefusalNow, useMyShareRequests, useShareCommands } from './shares-data';
import { ShareRequestCard } from './ShareRequestCard';
import { EmptyState } from '../../components/EmptyState';

interface Draft {
  partnerId: string;
  fields: ShareField[];
  purpose: string;
  /** The catalogue purpose (consent.ts PROVISION_PURPOSES) a consent for the partner must cover. */
  purposeCode: '' | ProvisionPurpose;
  booked: string;
}
const EMPTY: Draft = { partnerId: '', fields: [], purpose: '', purposeCode: '', booked: '' };

function validate(draft: Draft): ValidationResult<Draft> {
  const errors = new FieldErrors();
  if (!draft.partnerId) errors.add('partnerId', 'required');
  if (draft.fields.length === 0) errors.add('fields', 'required');
  if (!draft.purpose.trim()) errors.add('purpose', 'required');
  if (draft.purpose.length > 500) errors.add('purpose', 'too-long', { max: 500 });
  if (!draft.purposeCode) errors.add('purposeCode', 'required');
  if (!draft.booked) errors.add('booked', 'required');
  return errors.result({ ...draft, purpose: draft.purpose.trim() });
}

/** Thrown to show a refusal's reason in the form's summary. */
class Refused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** The client's sharing: ask to share chosen items with a partner, the requests about the client, the ledger. */
export function SharePanel({ client }: { client: Client }) {
  const { t, i18n } = useTranslation();
  const partners = usePartners() ?? [];
  const trips = useClientTrips(client.id) ?? [];
  const { trusted } = useConsentRecords(client.id);
  const now = useNow(60_000);
  const { list, reload } = useMyShareRequests();
  const commands = useShareCommands();
  const [asked, setAsked] = useState(false);
  const ja = i18n.language.startsWith('ja');
  const form = useForm({
    initial: EMPTY,
    validate,
    save: async (value) => {
      setAsked(false);
      const partner = partners.find((held) => held.id === value.partnerId)!;
      const [tripId, tripItemId] = value.booked.split('|') as [string, string];
      // Refused at once, on the device, with the reason; the server checks the same again.
      const refusal = shareRefusalNow(
        partner,
        client.id,
        trusted,
        trips,
        { tripId, tripItemId },
        value.purposeCode as ProvisionPurpose,
      );
      if (refusal) throw new Refused(refusal);
      try {
        await commands.ask({
          clientId: client.id,
          partnerId: partner.id,
          purpose: value.purpose,
          purposeCode: value.purposeCode as ProvisionPurpose,
          fields: SHARE_FIELDS.filter((field) => value.fields.includes(field)),
          tripId,
          tripItemId,
        });
      } catch (cause) {
        throw new Refused(refusalOf(cause));
      }
      setAsked(true);
      reload();
    },
    onSaved: () => form.reset(),
    describeError: (cause) =>
      cause instanceof Refused
        ? t('shares.refused', { reason: t(`shares.refusal.${cause.reason}`) })
        : String(cause),
  });
  // What the client consented to for the chosen partner: the consent covering the purpose chosen, else the newest.
  const chosen = partners.find((held) => held.id === form.values.partnerId);
  const sharePartner = chosen && { id: chosen.id, country: chosen.country, inJapan: partnerInJapan(chosen) };
  const covering =
    sharePartner && form.values.purposeCode
      ? canShareWith(trusted, client.id, sharePartner, now, form.values.purposeCode)
      : undefined;
  const statedPurpose =
    covering?.ok === true
      ? covering.provision.statedPurpose
      : chosen && liveProvisionConsents(trusted, client.id, chosen.id, now)[0]?.statedPurpose;
  const items = form.values.partnerId ? bookedItems(trips, client.id, form.values.partnerId, now) : [];
  const toggle = (field: ShareField, on: boolean) =>
    form.set((values) => ({
      fields: on ? [...values.fields, field] : values.fields.filter((held) => held !== field),
    }));
  const group = (label: string, fields: readonly ShareField[]) => (
    <fieldset>
      <legend>{label}</legend>
      {fields.map((field) => (
        <label key={field} className="checkbox">
          <input
            type="checkbox"
            name={`share-field-${field}`}
            checked={form.values.fields.includes(field)}
            onChange={(event) => toggle(field, event.target.checked)}
          />{' '}
          {ja ? SHARE_FIELD_LABELS[field].ja : SHARE_FIELD_LABELS[field].en}
        </label>
      ))}
    </fieldset>
  );
  const about = (list ?? []).filter((request) => request.clientId === client.id);
  return (
    <div className="share-panel">
      <FormSettingsProvider errorPrefix="partners.problem">
        <form className="panel" onSubmit={form.submit} noValidate aria-labelledby="share-ask-heading">
          <h3 id="share-ask-heading">{t('shares.askHeading')}</h3>
          <Field label={t('shares.partner')} id="share-partner" errors={form.errorsAt('partnerId')}>
            {(control) => (
              <select
                {...control}
                value={form.values.partnerId}
                onChange={(event) => form.set({ partnerId: event.target.value, booked: '' })}
                disabled={form.saving}
              >
                <option value="">{t('shares.choosePartner')}</option>
                {partners.map((partner) => (
                  <option key={partner.id} value={partner.id}>
                    {ja ? partner.names.ja : partner.names.en} ({partner.country})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <p className="muted">{t('shares.fields')}</p>
          {group(t('shares.profileFields'), CLIENT_SHARE_SECTIONS)}
          {group(
            t('shares.medicalFields'),
            SHARE_FIELDS.filter((field) => isMedicalShareField(field)),
          )}
          <FieldErrorText errors={form.errorsAt('fields') as FieldError[]} />
          <Field label={t('shares.purpose')} id="share-purpose" errors={form.errorsAt('purpose')}>
            {(control) => <input {...control} {...form.bind('purpose')} disabled={form.saving} />}
          </Field>
          <Field
            label={t('shares.purposeCode')}
            id="share-purpose-code"
            errors={form.errorsAt('purposeCode')}
          >
            {(control) => (
              <select {...control} {...form.bind('purposeCode')} disabled={form.saving}>
                <option value="">{t('shares.choosePurpose')}</option>
                {PROVISION_PURPOSES.map((code) => (
                  <option key={code} value={code}>
                    {t(`consents.provisionPurposes.${code}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {statedPurpose && (
            <p className="small muted" data-testid="consented-purpose">
              {t('shares.consentedPurpose', { purpose: statedPurpose })}
            </p>
          )}
          <Field label={t('shares.bookedItem')} id="share-booked" errors={form.errorsAt('booked')}>
            {(control) => (
              <select {...control} {...form.bind('booked')} disabled={form.saving}>
                <option value="">{items.length ? t('shares.chooseItem') : t('shares.noBookedItem')}</option>
                {items.map(({ tripId, tripItemId, trip, item }) => (
                  <option key={tripItemId} value={`${tripId}|${tripItemId}`}>
                    {trip.title}: {item.title ?? item.kind} (
                    {formatDateText(item.start.slice(0, 10), i18n.language)})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" disabled={form.saving}>
            {t('shares.ask')}
          </button>
          {asked && <p role="status">{t('shares.asked')}</p>}
          <ErrorSummary form={form} invalid={t('shares.required')} failed={(message) => message} />
        </form>
      </FormSettingsProvider>
      <section aria-labelledby="share-mine-heading">
        <h3 id="share-mine-heading">{t('shares.mine')}</h3>
        {about.length === 0 && <EmptyState>{t('shares.none')}</EmptyState>}
        {about.map((request) => (
          <ShareRequestCard key={request.id} request={request} />
        ))}
      </section>
      <ProvisionsPanel client={client} />
    </div>
  );
}
