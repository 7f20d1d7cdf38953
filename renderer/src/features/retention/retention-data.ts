import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Client } from '../../../../shared/index';
import {
  retentionPaths,
  type RetentionCategory,
  type RetentionDueEntry,
  type RetentionRule,
  type SetRetentionRuleRequest,
} from '../../../../shared/domain/retention';
import { useSession } from '../../session/index';

/**
 * The retention schedule on the admin's device (docs/erasure.md, "Retention rules"): the rules and the due-list
 * are the server's (it alone acts on them), read online; the due-list's client names come from this device's store.
 */
export function useRetention() {
  const { staff } = useSession();
  const [state, setState] = useState<{ rules?: RetentionRule[]; due?: RetentionDueEntry[]; error?: string }>(
    {},
  );
  const reload = useCallback(() => {
    Promise.all([
      staff.get<RetentionRule[]>(retentionPaths.rules),
      staff.get<RetentionDueEntry[]>(retentionPaths.due),
    ])
      .then(([rules, due]) => setState({ rules, due }))
      .catch((error: unknown) => setState({ error: String((error as { reason?: string }).reason ?? error) }));
  }, [staff]);
  useEffect(reload, [reload]);
  const save = useCallback(
    async (category: RetentionCategory, request: SetRetentionRuleRequest) => {
      await staff.send<RetentionRule>('POST', retentionPaths.rule(category), request);
      reload();
    },
    [staff, reload],
  );
  return { ...state, reload, save };
}

/** The names this device knows for the due-list's clients (a client it does not hold shows by id). */
export function useClientNames(clientIds: readonly string[]): ReadonlyMap<string, string> {
  const { store } = useSession();
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
  return names;
}
