import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/auth/roles';
import type { ShareRequest } from '../../../../shared/domain/share-request';
import { Field } from '../../components/form/index';
import { useSession } from '../../session/index';
import { ToDestroyList } from '../provisions/ToDestroyList';
import { ShareRequestCard } from './ShareRequestCard';
import { refusalOf, useMyShareRequests, useShareCommands, useShareRequests } from './shares-data';
import { EmptyState } from '../../components/EmptyState';

function Decision({ request, onDone }: { request: ShareRequest; onDone(): void }) {
  const { t } = useTranslation();
  const commands = useShareCommands();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string>();
  const decide = async (action: 'approve' | 'refuse') => {
    if (action === 'refuse' && note.trim() === '') {
      setOutcome(t('shares.reasonRequired'));
      return;
    }
    setBusy(true);
    try {
      await commands[action](request.id, note.trim() || undefined);
      setOutcome(t('shares.decided'));
      onDone();
    } catch (cause) {
      setOutcome(t('shares.refused', { reason: t(`shares.refusal.${refusalOf(cause)}`) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="decision">
      <Field label={t('shares.note')} id={`share-note-${request.id}`}>
        {(control) => (
          <input
            {...control}
            value={note}
            maxLength={500}
            onChange={(event) => setNote(event.target.value)}
          />
        )}
      </Field>
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void decide('approve')}>
          {t('shares.approve')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => void decide('refuse')}>
          {t('shares.refuse')}
        </button>
      </div>
      {outcome && <p role="alert">{outcome}</p>}
    </div>
  );
}

/** Share requests: a manager decides those of others (never their own); everyone sees their own requests. */
export function SharesScreen() {
  const { t } = useTranslation();
  const { identity, device } = useSession();
  const approves = can(identity.role, 'approveShares');
  const pending = useShareRequests('pending');
  const approved = useShareRequests('approved');
  const mine = useMyShareRequests();
  const me = device.session.staffId;
  const reload = () => {
    pending.reload();
    approved.reload();
    mine.reload();
  };
  return (
    <section aria-labelledby="shares-heading" className="shares-screen">
      <h2 id="shares-heading">{t('shares.heading')}</h2>
      <p className="muted">{t('shares.intro')}</p>
      {approves && (
        <>
          <h3>{t('shares.pending')}</h3>
          {pending.list?.length === 0 && <EmptyState>{t('shares.none')}</EmptyState>}
          {pending.list?.map((request) => (
            <ShareRequestCard key={request.id} request={request}>
              {request.requestedBy === me ? (
                <p className="muted">{t('shares.own')}</p>
              ) : (
                <Decision request={request} onDone={reload} />
              )}
            </ShareRequestCard>
          ))}
          <h3>{t('shares.approved')}</h3>
          {approved.list?.length === 0 && <EmptyState>{t('shares.none')}</EmptyState>}
          {approved.list?.map((request) => (
            <ShareRequestCard key={request.id} request={request} />
          ))}
          <ToDestroyList />
        </>
      )}
      <h3>{t('shares.myRequests')}</h3>
      {mine.list?.length === 0 && <EmptyState>{t('shares.none')}</EmptyState>}
      {mine.list?.map((request) => (
        <ShareRequestCard key={request.id} request={request} />
      ))}
    </section>
  );
}
