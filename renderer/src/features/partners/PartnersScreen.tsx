import '../shares/shares.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadSodium } from '../../../../shared/crypto/sodium';
import { useSodium } from '../../session/use-sodium';
import { dayInJapan, PARTNER_KINDS, partnerInJapan, type Partner } from '../../../../shared/domain/partner';
import {
  emptyPartnerDraft,
  partnerDraftOf,
  validatePartner,
  type PartnerDraft,
} from '../../../../shared/domain/partner-form';
import {
  DateField,
  ErrorSummary,
  Field,
  formatDateText,
  FormSettingsProvider,
  useForm,
} from '../../components/form/index';
import { useSession } from '../../session/index';
import { useNow, useStaffEntries } from '../consents/consent-data';
import { bridge } from '../../bridge/index';
import { keepsPartners, usePartnerCommands, usePartners } from './partners-data';
import { EmptyState } from '../../components/EmptyState';
import { formatDate } from '../../i18n/format';

const TEXT_FIELDS = [
  'nameEn',
  'nameJa',
  'city',
  'signedOn',
  'expiresOn',
  'contactName',
  'contactEmail',
  'contactPhone',
] as const;

function PartnerForm({ partner, onDone }: { partner?: Partner; onDone(): void }) {
  const { t } = useTranslation();
  const commands = usePartnerCommands();
  const sodium = useSodium();
  const form = useForm({
    initial: (): PartnerDraft => (partner ? partnerDraftOf(partner) : emptyPartnerDraft()),
    validate: (draft) => validatePartner(draft, sodium),
    save: async (value) => void (await commands.save(sodium ?? (await loadSodium()), value, partner?.id)),
    onSaved: onDone,
  });
  const field = (name: (typeof TEXT_FIELDS)[number]) =>
    name === 'signedOn' || name === 'expiresOn' ? (
      <DateField
        key={name}
        label={t(`partners.field.${name}`)}
        id={`partner-${name}`}
        errors={form.errorsAt(name)}
        disabled={form.saving}
        {...form.bind(name)}
      />
    ) : (
      <Field
        key={name}
        label={t(`partners.field.${name}`)}
        id={`partner-${name}`}
        errors={form.errorsAt(name)}
      >
        {(control) => <input {...control} {...form.bind(name)} disabled={form.saving} />}
      </Field>
    );
  return (
    <FormSettingsProvider errorPrefix="partners.problem">
      <form className="panel" onSubmit={form.submit} noValidate aria-labelledby="partner-form-heading">
        <h3 id="partner-form-heading">{t('partners.formHeading')}</h3>
        {field('nameEn')}
        {field('nameJa')}
        <Field label={t('partners.field.kind')} id="partner-kind" errors={form.errorsAt('kind')}>
          {(control) => (
            <select {...control} {...form.bind('kind')} disabled={form.saving}>
              {PARTNER_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`partners.kind.${kind}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('partners.field.country')} id="partner-country" errors={form.errorsAt('country')}>
          {(control) => <input {...control} {...form.bind('country')} maxLength={2} disabled={form.saving} />}
        </Field>
        {TEXT_FIELDS.slice(2).map(field)}
        <Field
          label={t('partners.field.publicKey')}
          id="partner-publicKey"
          hint={t('partners.field.publicKeyHint')}
          errors={form.errorsAt('publicKey')}
        >
          {(control) => (
            <textarea
              {...control}
              {...form.bind('publicKey')}
              rows={2}
              spellCheck={false}
              disabled={form.saving}
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" disabled={form.saving}>
            {t('partners.save')}
          </button>
          <button type="button" className="secondary" onClick={onDone}>
            {t('partners.cancel')}
          </button>
        </div>
        <ErrorSummary
          form={form}
          invalid={t('partners.notSaved')}
          failed={(code) => t('partners.failed', { code })}
        />
      </form>
    </FormSettingsProvider>
  );
}

/** Managers hand the opener to partners: saved through the host (the native save dialog, or a download). */
function SaveOpener() {
  const { t } = useTranslation();
  // A confirmation clears itself like every notice; a failure stays until the next try.
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean; count: number }>();
  const show = (text: string | undefined, failed: boolean) =>
    setOutcome((previous) => (text ? { text, failed, count: (previous?.count ?? 0) + 1 } : undefined));
  const save = () =>
    bridge.saveOpener().then(
      (saved) =>
        show(saved.saved ? t('partners.opener.saved', { location: saved.location }) : undefined, false),
      () => show(t('partners.opener.failed'), true),
    );
  return (
    <div className="panel" data-testid="save-opener">
      <p className="small muted">{t('partners.opener.intro')}</p>
      <button type="button" className="secondary" onClick={() => void save()}>
        {t('partners.opener.save')}
      </button>
      {outcome && (
        <p
          key={outcome.count}
          role={outcome.failed ? 'alert' : 'status'}
          className={outcome.failed ? 'field-error' : 'notice fading'}
        >
          {outcome.text}
        </p>
      )}
    </div>
  );
}

/** The partner directory: every role reads it; managers and the admin add, vet and confirm keys. */
export function PartnersScreen() {
  const { t, i18n } = useTranslation();
  const { identity } = useSession();
  const partners = usePartners();
  const commands = usePartnerCommands();
  const staff = useStaffEntries();
  const [editing, setEditing] = useState<Partner | 'new' | undefined>();
  const [failure, setFailure] = useState<string>();
  // Confirming a key needs an explicit "I compared the fingerprint", as device approval does.
  const [compared, setCompared] = useState<ReadonlySet<string>>(new Set());
  const keeps = keepsPartners(identity.role);
  const ja = i18n.language.startsWith('ja');
  const nameOf = (id: string | undefined) => staff.find((entry) => entry.staffId === id)?.displayName ?? '—';
  const date = (at: number | undefined) => (at ? formatDate(at, i18n.language) : '');
  const today = dayInJapan(useNow());
  const act = (action: Promise<void>) =>
    action.then(
      () => setFailure(undefined),
      (cause: unknown) => setFailure(String(cause)),
    );

  return (
    <section aria-labelledby="partners-heading" className="partners-screen">
      <h2 id="partners-heading">{t('partners.heading')}</h2>
      <p className="muted">{t('partners.intro')}</p>
      {keeps && editing === undefined && (
        <button type="button" onClick={() => setEditing('new')}>
          {t('partners.add')}
        </button>
      )}
      {keeps && <SaveOpener />}
      {editing !== undefined && (
        <PartnerForm
          key={editing === 'new' ? 'new' : editing.id}
          partner={editing === 'new' ? undefined : editing}
          onDone={() => setEditing(undefined)}
        />
      )}
      {failure && <p role="alert">{failure}</p>}
      {partners?.length === 0 && <EmptyState>{t('partners.empty')}</EmptyState>}
      <ul className="partner-list">
        {partners?.map((partner) => {
          const expired = partner.agreement && partner.agreement.expiresOn < today;
          const notYet = partner.agreement && partner.agreement.signedOn > today;
          return (
            <li key={partner.id} className="panel" data-testid="partner-row">
              <h3>{ja ? partner.names.ja : partner.names.en}</h3>
              <p className="small">
                {ja ? partner.names.en : partner.names.ja} · {t(`partners.kind.${partner.kind}`)} ·{' '}
                {partner.city}, {partner.country} ·{' '}
                {partnerInJapan(partner) ? t('partners.inJapan') : t('partners.abroad')}
              </p>
              <p data-testid="partner-vetting">
                {t(`partners.vetting.${partner.vetting.status}`, {
                  name: nameOf(partner.vetting.by),
                  date: date(partner.vetting.at),
                })}
              </p>
              <p data-testid="partner-agreement" className={expired || notYet ? 'error' : undefined}>
                {!partner.agreement
                  ? t('partners.agreement.none')
                  : t(
                      expired
                        ? 'partners.agreement.expired'
                        : notYet
                          ? 'partners.agreement.notYet'
                          : 'partners.agreement.inForce',
                      {
                        signedOn: formatDateText(partner.agreement.signedOn, i18n.language),
                        expiresOn: formatDateText(partner.agreement.expiresOn, i18n.language),
                      },
                    )}
              </p>
              {partner.contact && (
                <p className="small">
                  {[partner.contact.name, partner.contact.email, partner.contact.phone]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
              )}
              {!partner.key ? (
                <p>{t('partners.key.none')}</p>
              ) : (
                <div>
                  <p>
                    {t('partners.key.fingerprint')}:{' '}
                    <code data-testid="partner-fingerprint">{partner.key.fingerprint}</code>
                  </p>
                  <p data-testid="partner-key-state">
                    {partner.key.confirmedBy
                      ? t('partners.key.confirmed', {
                          name: nameOf(partner.key.confirmedBy),
                          date: date(partner.key.confirmedAt),
                        })
                      : t('partners.key.unconfirmed')}
                  </p>
                </div>
              )}
              {keeps && (
                <div className="actions">
                  <button type="button" className="secondary" onClick={() => setEditing(partner)}>
                    {t('partners.edit')}
                  </button>
                  {partner.vetting.status !== 'vetted' && (
                    <button type="button" onClick={() => void act(commands.vet(partner.id, 'vetted'))}>
                      {t('partners.vet')}
                    </button>
                  )}
                  {partner.vetting.status === 'vetted' && (
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => void act(commands.vet(partner.id, 'suspended'))}
                    >
                      {t('partners.suspend')}
                    </button>
                  )}
                  {partner.key && !partner.key.confirmedBy && (
                    <>
                      <label className="confirm">
                        <input
                          type="checkbox"
                          checked={compared.has(partner.id)}
                          onChange={(event) => {
                            const next = new Set(compared);
                            if (event.target.checked) next.add(partner.id);
                            else next.delete(partner.id);
                            setCompared(next);
                          }}
                        />{' '}
                        {t('partners.key.compared')}
                      </label>
                      <button
                        type="button"
                        disabled={!compared.has(partner.id)}
                        onClick={() => void act(commands.confirmKey(partner.id))}
                      >
                        {t('partners.key.confirm')}
                      </button>
                    </>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
