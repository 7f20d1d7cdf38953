import { useCallback, useEffect } from 'react';
import type { AuditEntryInput, AuditEvent } from '../../../../shared/domain/audit';
// The context alone: the session's index also starts sessions (the host bridge), which the tests do not load.
import { useSession } from '../../session/session-context';
import { logAccess } from './log-access';

/**
 * For screens: `const log = useLogAccess(); await log({ kind: 'passport-viewed', clientId, fields: [...] }, assignees)`
 * appends to this device's access log (log-access.ts). Names only, never values.
 */
export function useLogAccess(): (
  input: AuditEntryInput,
  assignedStaffIds?: readonly string[],
) => Promise<AuditEvent> {
  const { device } = useSession();
  return useCallback(
    (input, assignedStaffIds) =>
      logAccess(device.session, input, assignedStaffIds ? { assignedStaffIds } : {}),
    [device],
  );
}

/**
 * Logs `entry` once when a screen shows it (mount, or a change of entry), for data shown as the screen opens (a
 * passport number): the entry follows the render by an effect. Undefined logs nothing.
 */
export function useLogView(entry: AuditEntryInput | undefined, assignedStaffIds?: readonly string[]): void {
  const log = useLogAccess();
  // By value: a new object with the same entry (each render) logs nothing more.
  const shown = entry && JSON.stringify([entry, assignedStaffIds ?? null]);
  useEffect(() => {
    if (shown === undefined) return;
    const [input, assignees] = JSON.parse(shown) as [AuditEntryInput, string[] | null];
    log(input, assignees ?? undefined).catch(() => undefined);
  }, [shown, log]);
}
