import { useTranslation } from 'react-i18next';
import { CLIENT_NAME_MAX_LENGTH, validateNewClient, type Client } from '../../../../shared/index';
import { useForm } from '../../components/form/index';
import { useClientCommands } from './client-data';
import { nameErrorText } from './name-error';

/**
 * Renames a client inline. The edit goes to the local store and syncs like any other; an open conflict on
 * the name stays open (the new name joins its choices) until a person resolves it.
 */
export function RenameClientForm({ client, onDone }: { client: Client; onDone(): void }) {
  const { t } = useTranslation();
  const { renameClient } = useClientCommands();
  const form = useForm({
    initial: { latinName: client.names.latin },
    validate: validateNewClient,
    save: ({ latin }) => renameClient(client.id, latin),
    keepDraft: true,
    onSaved: onDone,
  });
  const inputId = `rename-${client.id}`;
  const error =
    form.outcome?.kind === 'invalid'
      ? nameErrorText(t, form.errors)
      : form.outcome?.kind === 'failed'
        ? t('clients.saveFailed', { code: form.outcome.code })
        : undefined;

  return (
    <form className="rename-client" onSubmit={form.submit} noValidate>
      <label htmlFor={inputId}>{t('clients.renameLabel', { name: client.names.latin })}</label>
      <div className="new-client-row">
        <input
          id={inputId}
          {...form.bind('latinName')}
          maxLength={CLIENT_NAME_MAX_LENGTH + 50}
          autoComplete="off"
          autoFocus
          aria-invalid={error ? true : undefined}
        />
        <button type="submit" disabled={form.saving}>
          {t('clients.renameSave')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('clients.renameCancel')}
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
