import { useEffect, useState } from 'react';
import { MEDICAL_VIEW_KINDS, type AuditEvent } from '../../../../shared/domain/audit';
import { useSession } from '../../session/index';

/**
 * The access-log entries about one client that viewed its medical data, newest first, live: read by the client's
 * id through the store's blind index (store/blind-index.ts), so only the entries of the id's bucket are opened,
 * not the whole log. Undefined until read.
 */
export function useClientMedicalViews(clientId: string, enabled = true): AuditEvent[] | undefined {
  const { store } = useSession();
  const [entries, setEntries] = useState<AuditEvent[] | undefined>();
  useEffect(() => {
    if (!enabled) return;
    const subscription = store.auditEvents
      .find({ selector: { clientId }, sort: [{ at: 'desc' }] })
      .$.subscribe((docs) =>
        setEntries(
          docs
            .map((doc) => doc.toJSON() as AuditEvent)
            .filter((e) => e.clientId === clientId && MEDICAL_VIEW_KINDS.includes(e.kind)),
        ),
      );
    return () => subscription.unsubscribe();
  }, [store, clientId, enabled]);
  return entries;
}
