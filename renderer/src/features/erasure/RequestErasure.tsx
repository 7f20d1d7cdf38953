import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErasureRequestScope } from '../../../../shared/domain/request';
import { useSession } from '../../session/index';
import { useClient } from '../clients/client-data';
import { EraseDialog } from './EraseDialog';
import { mayErase } from './erasure-data';

/**
 * An erasure request carried out from the register: the erase dialog, its basis the request and its reference the
 * request's id (on the certificate), for the person who may erase. A request naming a part of the client (its
 * medical section, its passport) offers that part's erasure first; the whole client's answers any request. The
 * request is answered in the register.
 */
export function RequestErasure({
  clientId,
  requestId,
  scope = 'client',
}: {
  clientId: string;
  requestId: string;
  scope?: ErasureRequestScope;
}) {
  const { t } = useTranslation();
  const { identity } = useSession();
  const client = useClient(clientId);
  const [open, setOpen] = useState<ErasureRequestScope | undefined>();
  const [scheduled, setScheduled] = useState(false);
  if (!mayErase(identity.role)) return null;
  // Once scheduled the client is hidden everywhere (useClient gives nothing): the status stays.
  if (!client && !scheduled) return null;
  return (
    <section className="panel" aria-labelledby={`request-erasure-${requestId}`}>
      <h3 id={`request-erasure-${requestId}`}>{t('erasure.fromRequest.heading')}</h3>
      {scheduled ? (
        <p role="status">{t('erasure.fromRequest.scheduled')}</p>
      ) : (
        <>
          {scope !== 'client' && (
            <button type="button" className="danger" onClick={() => setOpen(scope)}>
              {t(`erasure.part.open.${scope}`)}
            </button>
          )}{' '}
          <button type="button" className="danger" onClick={() => setOpen('client')}>
            {t('erasure.fromRequest.open')}
          </button>
        </>
      )}
      {open && client && (
        <EraseDialog
          client={client}
          reference={requestId}
          scope={open}
          onClose={(done) => {
            setOpen(undefined);
            setScheduled(done);
          }}
        />
      )}
    </section>
  );
}
