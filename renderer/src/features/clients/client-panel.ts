import type { Client } from '../../../../shared/index';
import type { OpenDevice } from '../../auth/device-access';
import type { Session } from '../../session';

/**
 * What every section of a client's record (profile, medical, itinerary) is given: the client as the local store
 * holds it now (updated live) and the open device (its store, who is signed in, the staff client).
 */
export interface ClientPanelProps {
  client: Client;
  device: OpenDevice<Session>;
}
