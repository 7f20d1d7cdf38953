import { createContext, useContext } from 'react';

/** Opens a section of the app (App's navigation) from inside a screen: a waiting item links to where it is handled. */
export interface Navigation {
  open(section: string): void;
}

const NavigationContext = createContext<Navigation>({ open: () => undefined });
export const NavigationProvider = NavigationContext.Provider;
export const useNavigation = (): Navigation => useContext(NavigationContext);
