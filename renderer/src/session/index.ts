/**
 * The unlocked session: `startSession` opens it (store, sync, staff directory); `SessionProvider` gives it to
 * the screens and `useSession()` reads it, so no store handle travels as a prop.
 */
export { combinedSyncStatus, startSession, type Session, type SessionAccess } from './start-session';
export { SessionProvider, useSession, type SessionValue } from './session-context';
