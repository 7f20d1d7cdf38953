import { useTranslation } from 'react-i18next';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import {
  countsForGates,
  recordLinks,
  usePartnerNames,
  type DirectoryEntry,
  type LedgerEntry,
} from './consent-data';
import { erasureRequestOf } from './erasure-request';
import { countryName, ERASURE_PENDING_NOTE, languageName, purposeLabel, shortId } from './labels';
import { EmptyState } from '../../components/EmptyState';

/**
 * The ledger as a timeline, newest first: each record's action and purpose, notice version and language, method,
 * when, who recorded and witnessed it on which device, and whether its signature holds. A withdrawn consent shows
 * the withdrawal that ended it, a corrected one the correction that replaced it. Nothing here changes or deletes a
 * record: the only action is a correction (a new record), for roles that may record consents.
 */
export function ConsentTimeline({
  entries,
  trusted,
  staff,
  onCorrect,
}: {
  entries: readonly LedgerEntry[];
  trusted: readonly ConsentRecord[];
  staff: readonly DirectoryEntry[];
  /** Offered on consents given (or corrections) that count and are not yet corrected; absent: no correction. */
  onCorrect?(record: ConsentRecord): void;
}) {
  const { t, i18n } = useTranslation();
  const partnerName = usePartnerNames();
  const language = i18n.language;
  const { withdrawnBy, correctedBy } = recordLinks(trusted);
  const byId = new Map(entries.map((entry) => [entry.record.id, entry.record]));
  const nameOf = (id: string | undefined) =>
    staff.find((entry) => entry.staffId === id)?.displayName ?? t('consents.timeline.unknownStaff');
  const ownerOfDevice = (id: string) =>
    staff.find((entry) => entry.devices.some((device) => device.id === id))?.displayName;

  if (entries.length === 0) return <EmptyState>{t('consents.timeline.empty')}</EmptyState>;
  return (
    <ol className="consent-timeline" aria-labelledby="consent-timeline-heading">
      {entries.map(({ record, validity }) => {
        const counts = countsForGates(validity);
        const ended = withdrawnBy.get(record.id);
        const replaced = correctedBy.get(record.id);
        const referred = record.refersTo ? byId.get(record.refersTo) : undefined;
        const erasurePending = record.notes?.includes(ERASURE_PENDING_NOTE) ?? false;
        const { requestId: erasureRequest, rest } = erasureRequestOf(record.notes);
        const notes = rest?.replace(ERASURE_PENDING_NOTE, '').trim();
        const owner = ownerOfDevice(record.deviceId);
        return (
          <li
            key={record.id}
            className={`consent-entry action-${record.action}${counts ? '' : ' not-counted'}${ended || replaced ? ' ended' : ''}`}
            data-testid="consent-entry"
            data-record-id={record.id}
            data-action={record.action}
            data-purpose={record.purpose}
          >
            <p className="consent-entry-head">
              <span className={`badge action-${record.action}`}>
                {t(`consents.actions.${record.action}`)}
              </span>{' '}
              <strong>{purposeLabel(t, language, record, partnerName)}</strong>{' '}
              <span className={`badge validity-${validity}`} data-testid="consent-validity">
                {t(`consents.validity.${validity}`)}
              </span>
            </p>
            <dl className="consent-facts">
              <dt>{t('consents.timeline.at')}</dt>
              <dd>
                <time dateTime={new Date(record.at).toISOString()}>
                  {new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(
                    record.at,
                  )}
                </time>
              </dd>
              <dt>{t('consents.timeline.method')}</dt>
              <dd>{t(`consents.methods.${record.method}`)}</dd>
            </dl>
            <p className="small">
              {t('consents.timeline.notice', {
                version: record.noticeVersion,
                language: languageName(record.language, language),
              })}
            </p>
            {record.purposeCode && (
              <p className="small">
                {t('consents.timeline.purposeCode', {
                  purpose: t(`consents.provisionPurposes.${record.purposeCode}`),
                })}
              </p>
            )}
            {record.statedPurpose && (
              <p className="small">{t('consents.timeline.statedPurpose', { text: record.statedPurpose })}</p>
            )}
            {record.partnerCountry && (
              <p className="small">
                {t('consents.timeline.partnerCountry', {
                  country: countryName(record.partnerCountry, language),
                })}
              </p>
            )}
            {record.countryInformation && record.action !== 'withdrawn' && (
              <p className="small">
                {t('consents.timeline.countryInformation', { text: record.countryInformation })}
              </p>
            )}
            {record.requestedBy && (
              <p className="small">
                {t('consents.timeline.requestedBy', { who: t(`consents.requesters.${record.requestedBy}`) })}
              </p>
            )}
            {notes && <p className="small">{t('consents.timeline.notes', { text: notes })}</p>}
            {erasurePending && <p className="small badge pending">{t('consents.timeline.erasurePending')}</p>}
            {erasureRequest && (
              <p className="small" data-testid="consent-erasure-request">
                {t('consents.timeline.erasureRequested', { id: shortId(erasureRequest) })}
              </p>
            )}
            {referred && record.action === 'withdrawn' && (
              <p className="small">{t('consents.timeline.withdraws', { time: new Date(referred.at) })}</p>
            )}
            {referred && record.action === 'corrected' && (
              <p className="small">{t('consents.timeline.replaces', { time: new Date(referred.at) })}</p>
            )}
            {ended && (
              <p className="small consent-ended" data-testid="consent-ended">
                {t('consents.timeline.endedBy', { time: new Date(ended.at) })}
              </p>
            )}
            {replaced && (
              <p className="small consent-ended">
                {t('consents.timeline.replacedBy', { time: new Date(replaced.at) })}
              </p>
            )}
            <p className="muted small">
              {t('consents.timeline.recordedBy', {
                name: nameOf(record.recordedBy),
                time: new Date(record.recordedAt),
              })}
              {record.witnessStaffId && (
                <> · {t('consents.timeline.witness', { name: nameOf(record.witnessStaffId) })}</>
              )}
              {' · '}
              {t('consents.timeline.device', {
                device: owner ? `${owner} (${shortId(record.deviceId)})` : shortId(record.deviceId),
              })}
            </p>
            {onCorrect &&
              counts &&
              (record.action === 'given' || record.action === 'corrected') &&
              !replaced &&
              !ended && (
                <button type="button" className="secondary small" onClick={() => onCorrect(record)}>
                  {t('consents.correct.open')}
                </button>
              )}
          </li>
        );
      })}
    </ol>
  );
}
