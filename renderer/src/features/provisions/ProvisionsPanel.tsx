import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../../../shared/index';
import { provisionsToDestroy, type Provision } from '../../../../shared/domain/provision';
import { FieldErrors, type ValidationResult } from '../../../../shared/domain/validation';
import { ErrorSummary, Field, FormSettingsProvider, SavedNote, useForm } from '../../components/form/index';
import { useConsentRecords, useStaffEntries } from '../consents/consent-data';
import { usePartners } from '../partners/partners-data';
import { provisionsJson, useProvisionCommands, useProvisions } from './provisions-data';
import { EmptyState } from '../../components/EmptyState';
import { formatDateTime } from '../../i18n/format';

interface ReceiptDraft {
  partnerId: string;
  itemEn: string;
  itemJa: string;
  obtainedHow: string;
}

function validateReceipt(draft: ReceiptDraft): ValidationResult<ReceiptDraft> {
  const errors = new FieldErrors();
  for (const field of ['partnerId', 'itemEn', 'itemJa', 'obtainedHow'] as const) {
    if (!draft[field].trim()) errors.add(field, 'required');
  }
  return errors.result(draft);
}

function ReceiptForm({ clientId }: { clientId: string }) {
  const { t, i18n } = useTranslation();
  const partners = usePartners() ?? [];
  const commands = useProvisionCommands();
  const form = useForm({
    initial: { partnerId: '', itemEn: '', itemJa: '', obtainedHow: '' },
    validate: validateReceipt,
    save: async (value) =>
      void (await commands.recordReceipt({
        clientId,
        partnerId: value.partnerId,
        items: [{ key: 'received', label: { en: value.itemEn.trim(), ja: value.itemJa.trim() } }],
        obtainedHow: value.obtainedHow.trim(),
      })),
    onSaved: () => form.reset(),
  });
  const ja = i18n.language.startsWith('ja');
  return (
    <FormSettingsProvider errorPrefix="partners.problem">
      <form className="panel" onSubmit={form.submit} noValidate aria-labelledby="receipt-heading">
        <h4 id="receipt-heading">{t('provisions.receiptHeading')}</h4>
        <Field
          label={t('provisions.receiptPartner')}
          id="receipt-partner"
          errors={form.errorsAt('partnerId')}
        >
          {(control) => (
            <select {...control} {...form.bind('partnerId')}>
              <option value="">{t('shares.choosePartner')}</option>
              {partners.map((partner) => (
                <option key={partner.id} value={partner.id}>
                  {ja ? partner.names.ja : partner.names.en}
                </option>
              ))}
            </select>
          )}
        </Field>
        {(['itemEn', 'itemJa', 'obtainedHow'] as const).map((name) => (
          <Field
            key={name}
            label={t(
              `provisions.${name === 'itemEn' ? 'receiptItem' : name === 'itemJa' ? 'receiptItemJa' : name}`,
            )}
            id={`receipt-${name}`}
            errors={form.errorsAt(name)}
          >
            {(control) => <input {...control} {...form.bind(name)} maxLength={200} />}
          </Field>
        ))}
        <button type="submit" disabled={form.saving}>
          {t('provisions.receiptSave')}
        </button>
        <SavedNote form={form}>{t('provisions.receiptSaved')}</SavedNote>
        <ErrorSummary
          form={form}
          invalid={t('provisions.receiptRequired')}
          failed={(code) => t('provisions.failed', { code })}
        />
      </form>
    </FormSettingsProvider>
  );
}

/**
 * The client's provision ledger (APPI Art. 29/30), as a readable page that prints, and as JSON. A delivery whose
 * consent the client withdrew is marked for the partner to be told to destroy it, with the record of having done so.
 */
export function ProvisionsPanel({ client }: { client: Client }) {
  const { t, i18n } = useTranslation();
  const records = useProvisions(client.id) ?? [];
  const partners = usePartners() ?? [];
  const staff = useStaffEntries();
  const { trusted } = useConsentRecords(client.id);
  const commands = useProvisionCommands();
  const [failure, setFailure] = useState<string>();
  const ja = i18n.language.startsWith('ja');
  const partnerName = (id: string) => {
    const partner = partners.find((held) => held.id === id);
    return partner ? (ja ? partner.names.ja : partner.names.en) : id.slice(0, 8);
  };
  const nameOf = (id: string | undefined) =>
    id ? (staff.find((entry) => entry.staffId === id)?.displayName ?? id.slice(0, 8)) : '';
  const toDestroy = new Set(provisionsToDestroy(records, trusted).map((record) => record.id));
  const download = () => {
    const url = URL.createObjectURL(
      new Blob([provisionsJson(client.id, records)], { type: 'application/json' }),
    );
    const link = document.createElement('a');
    link.href = url;
    link.download = `provision-records-${client.id}.json`;
    link.click();
    URL.revokeObjectURL(url);
  };
  const markDestroyed = (record: Provision) =>
    commands.recordDestroyNotified(record).then(
      () => setFailure(undefined),
      (cause: unknown) => setFailure(t('provisions.failed', { code: String(cause) })),
    );
  return (
    <section aria-labelledby="provisions-heading" className="provisions-panel">
      <h3 id="provisions-heading">{t('provisions.heading')}</h3>
      <p className="muted">{t('provisions.intro')}</p>
      <div className="actions no-print">
        <button type="button" className="secondary" onClick={download}>
          {t('provisions.json')}
        </button>
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t('provisions.print')}
        </button>
      </div>
      {failure && <p role="alert">{failure}</p>}
      {records.length === 0 ? (
        <EmptyState>{t('provisions.none')}</EmptyState>
      ) : (
        <table className="provision-table data-table">
          <thead>
            <tr>
              {(
                [
                  'date',
                  'kind',
                  'partner',
                  'items',
                  'consent',
                  'people',
                  'package',
                  'obtained',
                  'recordedBy',
                ] as const
              ).map((column) => (
                <th key={column} scope="col">
                  {t(`provisions.columns.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {records.map((record) => (
              <tr key={record.id} data-testid="provision-row" data-kind={record.kind}>
                <td>{formatDateTime(record.at, i18n.language)}</td>
                <td>{t(`provisions.kind.${record.kind}`)}</td>
                <td>{partnerName(record.partnerId)}</td>
                <td>{record.items?.map((item) => (ja ? item.label.ja : item.label.en)).join(', ')}</td>
                <td>
                  <code className="small">
                    {[record.consentId, record.overseasConsentId].filter(Boolean).join(' ')}
                  </code>
                </td>
                <td>{[nameOf(record.requestedBy), nameOf(record.approvedBy)].filter(Boolean).join(' / ')}</td>
                <td>
                  <code className="small">
                    {[record.packageId, record.packageHash].filter(Boolean).join(' ')}
                  </code>
                </td>
                <td>{record.obtainedHow ?? ''}</td>
                <td>
                  {nameOf(record.recordedBy)}
                  {toDestroy.has(record.id) && (
                    <div className="no-print">
                      <p className="error">{t('provisions.toDestroy')}</p>
                      <button type="button" onClick={() => void markDestroyed(record)}>
                        {t('provisions.markDestroyed')}
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ReceiptForm clientId={client.id} />
    </section>
  );
}
