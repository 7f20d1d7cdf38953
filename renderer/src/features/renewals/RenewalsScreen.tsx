import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../notices/notices.css';
import { FormSettingsProvider } from '../../components/form/index';
import { formatOffice } from '../notices/format';
import { languageName } from './language-name';
import { useRenewalRows, type RenewalRow } from './renewal-data';
import { RenewalForm } from './RenewalForm';
import { EmptyState } from '../../components/EmptyState';

/**
 * Re-consent after a substantial change (privacy policy §7): the clients whose medical consent cites an older
 * version, with their preferred language, contact details and the deadline; per client, record that they were told,
 * their renewed consent, or their refusal.
 */
export function RenewalsScreen() {
  const { t, i18n } = useTranslation();
  const { rows, now } = useRenewalRows();
  const [open, setOpen] = useState<string | undefined>();
  // Whose step was recorded last, worded when shown (a language switch rewords it).
  const [message, setMessage] = useState<{ name: string } | undefined>();
  const nameOf = (row: RenewalRow) => row.client?.names.latin ?? t('renewals.unknownClient');
  const when = (at: number) => formatOffice(at, i18n.language);

  function stateText(row: RenewalRow): string {
    if (row.state === 'refused' && row.refused)
      return t('renewals.state.refused', { when: when(row.refused.at) });
    if (row.state === 'told' && row.informed) {
      return t('renewals.state.told', {
        when: when(row.informed.at),
        method: t(`renewals.methods.${row.informed.method}`),
      });
    }
    return t('renewals.state.to-tell');
  }

  return (
    <FormSettingsProvider errorPrefix="renewals.errors" firstErrorOnly>
      <section aria-labelledby="renewals-heading" className="renewals-screen">
        <h2 id="renewals-heading">{t('renewals.heading')}</h2>
        <p className="muted">{t('renewals.intro')}</p>
        <p className="muted">{t('renewals.zone')}</p>
        <div role="status">
          {message && <p className="record-saved">{t('renewals.form.saved', message)}</p>}
        </div>
        {rows === undefined && <p className="muted">{t('renewals.loading')}</p>}
        {rows?.length === 0 && <EmptyState>{t('renewals.none')}</EmptyState>}
        {rows !== undefined && rows.length > 0 && (
          <table className="renewal-list data-table" aria-label={t('renewals.listLabel')}>
            <thead>
              <tr>
                <th scope="col">{t('renewals.column.client')}</th>
                <th scope="col">{t('renewals.column.language')}</th>
                <th scope="col">{t('renewals.column.contact')}</th>
                <th scope="col">{t('renewals.column.cited')}</th>
                <th scope="col">{t('renewals.column.deadline')}</th>
                <th scope="col">{t('renewals.column.state')}</th>
                <th scope="col">{t('renewals.column.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const contact = row.client?.contact;
                const language = row.client?.languages?.[0];
                return [
                  <tr key={row.clientId} data-testid={`renewal-${row.clientId}`}>
                    <th scope="row">{nameOf(row)}</th>
                    <td>{language ? languageName(language, i18n.language) : t('renewals.noLanguage')}</td>
                    <td>
                      {contact?.email || contact?.phone ? (
                        <>
                          {contact.email && <a href={`mailto:${contact.email}`}>{contact.email}</a>}
                          {contact.email && contact.phone && <br />}
                          {contact.phone && <span>{contact.phone}</span>}
                        </>
                      ) : (
                        <span className="muted">{t('renewals.noContact')}</span>
                      )}
                    </td>
                    <td>
                      {row.consent.legacy
                        ? t('renewals.legacyVersion', { version: row.consent.noticeVersion })
                        : t('renewals.citedVersion', { version: row.consent.noticeVersion })}
                      <br />
                      <span className="muted">
                        {t('renewals.newVersion', { version: row.need.notice.version })}
                      </span>
                    </td>
                    <td>
                      {when(row.need.deadline)}
                      {row.overdue && <p className="field-error">{t('renewals.overdue')}</p>}
                    </td>
                    <td>{stateText(row)}</td>
                    <td>
                      {row.client && open !== row.clientId && (
                        <button
                          type="button"
                          className="secondary"
                          aria-label={t('renewals.record', { name: nameOf(row) })}
                          onClick={() => {
                            setMessage(undefined);
                            setOpen(row.clientId);
                          }}
                        >
                          {t('renewals.recordShort')}
                        </button>
                      )}
                    </td>
                  </tr>,
                  open === row.clientId && (
                    <tr key={`${row.clientId}-form`} className="renewal-form-row">
                      <td colSpan={7}>
                        <RenewalForm
                          row={row}
                          name={nameOf(row)}
                          now={now}
                          onDone={(saved) => {
                            setOpen(undefined);
                            if (saved) setMessage({ name: nameOf(row) });
                          }}
                        />
                      </td>
                    </tr>
                  ),
                ];
              })}
            </tbody>
          </table>
        )}
      </section>
    </FormSettingsProvider>
  );
}
