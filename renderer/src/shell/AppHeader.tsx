import { useTranslation } from 'react-i18next';
import type { SessionIdentity } from '../../../shared/index';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { SyncIndicator } from '../components/SyncIndicator';
import { ParkedNotice } from '../features/parked/ParkedChangesPanel';

/**
 * The title, and while a session is open: sync status, refused changes, who is signed in (offline or not) and Lock.
 * The language switch is always there.
 */
export function AppHeader(props: {
  open: boolean;
  who: SessionIdentity | undefined;
  online: boolean;
  onParked(): void;
  onLock(): void;
}) {
  const { t } = useTranslation();
  const { open, who } = props;
  return (
    <header className="app-header">
      <h1>{t('app.title')}</h1>
      <div className="header-actions">
        {open && <SyncIndicator />}
        {open && <ParkedNotice onOpen={props.onParked} />}
        {open && who && (
          <span
            className="account"
            data-testid="account"
            title={t('nav.signedInAs', { name: who.displayName, role: t(`roles.${who.role}`) })}
          >
            {t('nav.signedInAs', { name: who.displayName, role: t(`roles.${who.role}`) })}
            {!props.online && <span className="muted"> · {t('nav.offlineSession')}</span>}
          </span>
        )}
        <LanguageSwitch />
        {open && (
          <button type="button" className="secondary" onClick={props.onLock}>
            {t('app.lock')}
          </button>
        )}
      </div>
    </header>
  );
}
