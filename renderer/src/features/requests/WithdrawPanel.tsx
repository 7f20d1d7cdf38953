import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  REQUEST_CHANNELS,
  type DataSubjectRequest,
  type RequestChannel,
} from '../../../../shared/domain/request';

/**
 * The requester withdrew the request: how they said so and why, recorded now. Not offered once the request is past
 * its deadline (request-history.ts: it is then answered or refused, and stays late on record).
 */
export function WithdrawPanel({
  overdue,
  act,
}: {
  overdue: boolean;
  act(change: () => Partial<DataSubjectRequest>): Promise<void>;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [channel, setChannel] = useState<RequestChannel | ''>('');
  if (overdue)
    return (
      <p className="muted" data-testid="request-withdraw-overdue">
        {t('requests.history.withdrawOverdue')}
      </p>
    );
  return (
    <div className="request-actions">
      <label htmlFor="request-withdraw-channel">{t('requests.history.withdrawChannel')}</label>
      <select
        id="request-withdraw-channel"
        value={channel}
        onChange={(event) => setChannel(event.target.value as RequestChannel | '')}
      >
        <option value="" />
        {REQUEST_CHANNELS.map((value) => (
          <option key={value} value={value}>
            {t(`requests.channel.${value}`)}
          </option>
        ))}
      </select>
      <label htmlFor="request-withdraw-reason">{t('requests.act.withdrawReason')}</label>
      <input
        id="request-withdraw-reason"
        value={reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <button
        type="button"
        className="secondary"
        disabled={reason.trim() === '' || channel === ''}
        onClick={() =>
          void act(() => ({
            status: 'withdrawn',
            withdrawnAt: Date.now(),
            withdrawalReason: reason.trim(),
            ...(channel ? { withdrawalChannel: channel } : {}),
          }))
        }
      >
        {t('requests.actions.withdraw')}
      </button>
    </div>
  );
}
