import { writeScope, type SessionIdentity } from '../../../../shared/index';

/** Whether a person sees the Organisation screen (privacy notices, contact): whoever may write the organisation settings (the admin, the DPO). */
export function seesNotices(identity: SessionIdentity | undefined): boolean {
  return identity !== undefined && writeScope(identity.role, 'orgSettings') !== 'none';
}
