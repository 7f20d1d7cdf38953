import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CLIENT_NAME_MAX_LENGTH,
  validateNewClient,
  withValueAtPath,
  type Client,
} from '../../../../shared/index';
import type { LocalStore } from '../../store/local-store';
import { describeStoreError } from '../../store/describe-store-error';
import { nameErrorText } from './name-error';

/**
 * Renames a client inline. The edit goes to the local store and syncs like any other; an open conflict on
 * the name stays open (the new name joins its choices) until a person resolves it.
 */
export function RenameClientForm({
  store,
  client,
  onDone,
}: {
  store: LocalStore;
  client: Client;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const [latinName, setLatinName] = useState(client.names.latin);
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const inputId = `rename-${client.id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = validateNewClient({ latinName });
    if (!result.ok) {
      setError(nameErrorText(t, result.errors));
      return;
    }
    setSaving(true);
    try {
      const doc = await store.clients.findOne(client.id).exec();
      await doc?.incrementalModify((data) => ({
        ...withValueAtPath(data, ['names', 'latin'], result.value.latin),
        updatedAt: Math.max(data.updatedAt, Date.now()),
      }));
      onDone();
    } catch (cause) {
      setError(t('clients.saveFailed', { code: describeStoreError(cause) }));
      setSaving(false);
    }
  }

  return (
    <form className="rename-client" onSubmit={submit} noValidate>
      <label htmlFor={inputId}>{t('clients.renameLabel', { name: client.names.latin })}</label>
      <div className="new-client-row">
        <input
          id={inputId}
          value={latinName}
          onChange={(e) => setLatinName(e.target.value)}
          maxLength={CLIENT_NAME_MAX_LENGTH + 50}
          autoComplete="off"
          autoFocus
          aria-invalid={error ? true : undefined}
        />
        <button type="submit" disabled={saving}>
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
