import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ERASURE_BASES,
  ERASURE_GRACE_DAYS_DEFAULT,
  ERASURE_GRACE_DAYS_MAX,
  type ErasureBasis,
  type ErasureScope,
} from '../../../../shared/domain/erasure';
import type { Client, LegalHold } from '../../../../shared/index';
import { useSession } from '../../session/index';
import { useErasureCommands } from './erasure-data';
import './erasure.css';
import { formatDate } from '../../i18n/format';

type Hold = { hold: LegalHold; by: string } | 'none' | 'unknown';

/**
 * The admin's erase dialog: the consequences, why, a grace period, and the client's name typed to confirm. A
 * client under a legal hold cannot be erased: the dialog says why and who placed the hold, and the server refuses
 * too (409 `client-held`).
 */
export function EraseDialog({
  client,
  reference: initialReference = '',
  scope = 'client',
  onClose,
}: {
  client: Client;
  /** The request it answers, when opened from the request register. */
  reference?: string;
  /** A part of the client only (an erasure request naming it); else the whole client. */
  scope?: ErasureScope;
  onClose(done: boolean): void;
}) {
  const { t, i18n } = useTranslation();
  const { staff } = useSession();
  const commands = useErasureCommands();
  const [hold, setHold] = useState<Hold>('unknown');
  const [basis, setBasis] = useState<ErasureBasis>('request');
  const [reference, setReference] = useState(initialReference);
  const [graceDays, setGraceDays] = useState(String(ERASURE_GRACE_DAYS_DEFAULT));
  const [typed, setTyped] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | undefined>();

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const active = (await commands.holds(client.id)).find((h) => h.liftedAt === undefined);
        if (!active) return live && setHold('none');
        const people = await staff.directory().catch(() => []);
        const by = people.find((p) => p.id === active.appliedBy)?.displayName ?? active.appliedBy;
        if (live) setHold({ hold: active, by });
      } catch {
        if (live) setHold('unknown');
      }
    })();
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client.id]);

  const held = typeof hold === 'object';
  const days = Number(graceDays);
  const daysValid = Number.isInteger(days) && days >= 0 && days <= ERASURE_GRACE_DAYS_MAX;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (typed.trim() !== client.names.latin) {
      setMessage({ error: true, text: t('erasure.confirmMismatch') });
      return;
    }
    try {
      const erasure = await commands.schedule({
        clientId: client.id,
        basis,
        ...(reference.trim() ? { reference: reference.trim() } : {}),
        graceDays: days,
        ...(scope !== 'client' ? { scope } : {}),
      });
      setMessage({
        error: false,
        text: t('erasure.scheduled', { date: formatDate(erasure.dueAt, i18n.language) }),
      });
      onClose(true);
    } catch (error) {
      const reason = (error as { reason?: string }).reason ?? String(error);
      if (reason === 'client-held') setMessage({ error: true, text: t('erasure.heldUnknown') });
      else if ((error as { kind?: string }).kind === 'network')
        setMessage({ error: true, text: t('erasure.offline') });
      else setMessage({ error: true, text: t('erasure.failed', { reason }) });
    }
  }

  return (
    <div className="erase-dialog" role="dialog" aria-modal="true" aria-labelledby="erase-title">
      <h3 id="erase-title">
        {scope === 'client'
          ? t('erasure.dialogTitle', { name: client.names.latin })
          : t(`erasure.part.title.${scope}`, { name: client.names.latin })}
      </h3>
      {scope === 'client' ? (
        <>
          <p>{t('erasure.consequences.intro')}</p>
          <ul>
            {(['documents', 'keys', 'devices', 'kept', 'hidden'] as const).map((key) => (
              <li key={key}>{t(`erasure.consequences.${key}`)}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t(`erasure.part.consequences.${scope}`)}</p>
      )}
      {held && (
        <p className="form-error" role="alert" data-testid="erase-held">
          {t('erasure.held', {
            reason: hold.hold.reason,
            by: hold.by,
            date: formatDate(hold.hold.appliedAt, i18n.language),
          })}
        </p>
      )}
      <form onSubmit={(event) => void submit(event)}>
        <label>
          {t('erasure.basis')}
          <select value={basis} onChange={(event) => setBasis(event.target.value as ErasureBasis)}>
            {ERASURE_BASES.map((b) => (
              <option key={b} value={b}>
                {t(`erasure.bases.${b}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('erasure.reference')}
          <input value={reference} maxLength={200} onChange={(event) => setReference(event.target.value)} />
        </label>
        <label>
          {t('erasure.graceDays')}
          <input
            type="number"
            min={0}
            max={ERASURE_GRACE_DAYS_MAX}
            value={graceDays}
            onChange={(event) => setGraceDays(event.target.value)}
          />
        </label>
        <label>
          {t('erasure.confirmLabel')}
          <input value={typed} autoComplete="off" onChange={(event) => setTyped(event.target.value)} />
        </label>
        {message && (
          <p
            className={message.error ? 'form-error' : 'record-saved'}
            role={message.error ? 'alert' : 'status'}
          >
            {message.text}
          </p>
        )}
        <div className="erase-actions">
          <button type="submit" className="danger" disabled={held || !daysValid}>
            {t('erasure.submit')}
          </button>
          <button type="button" className="secondary" onClick={() => onClose(false)}>
            {t('erasure.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
