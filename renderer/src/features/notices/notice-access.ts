import type { SessionIdentity } from '../../../../shared/index';

/** Whether a person sees the Notices screen: the admin (the DPO), who alone writes notice versions. */
export function seesNotices(identity: SessionIdentity | undefined): boolean {
  return identity?.role === 'admin';
}
