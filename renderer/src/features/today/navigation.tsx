import { createContext, useContext } from 'react';
import type { Role } from '../../../../shared/index';

/** Opens a section of the app (App's navigation) from inside a screen: a waiting item links to where it is handled. */
export interface Navigation {
  open(section: string): void;
}

const NavigationContext = createContext<Navigation>({ open: () => undefined });
export const NavigationProvider = NavigationContext.Provider;
export const useNavigation = (): Navigation => useContext(NavigationContext);

/** Where the app opens: Today for those who look after clients day by day (concierges, coordinators), else Clients. */
export function homeSection(role: Role): 'today' | 'clients' {
  return role === 'concierge' || role === 'coordinator' ? 'today' : 'clients';
}
