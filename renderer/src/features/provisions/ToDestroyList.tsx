import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Provision } from '../../../../shared/domain/provision';
import { useClient } from '../clients/client-data';
import { usePartners } from '../partners/partners-data';
import { useProvisionCommands, useProvisionsToDestroy } from './provisions-data';
import { EmptyState } from '../../components/EmptyState';
import { formatDate } from '../../i18n/format';

function ToDestroyRow({ record }: { record: Provision }) {
  const { t, i18n } = useTranslation();
  const client = useClient(record.clientId);
  const partner = usePartners()?.find((held) => held.id === record.partnerId);
  const commands = useProvisionCommands();
  const [failure, setFailure] = useState<string>();
  const ja = i18n.language.startsWith('ja');
  return (
    <li className="panel" data-testid="to-destroy">
      <p>
        {t('provisions.destroyList.line', {
          client: client?.names.latin ?? record.clientId.slice(0, 8),
          partner: partner ? (ja ? partner.names.ja : partner.names.en) : record.partnerId.slice(0, 8),
          date: formatDate(record.at, i18n.language),
        })}
      </p>
      <p className="small">
        {t('provisions.destroyList.package')} <code>{record.packageId}</code>
      </p>
      <button
        type="button"
        onClick={() =>
          void commands.recordDestroyNotified(record).then(
            () => setFailure(undefined),
            (cause: unknown) => setFailure(String(cause)),
          )
        }
      >
        {t('provisions.markDestroyed')}
      </button>
      {failure && <p role="alert">{failure}</p>}
    </li>
  );
}

/**
 * For managers: every delivered package whose client withdrew the consent it relied on, across clients, until
 * someone records that the partner was told to destroy it (a `destroy-notified` record, which syncs).
 */
export function ToDestroyList() {
  const { t } = useTranslation();
  const records = useProvisionsToDestroy();
  return (
    <section aria-labelledby="to-destroy-heading" className="to-destroy-list">
      <h3 id="to-destroy-heading">{t('provisions.destroyList.heading')}</h3>
      <p className="muted small">{t('provisions.destroyList.intro')}</p>
      {records?.length === 0 && <EmptyState>{t('provisions.destroyList.none')}</EmptyState>}
      <ul>
        {records?.map((record) => (
          <ToDestroyRow key={record.id} record={record} />
        ))}
      </ul>
    </section>
  );
}
