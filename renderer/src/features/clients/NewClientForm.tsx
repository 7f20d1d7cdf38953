import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLIENT_NAME_MAX_LENGTH, validateNewClient, writeScope } from '../../../../shared/index';
import { useForm } from '../../components/form/index';
import { useSession } from '../../session/index';
import { useClientCommands } from './client-data';
import { nameErrorText } from './name-error';

/**
 * Adds a client, for roles that may write clients. A role that writes only its assigned clients (concierges)
 * assigns the new client to its author; otherwise the server would refuse the push, and the author would not
 * receive the client back.
 */
export function NewClientForm() {
  const { t } = useTranslation();
  const { identity } = useSession();
  const { createClient } = useClientCommands();
  const scope = writeScope(identity.role, 'clients');
  const nameInput = useRef<HTMLInputElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const form = useForm({
    initial: { latinName: '' },
    validate: validateNewClient,
    save: ({ latin }) => createClient(latin, scope === 'assigned' ? [identity.staffId] : []),
    // The button is disabled while saving, which drops the focus: back to the name, ready for the next client. Not
    // when the person has gone on meanwhile (typing in the search box): the focus is not taken from them, nor what
    // they type sent into the name box.
    onSaved: ({ latin }) => {
      setAdded((previous) => ({ name: latin, count: (previous?.count ?? 0) + 1 }));
      const active = document.activeElement;
      if (!active || active === document.body || active === addButton.current) nameInput.current?.focus();
    },
  });
  // Each client added shows its own notice, which clears itself (a new element each time restarts its fading).
  const [added, setAdded] = useState<{ name: string; count: number } | undefined>();
  const error =
    form.outcome?.kind === 'invalid'
      ? nameErrorText(t, form.errors)
      : form.outcome?.kind === 'failed'
        ? t('clients.saveFailed', { code: form.outcome.code })
        : undefined;

  if (scope === 'none') return <p className="muted">{t('clients.readOnly')}</p>;
  return (
    <form className="new-client" onSubmit={form.submit} noValidate>
      <label htmlFor="client-latin-name">{t('clients.latinName')}</label>
      <div className="new-client-row">
        <input
          id="client-latin-name"
          ref={nameInput}
          {...form.bind('latinName')}
          maxLength={CLIENT_NAME_MAX_LENGTH + 50}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'client-latin-name-error' : undefined}
        />
        <button type="submit" ref={addButton} disabled={form.saving}>
          {t('clients.add')}
        </button>
      </div>
      {!error && added && form.outcome?.kind === 'saved' && (
        <p className="notice fading" role="status" key={added.count}>
          {t('clients.added', { name: added.name })}
        </p>
      )}
      {error && (
        <p id="client-latin-name-error" className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
