import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../../../shared/index';
import { EXPORT_SOURCES, type ClientDataExport } from '../../../../shared/domain/request-export';
import { SHARE_FIELD_LABELS } from '../../../../shared/domain/share-fields';
import { localeOf } from '../../i18n/index';
import { reportLabels } from './report-labels';

type Label = { en: string; ja: string };

const PROFILE_FIELDS = [
  'names',
  'nationality',
  'dateOfBirth',
  'languages',
  'contact',
  'passport',
  'preferences',
  'emergencyContacts',
  'lifestyle',
  'status',
] as const satisfies readonly (keyof Client)[];

/**
 * The readable report of an export, in the client's language (the export's `language`, whatever the UI's): a page
 * over the app that `@media print` prints alone (window.print(); the print dialog saves it as PDF). Drawn from the
 * same document as the JSON file.
 */
export function ExportReport({
  exported,
  language,
  names,
  onClose,
}: {
  exported: ClientDataExport;
  /** The client's (the export's) unless the client asked for the other. */
  language: 'en' | 'ja';
  names: ReadonlyMap<string, string>;
  onClose(): void;
}) {
  const { t: uiT, i18n } = useTranslation();
  // The app's locale for the language (en-GB for English), so that anything i18next formats reads as elsewhere.
  const t = i18n.getFixedT(localeOf(language));
  const label = reportLabels(t, language);
  const who = (id: string | undefined) => (id ? (names.get(id) ?? id.slice(0, 8)) : '—');
  useEffect(() => {
    document.body.classList.add('printing-report');
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => {
      document.body.classList.remove('printing-report');
      window.removeEventListener('keydown', onKey);
    };
  }, [onClose]);
  const none = <p>{t('export.report.none')}</p>;
  // A value's lines (report-values.ts): one line as text, several as a list.
  const lines = (texts: string[]) =>
    texts.length === 0 ? (
      '—'
    ) : texts.length === 1 ? (
      texts[0]
    ) : (
      <ul>
        {texts.map((text, index) => (
          <li key={index}>{text}</li>
        ))}
      </ul>
    );
  const section = (key: string, body: React.ReactNode) => (
    <section aria-labelledby={`report-${key}`}>
      <h2 id={`report-${key}`}>{t(`export.report.sections.${key}`)}</h2>
      {body}
    </section>
  );
  const { medical } = exported;

  return createPortal(
    <div
      className="print-overlay export-report"
      role="dialog"
      aria-modal="true"
      aria-labelledby="report-title"
      lang={language}
    >
      <div className="print-controls">
        <button type="button" onClick={() => window.print()}>
          {uiT('export.panel.print')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {uiT('requests.cancel')}
        </button>
      </div>
      <article className="print-page" data-testid="export-report">
        <h1 id="report-title">{t('export.report.title')}</h1>
        <p>{t('export.report.subtitle')}</p>
        <p className="muted">
          {t('export.report.generated', {
            time: label.dateTime(exported.exportedAt),
            name: exported.exportedBy.name ?? '—',
          })}
        </p>
        <p className="muted">
          {t('export.report.schema', { format: exported.format, version: exported.schemaVersion })}
        </p>
        {section(
          'client',
          <dl>
            {PROFILE_FIELDS.filter((field) => exported.client[field] !== undefined).map((field) => (
              <div key={field}>
                <dt>{t(`export.report.field.${field}`)}</dt>
                <dd>{lines(label.clientField(field, exported.client))}</dd>
              </div>
            ))}
          </dl>,
        )}
        {section(
          'trips',
          exported.trips.length === 0
            ? none
            : exported.trips.map((trip) => (
                <div key={trip.id}>
                  <h3>
                    {t('export.report.tripLine', {
                      title: trip.title,
                      start: label.day(trip.startDate),
                      end: label.day(trip.endDate),
                    })}
                  </h3>
                  <ul>
                    {trip.items.map((item) => (
                      <li key={item.id}>
                        {t('export.report.itemLine', {
                          start: label.instant(item.start, item.startTimeZone ?? trip.timeZone),
                          end: label.instant(
                            item.end,
                            item.endTimeZone ?? item.startTimeZone ?? trip.timeZone,
                          ),
                          title: label.itemTitle(item),
                        })}
                        {label.itemDetails(item) && ` · ${label.itemDetails(item)}`}
                      </li>
                    ))}
                  </ul>
                </div>
              )),
        )}
        {section(
          'medical',
          medical.state === 'open' ? (
            <dl data-testid="report-medical">
              {Object.entries(medical.content).map(([field, value]) => (
                <div key={field}>
                  <dt>{t(`export.report.field.${field}`)}</dt>
                  <dd>{lines(label.medicalField(field, value))}</dd>
                </div>
              ))}
            </dl>
          ) : medical.state === 'no-access' ? (
            <>
              <p>{t('export.report.medicalState.no-access')}</p>
              <p data-testid="report-medical-granters">
                {medical.granters.length > 0
                  ? t('export.report.medicalGranters', {
                      names: medical.granters.map(who).join(t('export.report.listJoiner')),
                    })
                  : t('export.report.medicalNoGranter')}
              </p>
            </>
          ) : (
            <p>{t(`export.report.medicalState.${medical.state}`)}</p>
          ),
        )}
        {section(
          'medicalAccess',
          exported.medicalAccess.length === 0 ? (
            none
          ) : (
            <ul>
              {exported.medicalAccess.map((grant) => (
                <li key={`${grant.keyId}.${grant.recipientId}`}>
                  {t('export.report.accessGrant', {
                    keyId: grant.keyId.slice(0, 8),
                    who:
                      grant.recipientId === 'org-recovery'
                        ? t('export.report.organisationRecovery')
                        : who(grant.recipientId),
                    time: label.date(grant.createdAt),
                  })}
                </li>
              ))}
            </ul>
          ),
        )}
        {section(
          'consents',
          exported.consents.length === 0 ? (
            none
          ) : (
            <ul>
              {exported.consents.map(({ record, validity }) => (
                <li key={record.id}>
                  {t('export.report.consentLine', {
                    purpose: t(`consents.purposes.${record.purpose}`),
                    action: t(`consents.actions.${record.action}`),
                    time: label.date(record.at),
                    validity: t(`export.report.validity.${validity}`),
                  })}
                </li>
              ))}
            </ul>
          ),
        )}
        {section(
          'provisionRecords',
          exported.provisionRecords.length === 0 ? (
            none
          ) : (
            <ul>
              {exported.provisionRecords.map((share) => (
                <li key={share.id}>
                  {t('export.report.provisionLine', {
                    partner: share.partnerName,
                    country: share.partnerCountry ? label.country(share.partnerCountry) : '—',
                    time: label.date(share.decidedAt ?? share.requestedAt),
                    // The items by their names in the report's language, as the provision ledger shows them.
                    fields: share.fields
                      .map(
                        (field) =>
                          (SHARE_FIELD_LABELS as Partial<Record<string, Label>>)[field]?.[language] ?? field,
                      )
                      .join(', '),
                  })}
                </li>
              ))}
            </ul>
          ),
        )}
        {section(
          'provisionLedger',
          exported.provisionLedger.records.length === 0 ? (
            none
          ) : (
            <ul>
              {exported.provisionLedger.records.map((record) => {
                const partner = exported.provisionLedger.partners.find(
                  (held) => held.id === record.partnerId,
                );
                return (
                  <li key={record.id}>
                    {t('export.report.ledgerLine', {
                      time: label.date(record.at),
                      kind: t(`export.report.ledgerKind.${record.kind}`),
                      partner: partner ? partner.names[language] : record.partnerId,
                      items: (record.items ?? []).map((item) => item.label[language]).join(', '),
                    })}
                  </li>
                );
              })}
            </ul>
          ),
        )}
        {section(
          'shareRequests',
          exported.shareRequests.length === 0 ? (
            none
          ) : (
            <ul>
              {exported.shareRequests.map((share) => (
                <li key={share.id}>
                  {t('export.report.shareLine', {
                    partner: share.partnerName,
                    country: share.partnerCountry ? label.country(share.partnerCountry) : '—',
                    purpose: share.purpose,
                    status: label.shareStatus(share.status),
                  })}
                </li>
              ))}
            </ul>
          ),
        )}
        {section(
          'legalHolds',
          exported.legalHolds.length === 0 ? (
            none
          ) : (
            <ul>
              {exported.legalHolds.map((hold) => (
                <li key={hold.id}>
                  {t('export.report.holdLine', { time: label.date(hold.appliedAt), reason: hold.reason })}
                </li>
              ))}
            </ul>
          ),
        )}
        {section(
          'incidents',
          exported.incidents.length === 0 ? (
            none
          ) : (
            <ul data-testid="report-incidents">
              {exported.incidents.map((incident) => (
                <li key={incident.id}>
                  {t('export.report.incidentLine', {
                    time: label.date(incident.discoveredAt),
                    categories: incident.dataCategories
                      .map((category) => t(`export.report.dataCategory.${category}`))
                      .join(', '),
                    status: t(`export.report.incidentStatus.${incident.status}`),
                  })}
                  <ul>
                    {incident.notifications.length === 0 ? (
                      <li>{t('export.report.incidentNotToldYet')}</li>
                    ) : (
                      incident.notifications.map((told, index) => (
                        <li key={index}>
                          {t('export.report.incidentNotice', {
                            time: label.date(told.notifiedAt),
                            channel: label.channel(told.channel),
                            language: label.languageName(told.language),
                          })}
                        </li>
                      ))
                    )}
                  </ul>
                </li>
              ))}
            </ul>
          ),
        )}
        {section(
          'accessLog',
          exported.accessLog.length === 0 ? (
            none
          ) : (
            <ul data-testid="report-access-log">
              {exported.accessLog.map((entry, index) => (
                <li key={index}>
                  {t('export.report.accessLine', {
                    time: label.dateTime(entry.at),
                    who: who(entry.staffId),
                    what: label.accessWhat(entry),
                  })}
                </li>
              ))}
            </ul>
          ),
        )}
        {section(
          'requests',
          exported.requests.length === 0 ? (
            none
          ) : (
            <ul>
              {exported.requests.map((request) => (
                <li key={request.id}>
                  {t('export.report.requestLine', {
                    time: label.date(request.receivedAt),
                    type: t(`requests.type.${request.type}`),
                    status: t(`requests.status.${request.status}`),
                  })}
                </li>
              ))}
            </ul>
          ),
        )}
        {section(
          'deletedRecords',
          exported.deletedRecords.length === 0 ? (
            none
          ) : (
            <ul data-testid="report-deleted">
              {exported.deletedRecords.map((deleted) => (
                <li key={`${deleted.collection}-${deleted.id}`}>
                  {t('export.report.deletedLine', {
                    section: t(`export.report.sections.${deletedSection(deleted.collection)}`),
                    time: label.date(
                      Number(deleted.record.updatedAt ?? deleted.record.at ?? exported.exportedAt),
                    ),
                  })}
                </li>
              ))}
            </ul>
          ),
        )}
      </article>
    </div>,
    document.body,
  );
}

/** The report's section a deleted record of a collection belongs to (EXPORT_SOURCES), else the client's record. */
function deletedSection(collection: string): string {
  const placed = (EXPORT_SOURCES.collections as Record<string, string>)[collection];
  return placed && placed !== 'privacyNotices' ? placed : 'client';
}
