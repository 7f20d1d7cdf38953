import { createContext, useContext } from 'react';
import type { Role } from '../../../../shared/index';

/** Opens a section of the app (App's navigation) from inside a screen: a waiting item links to where it is handled. */
export interface Navigation {
  open(section: string): void;
}

const NavigationContext = createContext<Navigation>({ open: () => undefined });
export const NavigationProvider = NavigationContext.Provider;
export const useNavigation = (): Navigation => useContext(NavigationContext);

/**
 * Where the app opens: Today for those who look after clients day by day (concierges, coordinators) and for the
 * admin, whose Today holds what to do next (first steps after set-up, waiting items; issue 23, point 2) rather than
 * the Clients screen the admin may only read; Clients for the others.
 */
export function homeSection(role: Role): 'today' | 'clients' {
  return role === 'concierge' || role === 'coordinator' || role === 'admin' ? 'today' : 'clients';
}
