import { useTranslation } from 'react-i18next';
import { useChainResumedAfter } from '../../core/audit/use-log-access';
import type { ParkedChange } from './parked-data';

const REASONS = ['signature', 'gap', 'replay', 'fork', 'names'] as const;

/** Why the server refused an access-log entry, in plain words (its reason code, `audit-…`). */
export function ledgerReasonOf(reason: string): (typeof REASONS)[number] | 'other' {
  const short = reason.replace(/^audit-/, '');
  if (short === 'field-unknown' || short === 'target-format') return 'names';
  return (REASONS as readonly string[]).includes(short) ? (short as (typeof REASONS)[number]) : 'other';
}

/**
 * A stopped access log on this device (a kept ledger record): why the server refused the entry, what was held
 * after it, and whether the device resumed its log since (core/audit/resume.ts).
 */
export function LedgerStop({ change }: { change: ParkedChange }) {
  const { t } = useTranslation();
  const refused = change.refused as { id?: unknown; deviceId?: unknown; seq?: unknown };
  const resumed = useChainResumedAfter(
    typeof refused.id === 'string' && typeof refused.deviceId === 'string' && typeof refused.seq === 'number'
      ? { id: refused.id, deviceId: refused.deviceId, seq: refused.seq }
      : undefined,
  );
  return (
    <>
      <p data-testid="ledger-why">{t(`parked.ledgerWhy.${ledgerReasonOf(change.reason)}`)}</p>
      {(change.later ?? 0) > 0 && <p className="muted">{t('parked.later', { count: change.later })}</p>}
      <p className={resumed ? 'muted' : 'error'} data-testid="ledger-state">
        {resumed
          ? t('parked.ledgerResumed', { time: new Date(resumed.at), count: resumed.copied })
          : t('parked.ledgerStuck')}
      </p>
    </>
  );
}
