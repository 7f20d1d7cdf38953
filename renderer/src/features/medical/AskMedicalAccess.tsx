import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MedicalAccessRequest } from '../../../../shared/domain/medical-access-request';
import { useSession } from '../../session/index';
import { useMedicalAccessCommands } from './medical-access-requests';

/**
 * In the sealed view: ask for access (those who may grant see it on Today), or, once asked, when and a way to
 * withdraw. Asking needs the server; offline it says so.
 */
export function AskMedicalAccess({
  clientId,
  requests,
  onChanged,
}: {
  clientId: string;
  requests: readonly MedicalAccessRequest[] | undefined;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const { identity } = useSession();
  const commands = useMedicalAccessCommands();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const mine = requests?.find(
    (request) => request.clientId === clientId && request.askedBy === identity.staffId,
  );

  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setFailed(false);
    try {
      await action();
      onChanged();
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="medical-ask" data-testid="medical-ask">
      {mine ? (
        <>
          <p role="status">{t('medical.ask.asked', { time: new Date(mine.askedAt) })}</p>
          <button
            type="button"
            className="secondary small"
            disabled={busy}
            onClick={() => void act(() => commands.close(mine.id, 'withdrawn'))}
          >
            {t('medical.ask.withdraw')}
          </button>
        </>
      ) : (
        <button type="button" disabled={busy} onClick={() => void act(() => commands.ask(clientId))}>
          {t('medical.ask.ask')}
        </button>
      )}
      {failed && (
        <p className="field-error" role="alert">
          {t('medical.ask.failed')}
        </p>
      )}
    </div>
  );
}
