import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../../../shared/index';
import { ConflictResolver } from '../conflicts/ConflictResolver';
import { RenameClientForm } from './RenameClientForm';

/** What a person can do on a client row: rename it, and see and resolve its open conflicts. */
export function ClientRowActions({ client }: { client: Client }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'rename' | 'conflicts' | undefined>();
  const conflictCount = client.conflicts?.length ?? 0;
  const toggle = (panel: 'rename' | 'conflicts') =>
    setOpen((current) => (current === panel ? undefined : panel));

  return (
    <>
      <span className="client-actions">
        {conflictCount > 0 && (
          <button
            type="button"
            className="conflict-badge"
            aria-expanded={open === 'conflicts'}
            aria-label={t('conflicts.open', { name: client.names.latin })}
            onClick={() => toggle('conflicts')}
          >
            {t('conflicts.badge', { count: conflictCount })}
          </button>
        )}
        <button type="button" className="secondary small" onClick={() => toggle('rename')}>
          {t('clients.rename')}
        </button>
      </span>
      {open === 'rename' && (
        <div className="client-panel">
          <RenameClientForm client={client} onDone={() => setOpen(undefined)} />
        </div>
      )}
      {open === 'conflicts' && conflictCount > 0 && (
        <div className="client-panel">
          <ConflictResolver client={client} />
        </div>
      )}
    </>
  );
}
