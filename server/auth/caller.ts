import type { SessionIdentity } from '../../shared/index';

/** Who is calling, as the server established it from a session token (auth/sessions.ts). */
export type Caller = SessionIdentity;
