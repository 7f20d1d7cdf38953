import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuditCommands } from './audit-data';

/** The key as the DPO notes it: base64url in groups of eight, so that it can be read out and compared. */
const grouped = (key: string) => (key.match(/.{1,8}/g) ?? []).join(' ');

/**
 * The server's checkpoint key, which the DPO notes to verify the log with, and (for the DPO) its rotation: the old
 * key signs a handover naming the new one (docs/audit.md, "Rotating the checkpoint key"). Asked twice: a rotation
 * means noting the new key, and cannot be undone.
 */
export function ServerKeyPanel({ manages }: { manages: boolean }) {
  const { t } = useTranslation();
  const commands = useAuditCommands();
  const [key, setKey] = useState<{ publicKey: string; retired: number }>();
  const [asking, setAsking] = useState(false);
  const [outcome, setOutcome] = useState<{ text: string; error: boolean }>();
  useEffect(() => {
    let live = true;
    commands
      .serverKey()
      .then((found) => live && setKey({ publicKey: found.publicKey, retired: found.retired?.length ?? 0 }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [commands]);

  async function rotate() {
    setAsking(false);
    try {
      const rotation = await commands.rotateServerKey();
      setKey({ publicKey: rotation.publicKey, retired: rotation.retired.length });
      setOutcome({ text: t('auditLedger.key.rotated', { id: rotation.handover.id }), error: false });
    } catch (error) {
      setOutcome({
        text: t('auditLedger.key.failed', {
          message: error instanceof Error ? error.message : String(error),
        }),
        error: true,
      });
    }
  }

  return (
    <section aria-labelledby="audit-key-heading" data-testid="audit-server-key">
      <h3 id="audit-key-heading">{t('auditLedger.key.heading')}</h3>
      <p>
        {t('auditLedger.key.current')}{' '}
        <code data-testid="audit-server-key-value">{key ? grouped(key.publicKey) : '…'}</code>
      </p>
      {key && key.retired > 0 && (
        <p className="muted">{t('auditLedger.key.retired', { count: key.retired })}</p>
      )}
      {manages && !asking && (
        <button type="button" className="secondary small" onClick={() => setAsking(true)}>
          {t('auditLedger.key.rotate')}
        </button>
      )}
      {asking && (
        <div role="group" aria-labelledby="audit-key-confirm">
          <p id="audit-key-confirm">{t('auditLedger.key.confirm')}</p>
          <button type="button" className="small" onClick={() => void rotate()}>
            {t('auditLedger.key.rotateNow')}
          </button>{' '}
          <button type="button" className="secondary small" onClick={() => setAsking(false)}>
            {t('auditLedger.key.cancel')}
          </button>
        </div>
      )}
      {outcome && (
        <p role="status" className={outcome.error ? 'error' : 'success'} data-testid="audit-key-rotated">
          {outcome.text}
        </p>
      )}
    </section>
  );
}
