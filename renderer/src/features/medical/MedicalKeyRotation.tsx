import { useMedicalKeyRotation } from './medical-data';

/**
 * Runs the key-rotation job for as long as the device is open, whichever screen is shown: a revoked person's
 * access must not wait for someone to open the clients list. Mount once, inside the SessionProvider.
 */
export function MedicalKeyRotation() {
  useMedicalKeyRotation();
  return null;
}
