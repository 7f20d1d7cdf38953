import type { Client } from '../../../../shared/index';
import type { OpenDevice } from '../../auth/device-access';
import type { Session } from '../../session/index';

/**
 * What every tab of a client's record (profile, medical, itinerary) is given: the client as the local store holds
 * it now (updated live). The open session comes from useSession().
 */
export interface ClientPanelProps {
  client: Client;
  /** @deprecated Read useSession() instead; goes once MedicalPanel and TripsPanel no longer read it. */
  device: OpenDevice<Session>;
}
