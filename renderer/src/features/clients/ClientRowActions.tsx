import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { inScope, writeScope, type Client } from '../../../../shared/index';
import { useSession } from '../../session/index';
import { ConflictResolver } from '../conflicts/ConflictResolver';
import { RenameClientForm } from './RenameClientForm';

/**
 * What a person can do on a client row: rename it, and see and resolve its open conflicts. A role that may not
 * write the client (the admin reads every client and writes none) is offered neither: the server would refuse the
 * push for good.
 */
export function ClientRowActions({ client }: { client: Client }) {
  const { t } = useTranslation();
  const { identity } = useSession();
  const mayWrite = inScope(writeScope(identity.role, 'clients'), identity.staffId, client);
  const [open, setOpen] = useState<'rename' | 'conflicts' | undefined>();
  const conflictCount = client.conflicts?.length ?? 0;
  const toggle = (panel: 'rename' | 'conflicts') =>
    setOpen((current) => (current === panel ? undefined : panel));

  return (
    <>
      <span className="client-actions">
        {mayWrite && conflictCount > 0 && (
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
        {mayWrite && (
          <button
            type="button"
            className="secondary small"
            aria-expanded={open === 'rename'}
            aria-label={t('clients.renameNamed', { name: client.names.latin })}
            onClick={() => toggle('rename')}
          >
            {t('clients.rename')}
          </button>
        )}
      </span>
      {mayWrite && open === 'rename' && (
        <div className="client-panel">
          <RenameClientForm client={client} onDone={() => setOpen(undefined)} />
        </div>
      )}
      {mayWrite && open === 'conflicts' && conflictCount > 0 && (
        <div className="client-panel">
          <ConflictResolver client={client} />
        </div>
      )}
    </>
  );
}
