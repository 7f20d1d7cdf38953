import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sodium } from '../../../../shared/crypto/index';
import { recoveryFingerprint, recoveryKeyGroups, type RecoveryKeyPair } from '../../auth/recovery-key';

interface Props {
  sodium: Sodium;
  recovery: RecoveryKeyPair;
  /** The person printed and stored the sheet; the caller wipes the private key. */
  onDone(): void;
}

/**
 * Shown once, right after the organisation is set up: the recovery private key to print and keep offline. The
 * app never stores it; once the person says it is printed and stored, the key is wiped from memory.
 */
export function RecoverySheet({ sodium, recovery, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const [stored, setStored] = useState(false);
  // Computed once: the key bytes are wiped when the sheet is left.
  const [groups] = useState(() => recoveryKeyGroups(sodium, recovery.privateKey));
  const [fingerprint] = useState(() => recoveryFingerprint(sodium, recovery.publicKey));
  const created = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' }).format(
    recovery.createdAt,
  );

  return (
    <section className="lock-screen recovery-sheet" aria-labelledby="recovery-heading">
      <h2 id="recovery-heading">{t('recovery.heading')}</h2>
      <p>{t('recovery.intro')}</p>
      <dl className="recovery-facts">
        <dt>{t('recovery.keyLabel')}</dt>
        <dd>
          <code className="recovery-key" data-testid="recovery-key">
            {groups.join(' ')}
          </code>
        </dd>
        <dt>{t('recovery.fingerprintLabel')}</dt>
        <dd>
          <code data-testid="recovery-fingerprint">{fingerprint}</code>
        </dd>
        <dt>{t('recovery.createdLabel')}</dt>
        <dd>{created}</dd>
      </dl>
      <p className="muted small">{t('recovery.warning')}</p>
      <div className="recovery-actions">
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t('recovery.print')}
        </button>
        <label>
          <input type="checkbox" checked={stored} onChange={(e) => setStored(e.target.checked)} />{' '}
          {t('recovery.stored')}
        </label>
        <button type="button" disabled={!stored} onClick={onDone}>
          {t('recovery.continue')}
        </button>
      </div>
    </section>
  );
}
