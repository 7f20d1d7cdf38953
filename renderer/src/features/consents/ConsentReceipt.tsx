import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../../../shared/index';
import { bridge } from '../../bridge/index';
import { usePartners } from '../partners/partners-data';
import { usePartnerNames, type PurposeRow } from './consent-data';
import { purposeLabelWithCode } from './labels';
import {
  RECEIPT_LANGUAGES,
  receiptJson,
  receiptLanguage,
  receiptLines,
  type ReceiptLanguage,
} from './receipt-content';

/**
 * The consent receipt the client keeps: a page over the app that `@media print` prints alone (window.print(); the
 * print dialog saves it as PDF), in the client's language whatever the UI's, listing each purpose with its state,
 * notice version, date and method, and how to withdraw (privacy policy §5, §8); and the same as JSON.
 */
export function ConsentReceipt({
  client,
  rows,
  onClose,
}: {
  client: Client;
  rows: readonly PurposeRow[];
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const partnerName = usePartnerNames();
  const partners = usePartners();
  const [language, setLanguage] = useState<ReceiptLanguage>(() => receiptLanguage(client.languages));
  const [issuedAt] = useState(() => Date.now());
  const tr = i18n.getFixedT(language);
  const lines = receiptLines(rows);
  const dateOf = (at: number) => new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(at);

  useEffect(() => {
    document.body.classList.add('printing-consent-receipt');
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => {
      document.body.classList.remove('printing-consent-receipt');
      window.removeEventListener('keydown', onKey);
    };
  }, [onClose]);

  const download = () =>
    void bridge.saveFile({
      suggestedName: `consent-receipt-${client.id.slice(0, 8)}-${new Date(issuedAt).toISOString().slice(0, 10)}.json`,
      mimeType: 'application/json',
      contents: receiptJson({
        client: { id: client.id, name: client.names.latin },
        issuedAt,
        language,
        lines,
        partners: partners ?? [],
        howToWithdraw: tr('consents.receipt.withdrawText'),
      }),
    });

  return createPortal(
    <div
      className="receipt-overlay"
      role="dialog"
      aria-modal="true"
      aria-label={t('consents.receipt.dialog')}
    >
      <div className="receipt-controls">
        <label>
          {t('consents.receipt.language')}{' '}
          <select value={language} onChange={(e) => setLanguage(e.target.value as ReceiptLanguage)}>
            {RECEIPT_LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {new Intl.DisplayNames([code], { type: 'language' }).of(code)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => window.print()}>
          {t('consents.receipt.print')}
        </button>
        <button type="button" className="secondary" onClick={download}>
          {t('consents.receipt.download')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('consents.receipt.close')}
        </button>
      </div>
      <article className="consent-receipt" lang={language} data-testid="consent-receipt">
        <h1>{tr('consents.receipt.title')}</h1>
        <p>{tr('consents.receipt.for', { name: client.names.latin })}</p>
        <p className="small">{tr('consents.receipt.issued', { time: new Date(issuedAt) })}</p>
        <p>{tr('consents.receipt.intro')}</p>
        <table>
          <thead>
            <tr>
              <th scope="col">{tr('consents.receipt.purpose')}</th>
              <th scope="col">{tr('consents.receipt.state')}</th>
              <th scope="col">{tr('consents.receipt.version')}</th>
              <th scope="col">{tr('consents.receipt.date')}</th>
              <th scope="col">{tr('consents.receipt.method')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line, index) => (
              <tr key={rows[index]!.key} data-purpose={line.purpose} data-state={line.state}>
                <th scope="row">{purposeLabelWithCode(tr, language, line, partnerName)}</th>
                <td>{tr(`consents.states.${line.state}`)}</td>
                <td>{line.noticeVersion ?? '—'}</td>
                <td>{line.at !== undefined ? dateOf(line.at) : '—'}</td>
                <td>{line.method ? tr(`consents.methods.${line.method}`) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{tr('consents.receipt.withdrawHeading')}</h2>
        <p>{tr('consents.receipt.withdrawText')}</p>
      </article>
    </div>,
    document.body,
  );
}
