import type { OpenDevice } from '../../auth/device-access';
import type { Session } from '../../session';
import { useMedicalKeyRotation } from './medical-data';

/**
 * Runs the key-rotation job for as long as the device is open, whichever screen is shown: a revoked person's
 * access must not wait for someone to open the clients list.
 */
export function MedicalKeyRotation({ device }: { device: OpenDevice<Session> }) {
  useMedicalKeyRotation(device);
  return null;
}
