import { useTranslation } from 'react-i18next';
import { useChainStops } from './audit-data';
import type { Namer } from './names';
import { formatDateTime } from '../../i18n/format';

const KNOWN = ['signature', 'gap', 'replay', 'fork', 'resume-without-stop'];

/**
 * Devices whose access-log chain stopped at a refused entry (server/audit/chain-store.ts), stuck ones first, and
 * when each resumed in a new signed segment (docs/crypto-spec.md); shown only if any.
 */
export function ChainStopsView({ names }: { names: Namer }) {
  const { t, i18n } = useTranslation();
  const stops = useChainStops(true);
  if (!stops.data || stops.data.length === 0) return null;
  const why = (reason: string) => {
    const short = reason.replace(/^audit-/, '');
    if (short === 'field-unknown' || short === 'target-format') return t('auditLedger.stops.why.names');
    return KNOWN.includes(short)
      ? t(`auditLedger.stops.why.${short === 'resume-without-stop' ? 'resume' : short}`)
      : t('auditLedger.stops.why.other', { reason });
  };
  return (
    <section
      className="panel audit-stops"
      aria-labelledby="audit-stops-heading"
      data-testid="audit-chain-stops"
    >
      <h3 id="audit-stops-heading">{t('auditLedger.stops.heading')}</h3>
      <p className="muted">{t('auditLedger.stops.intro')}</p>
      <table className="audit-table data-table">
        <thead>
          <tr>
            <th scope="col">{t('auditLedger.stops.device')}</th>
            <th scope="col">{t('auditLedger.stops.person')}</th>
            <th scope="col">{t('auditLedger.stops.seq')}</th>
            <th scope="col">{t('auditLedger.stops.reason')}</th>
            <th scope="col">{t('auditLedger.stops.since')}</th>
            <th scope="col">{t('auditLedger.stops.refusals')}</th>
            <th scope="col">{t('auditLedger.stops.state')}</th>
          </tr>
        </thead>
        <tbody>
          {stops.data.map((stop) => (
            <tr key={`${stop.deviceId}:${stop.entryId}`}>
              <td>{names.device(stop.deviceId)}</td>
              <td>{names.person(stop.staffId)}</td>
              <td>{stop.seq}</td>
              <td>{why(stop.reason)}</td>
              <td>{formatDateTime(stop.at, i18n.language)}</td>
              <td>{stop.refusals}</td>
              <td className={stop.resumedAt === undefined ? 'error' : undefined}>
                {stop.resumedAt === undefined
                  ? t('auditLedger.stops.stuck')
                  : t('auditLedger.stops.resumed', { time: new Date(stop.resumedAt) })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
