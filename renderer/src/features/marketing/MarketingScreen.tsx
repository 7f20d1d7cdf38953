import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../notices/notices.css';
import { calendarDateIn } from '../../../../shared/domain/dates';
import { languageName } from '../renewals/language-name';
import { useMarketingList } from './marketing-data';
import { marketingCsv } from './marketing-list';
import { EmptyState } from '../../components/EmptyState';

/**
 * The marketing list (managers and admins): clients with a marketing consent in force, and its CSV export (name,
 * preferred language, e-mail). How many were left out is said; who, never.
 */
export function MarketingScreen() {
  const { t, i18n } = useTranslation();
  const { list, check, refresh } = useMarketingList();
  const [exported, setExported] = useState<{ count: number; file: string } | undefined>();

  function exportCsv() {
    if (!list) return;
    const file = `marketing-${calendarDateIn(Date.now(), 'Asia/Tokyo')}.csv`;
    // A byte-order mark: spreadsheet programs then read the file as UTF-8 (Japanese names).
    const blob = new Blob(['\uFEFF', marketingCsv(list.rows)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = file;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
    setExported({ count: list.rows.length, file });
  }

  return (
    <section aria-labelledby="marketing-heading" className="marketing-screen">
      <h2 id="marketing-heading">{t('marketing.heading')}</h2>
      <p className="muted">{t('marketing.intro')}</p>
      <p className="muted" data-testid="marketing-check">
        {check === 'checking'
          ? t('marketing.checking')
          : check === 'server'
            ? t('marketing.checkedServer')
            : t('marketing.checkedDevice')}{' '}
        {check === 'device-only' && (
          <button type="button" className="secondary" onClick={refresh}>
            {t('marketing.recheck')}
          </button>
        )}
      </p>
      {list === undefined && <p className="muted">{t('marketing.loading')}</p>}
      {list && (
        <>
          <p role="status" data-testid="marketing-count">
            {t('marketing.count', { count: list.rows.length })}{' '}
            {list.leftOut > 0 && t('marketing.leftOut', { count: list.leftOut })}
          </p>
          <button type="button" onClick={exportCsv} disabled={list.rows.length === 0}>
            {t('marketing.export')}
          </button>
          {exported && <p className="record-saved">{t('marketing.exported', exported)}</p>}
          {list.rows.length === 0 ? (
            <EmptyState>{t('marketing.none')}</EmptyState>
          ) : (
            <table className="marketing-list data-table" aria-label={t('marketing.listLabel')}>
              <thead>
                <tr>
                  <th scope="col">{t('marketing.column.name')}</th>
                  <th scope="col">{t('marketing.column.language')}</th>
                  <th scope="col">{t('marketing.column.email')}</th>
                </tr>
              </thead>
              <tbody>
                {list.rows.map((row) => (
                  <tr key={row.clientId}>
                    <th scope="row">{row.name}</th>
                    <td>
                      {row.language ? languageName(row.language, i18n.language) : t('marketing.noLanguage')}
                    </td>
                    <td>{row.email || <span className="muted">{t('marketing.noEmail')}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

/** Whether a person sees the marketing list: managers and admins. */
export function seesMarketing(role: string): boolean {
  return role === 'manager' || role === 'admin';
}
