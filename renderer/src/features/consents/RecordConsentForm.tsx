import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  PROVISION_PURPOSES,
  CONSENT_REQUESTERS,
  type ConsentPurpose,
  type ConsentRecord,
} from '../../../../shared/domain/consent';
import {
  CONSENT_FORM_ACTIONS,
  noticeChoices,
  validateConsentForm,
  type ConsentFormFields,
} from '../../../../shared/domain/consent-form';
import { nameablePartners } from '../../../../shared/domain/consent-partner';
import { COUNTRY_CODES } from '../../../../shared/domain/countries';
import type { Partner } from '../../../../shared/domain/partner';
import type { PrivacyNotice } from '../../../../shared/domain/privacy-notice';
import type { Client } from '../../../../shared/index';
import { DateTimeField, ErrorSummary, Field, fieldId, useForm } from '../../components/form/index';
import { ConsentFormSettings } from './form-settings';
import { useSession } from '../../session/index';
import { usePartners } from '../partners/partners-data';
import { useConsentCommands, type DirectoryEntry } from './consent-data';
import { ConsentCommandError } from './describe-problem';
import { countryName, languageName, localDateTimeValue, momentOf } from './labels';

const PARTNER_CHOICE = {
  vetted: 'consents.record.partnerChoice',
  pending: 'consents.record.partnerChoicePending',
  suspended: 'consents.record.partnerChoiceSuspended',
} as const;

interface Draft {
  action: string;
  purpose: string;
  noticeId: string;
  method: string;
  at: string;
  witnessStaffId: string;
  requestedBy: string;
  partnerId: string;
  statedPurpose: string;
  purposeCode: string;
  country: string;
  countryInformation: string;
  notes: string;
}

interface Props {
  client: Client;
  notices: readonly PrivacyNotice[];
  /** Unused since the witness is the recorder; kept so that callers need not change. */
  staff?: readonly DirectoryEntry[];
  /** Fixes the purpose (the medical panel records medical-data only). */
  purpose?: ConsentPurpose;
  /** A correction of this record: same purpose, partner and country; starts from its values. */
  correcting?: ConsentRecord;
  onDone(): void;
  onCancel?(): void;
}

/**
 * Records a consent given or refused, or that the client was told of a notice version, for any purpose; or a
 * correction of a record. Only effective notice versions are offered, in the client's preferred language (a
 * version without it is offered in another, said so).
 */
export function RecordConsentForm({ client, notices, purpose, correcting, onDone, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const { identity } = useSession();
  const commands = useConsentCommands();
  const [now] = useState(() => Date.now());
  const languages = useMemo(() => client.languages ?? [], [client.languages]);
  const choices = useMemo(() => noticeChoices(notices, languages, now), [notices, languages, now]);
  const [start] = useState<Draft>(() => ({
    action: 'given',
    purpose: correcting?.purpose ?? purpose ?? 'medical-data',
    noticeId: correcting?.noticeId ?? choices[0]?.notice.id ?? '',
    method: correcting?.method ?? 'signed-paper',
    at: localDateTimeValue(correcting?.at ?? now),
    witnessStaffId: correcting?.witnessStaffId ?? '',
    requestedBy: correcting?.requestedBy ?? '',
    partnerId: correcting?.partnerId ?? '',
    statedPurpose: correcting?.statedPurpose ?? '',
    purposeCode: correcting?.purposeCode ?? '',
    country: correcting?.country ?? '',
    countryInformation: correcting?.countryInformation ?? '',
    notes: correcting?.notes ?? '',
  }));
  // The partner directory held on the device: a provision names one of its partners, with its country.
  const directory = usePartners();
  const partners = useMemo(() => directory ?? [], [directory]);
  const offered = useMemo(() => {
    const nameable = nameablePartners(partners, i18n.language);
    const kept = partners.find((partner) => partner.id === correcting?.partnerId);
    return kept && !nameable.includes(kept) ? [kept, ...nameable] : nameable;
  }, [partners, i18n.language, correcting?.partnerId]);
  const form = useForm<Draft, ConsentFormFields>({
    initial: start,
    validate: (draft) =>
      validateConsentForm(
        { ...draft, action: correcting ? 'given' : draft.action, at: momentOf(draft.at) },
        {
          notices,
          clientLanguages: languages,
          recorderId: identity.staffId,
          now: Date.now(),
          partners,
          ...(correcting?.partnerId ? { correctingPartnerId: correcting.partnerId } : {}),
          // The field shows minutes: the corrected record's own minute stands for its exact moment.
          ...(correcting
            ? {
                correcting: {
                  at: momentOf(localDateTimeValue(correcting.at)),
                  noticeId: correcting.noticeId,
                },
              }
            : {}),
        },
      ),
    save: async (fields) => {
      const keepsDate = correcting !== undefined && fields.at === momentOf(localDateTimeValue(correcting.at));
      const input = { ...fields, ...(keepsDate ? { at: correcting.at } : {}), clientId: client.id };
      const result = correcting
        ? await commands.correct({ ...input, refersTo: correcting.id })
        : await commands.record(input);
      if (!result.ok) throw new ConsentCommandError(result.problem);
    },
    onSaved: onDone,
    describeError: (cause) => (cause instanceof ConsentCommandError ? cause.problem : 'other'),
  });
  const field = (name: keyof Draft, label: string, hint?: string) => {
    const path = `consent.${name}`;
    return {
      id: fieldId(path),
      errors: form.errorsAt(path, { exact: true }),
      className: 'consent-field',
      label,
      hint,
    };
  };
  const chosen = choices.find((choice) => choice.notice.id === form.values.noticeId);
  const chosenPartner = partners.find((partner) => partner.id === form.values.partnerId);
  const partnerLabel = (partner: Partner) =>
    t(PARTNER_CHOICE[partner.vetting.status], {
      name: i18n.language === 'ja' ? partner.names.ja : partner.names.en,
      country: countryName(partner.country, i18n.language),
    });
  const purposeNow = form.values.purpose;
  const headingId = correcting ? 'consent-correct-heading' : 'consent-record-heading';
  // Opening the form takes away the button that opened it: the focus goes to the form, not to the page.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <ConsentFormSettings>
      <form
        className="consent-form"
        onSubmit={(event) => void form.submit(event)}
        noValidate
        aria-labelledby={headingId}
      >
        <h4 id={headingId} tabIndex={-1} ref={heading}>
          {t(correcting ? 'consents.correct.heading' : 'consents.record.heading')}
        </h4>
        {correcting && <p className="muted">{t('consents.correct.intro')}</p>}
        {!correcting && (
          <Field {...field('action', t('consents.record.action'))}>
            {(control) => (
              <select {...control} {...form.bind('action')}>
                {CONSENT_FORM_ACTIONS.map((action) => (
                  <option key={action} value={action}>
                    {t(`consents.record.actions.${action}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field {...field('purpose', t('consents.record.purpose'))}>
          {(control) => (
            <select
              {...control}
              {...form.bind('purpose')}
              disabled={purpose !== undefined || correcting !== undefined}
            >
              {CONSENT_PURPOSES.map((option) => (
                <option key={option} value={option}>
                  {t(`consents.purposes.${option}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {purposeNow === 'provision' && (
          <>
            {offered.length === 0 && directory !== undefined ? (
              <p className="field-error" role="alert" data-testid="consent-partner-none">
                {t('consents.record.partnerNone')}
              </p>
            ) : (
              <Field
                {...field('partnerId', t('consents.record.partnerId'), t('consents.record.partnerIdHint'))}
              >
                {(control) => (
                  <select {...control} {...form.bind('partnerId')} disabled={correcting !== undefined}>
                    <option value="">{t('consents.record.choosePartner')}</option>
                    {offered.map((partner) => (
                      <option key={partner.id} value={partner.id}>
                        {partnerLabel(partner)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            {chosenPartner && (
              <div className="consent-field">
                <span />
                <p className="small muted" data-testid="consent-partner-country">
                  {t('consents.record.partnerCountryFromDirectory', {
                    country: countryName(chosenPartner.country, i18n.language),
                  })}
                </p>
              </div>
            )}
            <Field {...field('purposeCode', t('consents.record.purposeCode'))}>
              {(control) => (
                <select {...control} {...form.bind('purposeCode')}>
                  <option value="">{t('consents.record.choosePurpose')}</option>
                  {PROVISION_PURPOSES.map((option) => (
                    <option key={option} value={option}>
                      {t(`consents.provisionPurposes.${option}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field {...field('statedPurpose', t('consents.record.statedPurpose'))}>
              {(control) => <textarea {...control} rows={2} {...form.bind('statedPurpose')} />}
            </Field>
          </>
        )}
        {purposeNow === 'overseas-transfer' && (
          <>
            <Field {...field('country', t('consents.record.country'))}>
              {(control) => (
                <select {...control} {...form.bind('country')} disabled={correcting !== undefined}>
                  <option value="">{t('consents.record.country')}</option>
                  {COUNTRY_CODES.filter((code) => code !== 'JP').map((code) => (
                    <option key={code} value={code}>
                      {countryName(code, i18n.language)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field {...field('countryInformation', t('consents.record.countryInformation'))}>
              {(control) => <textarea {...control} rows={3} {...form.bind('countryInformation')} />}
            </Field>
          </>
        )}
        {choices.length === 0 ? (
          <p className="field-error" role="alert">
            {t('consents.record.noticeNone')}
          </p>
        ) : (
          <Field
            {...field(
              'noticeId',
              t('consents.record.notice'),
              chosen?.fallback
                ? t('consents.record.noticeFallback', {
                    language: languageName(chosen.language, i18n.language),
                  })
                : undefined,
            )}
          >
            {(control) => (
              <select {...control} {...form.bind('noticeId')}>
                <option value="">{t('consents.record.chooseNotice')}</option>
                {choices.map((choice) => (
                  <option key={choice.notice.id} value={choice.notice.id}>
                    {t(
                      choice.fallback
                        ? 'consents.record.noticeChoiceFallback'
                        : 'consents.record.noticeChoice',
                      {
                        version: choice.notice.version,
                        language: languageName(choice.language, i18n.language),
                      },
                    )}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field {...field('method', t('consents.record.method'))}>
          {(control) => (
            <select {...control} {...form.bind('method')}>
              {CONSENT_METHODS.map((option) => (
                <option key={option} value={option}>
                  {t(`consents.methods.${option}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <DateTimeField
          {...field('at', t('consents.record.at'), t('consents.record.atHint'))}
          {...form.bind('at')}
        />
        {form.values.method === 'verbal-witnessed' && (
          <p className="small muted" data-testid="consent-witness-note">
            {t('consents.record.witnessIsYou')}
          </p>
        )}
        <Field {...field('requestedBy', t('consents.record.requestedBy'))}>
          {(control) => (
            <select {...control} {...form.bind('requestedBy')}>
              <option value="">{t('consents.requesters.client')}</option>
              {CONSENT_REQUESTERS.filter((who) => who !== 'client').map((who) => (
                <option key={who} value={who}>
                  {t(`consents.requesters.${who}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field {...field('notes', t('consents.record.notes'))}>
          {(control) => <textarea {...control} rows={2} {...form.bind('notes')} />}
        </Field>
        <div className="consent-field">
          <span />
          <div className="consent-actions">
            <button type="submit" disabled={form.saving || choices.length === 0}>
              {t('consents.record.submit')}
            </button>
            {onCancel && (
              <button type="button" className="secondary" onClick={onCancel}>
                {t('consents.record.cancel')}
              </button>
            )}
          </div>
        </div>
        <ErrorSummary
          form={form}
          invalid={t('consents.record.notRecorded')}
          failed={(code) => t(`consents.problems.${code}`, { code })}
        />
      </form>
    </ConsentFormSettings>
  );
}
