import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { SessionIdentity } from '../../../shared/index';
import type { StaffClient } from '../auth/auth-client';
import type { OpenDevice } from '../auth/device-access';
import { useAccount } from '../state/account';
import type { LocalStore } from '../store/local-store';
import { stableIdentity } from './stable-identity';
import type { Session } from './start-session';

/** The unlocked device as the screens see it. */
export interface SessionValue {
  /** The open device (its session, the identity the unlock gave, the staff client, its id and fingerprint). */
  device: OpenDevice<Session>;
  /** The encrypted local store; only the features' `*-data.ts` modules should touch it. */
  store: LocalStore;
  /** Who is signed in: the server's latest word (a role change shows at once), else what the unlock said. */
  identity: SessionIdentity;
  /** The authenticated staff endpoints. */
  staff: StaffClient;
}

const SessionContext = createContext<SessionValue | undefined>(undefined);

/** Gives the open device to the tree under it; App renders it while a session is open. */
export function SessionProvider({ device, children }: { device: OpenDevice<Session>; children: ReactNode }) {
  const latest = useAccount((account) => account.identity);
  const identity = useStableIdentity(latest ?? device.identity);
  const value = useMemo<SessionValue>(
    () => ({ device, store: device.session.store, identity, staff: device.staff }),
    [device, identity],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The same identity object until the identity changes by value (a token renewal alone changes nothing). */
function useStableIdentity(identity: SessionIdentity): SessionIdentity {
  const [stable, setStable] = useState(identity);
  const next = stableIdentity(stable, identity);
  // Storing what the last render chose: React re-renders at once with it, before anything is committed.
  if (next !== stable) setStable(next);
  return next;
}

/** The open session; throws outside a SessionProvider (a screen that needs it is only shown while unlocked). */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (value === undefined) throw new Error('useSession outside a SessionProvider');
  return value;
}
