import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShareRequest } from '../../../../shared/domain/share-request';
import { isMedicalShareField, shareItems } from '../../../../shared/domain/share-fields';
import { useClient } from '../clients/client-data';
import { useStaffEntries } from '../consents/consent-data';
import { useClientTrips } from '../trips/trip-data';
import { BuildPackage } from './BuildPackage';
import { sharePurposeText } from './share-purpose';
import { formatDateTime } from '../../i18n/format';
import { formatDateText } from '../../components/form/index';

/**
 * One share request: partner, purpose (the catalogue's, which the consent gate checks, then the requester's words),
 * the client and the booked item it serves, status, people, and exactly the items that would leave with their kind
 * (profile, or medical: special-care data), field keys and labels: the sealed package's items and the provision
 * record's, shared/domain/share-fields.ts); an approved one offers building its package (BuildPackage), or shows its
 * delivery. `children` holds other actions.
 */
export function ShareRequestCard({ request, children }: { request: ShareRequest; children?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const staff = useStaffEntries();
  const ja = i18n.language.startsWith('ja');
  const nameOf = (id: string | undefined) => staff.find((entry) => entry.staffId === id)?.displayName ?? '—';
  const date = (at: number | undefined) => (at ? formatDateTime(at, i18n.language) : '');
  const items = shareItems(request.fields);
  const client = useClient(request.clientId);
  const trip = useClientTrips(request.clientId)?.find((held) => held.id === request.tripId);
  const booked = trip?.items.find((item) => item.id === request.tripItemId);
  const purpose = sharePurposeText(t, request);
  return (
    <article className="panel share-request" data-testid="share-request" data-status={request.status}>
      <h4>
        {request.partnerName} ({request.partnerCountry}) ·{' '}
        <span className={`badge ${request.status}`}>{t(`shares.status.${request.status}`)}</span>
      </h4>
      <p
        data-testid="share-purpose-code"
        data-purpose-code={request.purposeCode}
        className={purpose.missing ? 'field-error' : undefined}
      >
        {purpose.catalogue}
      </p>
      <p data-testid="share-purpose-words">{purpose.words}</p>
      <p data-testid="share-client">
        {t('shares.client', {
          name: client
            ? client.names.latin
            : t('shares.clientNotHere', { ref: request.clientId.slice(0, 8) }),
        })}
      </p>
      {request.tripId === undefined ? (
        <p className="field-error" data-testid="share-no-trip-item">
          {t('shares.noTripItem')}
        </p>
      ) : (
        <p data-testid="share-booked-item">
          {t('shares.bookedLine', {
            item: booked
              ? `${trip!.title}: ${booked.title ?? booked.kind} (${formatDateText(booked.start.slice(0, 10), i18n.language)})`
              : t('shares.bookedNotHere'),
          })}
        </p>
      )}
      <p className="small">
        {t('shares.requestedBy', { name: nameOf(request.requestedBy), date: date(request.requestedAt) })}
        {request.decidedBy &&
          ` · ${t('shares.decidedBy', { name: nameOf(request.decidedBy), date: date(request.decidedAt) })}`}
        {request.decisionNote && ` · ${request.decisionNote}`}
      </p>
      {request.cancelReason && <p className="small">{t(`shares.cancelReason.${request.cancelReason}`)}</p>}
      <h5>{request.status === 'approved' ? t('shares.willLeave') : t('shares.wouldLeave')}</h5>
      <ul data-testid="share-items">
        {items.map((item) => (
          <li key={item.key} data-key={item.key}>
            {ja ? item.label.ja : item.label.en}{' '}
            <span className="badge" data-testid="share-item-kind">
              {t(isMedicalShareField(item.key) ? 'shares.kind.medical' : 'shares.kind.profile')}
            </span>{' '}
            <code className="muted small">{item.key}</code>
          </li>
        ))}
      </ul>
      {request.status === 'approved' && <BuildPackage request={request} />}
      {children}
    </article>
  );
}
