import { useEffect, useMemo, useState } from 'react';
import type { Client } from '../../../../shared/index';
import { useSession } from '../../session/index';
import { useHiddenClients } from '../erasure/erasure-data';

/**
 * The names this device holds for a few clients, live, by id: only those rows are read and opened. A client whose
 * erasure is scheduled (or done) is left out, so a list shows it by id, as one the device does not hold (issue 17:
 * no longer shown during the grace period), unless `withHidden`: the erasure and retention screens name whom they
 * are about to erase, so that the admin can cancel the right one.
 */
export function useClientNames(
  clientIds: readonly string[],
  options: { withHidden?: boolean } = {},
): ReadonlyMap<string, string> {
  const { store } = useSession();
  const hidden = useHiddenClients();
  const key = useMemo(() => [...new Set(clientIds)].sort().join(','), [clientIds]);
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    const subscription = store.clients
      .findByIds(key === '' ? [] : key.split(','))
      .$.subscribe((docs) =>
        setNames(
          new Map([...docs.values()].map((doc) => [doc.primary, (doc.toJSON() as Client).names.latin])),
        ),
      );
    return () => subscription.unsubscribe();
  }, [store, key]);
  const withHidden = options.withHidden === true;
  return useMemo(
    () => (withHidden || hidden.size === 0 ? names : new Map([...names].filter(([id]) => !hidden.has(id)))),
    [names, hidden, withHidden],
  );
}
