import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CLIENT_NAME_MAX_LENGTH,
  newClient,
  validateNewClient,
  writeScope,
  type Role,
} from '../../../../shared/index';
import type { LocalStore } from '../../store/local-store';
import { describeStoreError } from '../../store/describe-store-error';
import { nameErrorText } from './name-error';

interface Props {
  store: LocalStore;
  staffId: string;
  role: Role;
}

/**
 * Adds a client, for roles that may write clients. A role that writes only its assigned clients (concierges)
 * assigns the new client to its author; otherwise the server would refuse the push, and the author would not
 * receive the client back.
 */
export function NewClientForm({ store, staffId, role }: Props) {
  const { t } = useTranslation();
  const scope = writeScope(role, 'clients');
  const [latinName, setLatinName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = validateNewClient({ latinName });
    if (!result.ok) {
      setError(nameErrorText(t, result.errors));
      return;
    }
    setSaving(true);
    try {
      const assigned = scope === 'assigned' ? [staffId] : [];
      await store.clients.insert(newClient(crypto.randomUUID(), result.value, Date.now(), assigned));
      setLatinName('');
      setError(undefined);
    } catch (cause) {
      setError(t('clients.saveFailed', { code: describeStoreError(cause) }));
    } finally {
      setSaving(false);
    }
  }

  if (scope === 'none') return <p className="muted">{t('clients.readOnly')}</p>;
  return (
    <form className="new-client" onSubmit={submit} noValidate>
      <label htmlFor="client-latin-name">{t('clients.latinName')}</label>
      <div className="new-client-row">
        <input
          id="client-latin-name"
          value={latinName}
          onChange={(e) => setLatinName(e.target.value)}
          maxLength={CLIENT_NAME_MAX_LENGTH + 50}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'client-latin-name-error' : undefined}
        />
        <button type="submit" disabled={saving}>
          {t('clients.add')}
        </button>
      </div>
      {error && (
        <p id="client-latin-name-error" className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
