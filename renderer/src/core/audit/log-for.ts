import type { RxCollection } from 'rxdb';
import type { StaffIdentity } from '../../../../shared/crypto/index';
import type { AuditEntryInput, AuditEvent } from '../../../../shared/domain/audit';
import { logAccess } from './log-access';

/**
 * logAccess for code that is given a context rather than the session (core/medical, the consent commands): the
 * shape both already have, so that a call site stays one line.
 */
export interface AuditActorContext {
  collections: { auditEvents: RxCollection<AuditEvent> };
  actor: { staffId: string; deviceId: string; deviceKeys(): StaffIdentity };
  now?: () => number;
}

export function logFor(
  ctx: AuditActorContext,
  input: AuditEntryInput,
  assignedStaffIds?: readonly string[],
): Promise<AuditEvent> {
  return logAccess(
    {
      store: ctx.collections,
      staffId: ctx.actor.staffId,
      deviceId: ctx.actor.deviceId,
      deviceKeys: () => ctx.actor.deviceKeys(),
    },
    input,
    { ...(assignedStaffIds ? { assignedStaffIds } : {}), ...(ctx.now ? { now: ctx.now } : {}) },
  );
}
