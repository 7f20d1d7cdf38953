import { useCallback, useEffect, useState } from 'react';
import {
  retentionPaths,
  type RetentionCategory,
  type RetentionDueEntry,
  type RetentionRule,
  type SetRetentionRuleRequest,
} from '../../../../shared/domain/retention';
import { useSession } from '../../session/index';
import { useClientNames } from '../clients/client-names';

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

/** The names this device knows for the due-list's clients, those scheduled for erasure included. */
export const useDueClientNames = (clientIds: readonly string[]) =>
  useClientNames(clientIds, { withHidden: true });
