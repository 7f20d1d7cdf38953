import { writeScope, type SessionIdentity } from '../../../../shared/index';

/** Whether a person sees the Notices screen: whoever may write notice versions (the admin, the DPO). */
export function seesNotices(identity: SessionIdentity | undefined): boolean {
  return identity !== undefined && writeScope(identity.role, 'orgSettings') !== 'none';
}
