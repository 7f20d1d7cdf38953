import { useMedicalKeyRotation } from './medical-data';
import { useTripReseal } from './trip-reseal-job';

/**
 * Runs the medical background jobs for as long as the device is open, whichever screen is shown: the key rotation
 * (a revoked person's access must not wait for someone to open the clients list) and the sealing of trips stored
 * before schema version 3. Mount once, inside the SessionProvider.
 */
export function MedicalKeyRotation() {
  useMedicalKeyRotation();
  useTripReseal();
  return null;
}
