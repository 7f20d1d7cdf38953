import { useState, type FormEvent } from 'react';
import { CLIENT_NAME_MAX_LENGTH, newClient, validateNewClient } from '../../../../shared/index';
import type { LocalStore } from '../../store/local-store';

const messages: Record<string, string> = {
  'name-required': 'Enter the client’s name as written in their passport.',
  'name-too-long': `A name can have at most ${CLIENT_NAME_MAX_LENGTH} characters.`,
};

export function NewClientForm({ store }: { store: LocalStore }) {
  const [latinName, setLatinName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = validateNewClient({ latinName });
    if (!result.ok) {
      setError(messages[result.reason] ?? result.reason);
      return;
    }
    setSaving(true);
    try {
      await store.clients.insert(newClient(crypto.randomUUID(), result.value, Date.now()));
      setLatinName('');
      setError(undefined);
    } catch (cause) {
      // RxDB's messages carry the document; show only its error code.
      const code = (cause as { code?: unknown } | undefined)?.code;
      setError(
        `The client could not be saved on this device${typeof code === 'string' ? ` (${code})` : ''}.`,
      );
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="new-client" onSubmit={submit} noValidate>
      <label htmlFor="client-latin-name">Client name (Latin script, as in the passport)</label>
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
          Add client
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
