import { useCallback, useEffect, useState } from 'react';
import { RESUME_KIND, type AuditEntryInput, type AuditEvent } from '../../../../shared/domain/audit';
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

export type ViewState = 'logged' | 'pending' | 'failed';

/**
 * Logs a view before it is shown: answers the state of the view's entry, and the screen shows the data only once
 * it is 'logged' (never while 'pending'; never if 'failed', e.g. the device locked). Pure, for useLoggedView.
 */
export function logBeforeShowing(
  log: () => Promise<unknown>,
  onState: (state: ViewState) => void,
): () => void {
  let live = true;
  onState('pending');
  log().then(
    () => live && onState('logged'),
    () => live && onState('failed'),
  );
  return () => {
    live = false;
  };
}

/**
 * For data shown as a screen opens (a passport number): logs `entry` once (mount, or a change of entry) and
 * answers whether the data may be shown: 'logged' only after the entry is in the log. Undefined logs nothing and
 * answers 'logged' (nothing sensitive to show).
 */
export function useLoggedView(
  entry: AuditEntryInput | undefined,
  assignedStaffIds?: readonly string[],
): ViewState {
  const log = useLogAccess();
  // By value: a new object with the same entry (each render) logs nothing more.
  const shown = entry && JSON.stringify([entry, assignedStaffIds ?? null]);
  const [state, setState] = useState<{ key?: string; state: ViewState }>({ state: 'pending' });
  useEffect(() => {
    if (shown === undefined) return;
    const [input, assignees] = JSON.parse(shown) as [AuditEntryInput, string[] | null];
    return logBeforeShowing(
      () => log(input, assignees ?? undefined),
      (next) => setState({ key: shown, state: next }),
    );
  }, [shown, log]);
  if (shown === undefined) return 'logged';
  return state.key === shown ? state.state : 'pending';
}

/**
 * When this device resumed its access log after the refused entry `refused` (core/audit/resume.ts), live:
 * undefined while the log is still stopped there.
 */
export function useChainResumedAfter(refused: { id: string; deviceId: string; seq: number } | undefined):
  | {
      at: number;
      copied: number;
    }
  | undefined {
  const { device } = useSession();
  const [resumed, setResumed] = useState<{ at: number; copied: number }>();
  const { id, deviceId, seq } = refused ?? { id: '', deviceId: '', seq: 0 };
  useEffect(() => {
    if (!id) return;
    const subscription = device.session.store.auditEvents
      .find({ selector: { deviceId, seq: { $gt: seq } } })
      .$.subscribe((docs) => {
        const after = docs.map((doc) => doc.toJSON() as AuditEvent).sort((a, b) => a.seq - b.seq);
        const at = after.findIndex((e) => e.kind === RESUME_KIND && e.target === id);
        const resume = after[at];
        if (!resume) return setResumed(undefined);
        // The copies follow the resume: entries of this device written before it.
        const copied = after.slice(at + 1).filter((e) => e.at <= resume.at && e.kind !== RESUME_KIND).length;
        setResumed({ at: resume.at, copied });
      });
    return () => subscription.unsubscribe();
  }, [device, id, deviceId, seq]);
  return resumed;
}
