import { create } from 'zustand';
import type { SessionIdentity } from '../../../shared/index';

export interface Account {
  /** Who the unlocked device belongs to, as the server last said (role changes arrive with token renewals). */
  identity: SessionIdentity | undefined;
  /** Whether the last unlock or renewal reached the server. */
  online: boolean;
}

export const useAccount = create<Account>(() => ({ identity: undefined, online: false }));

export function resetAccount(): void {
  useAccount.setState({ identity: undefined, online: false }, true);
}
