import { CryptoError, openClientKey, wipeKey, type SymmetricKey } from '../../../../shared/crypto/index';
import { clientKeyStateOf } from '../../../../shared/domain/key-wraps';
import { MEDICAL_FIELDS, type MedicalSection } from '../../../../shared/domain/medical';
import { openMedicalSection } from '../../../../shared/domain/medical-seal';
import { withDeviceKeys, type MedicalContext } from './context';
import type { ClientMedicalRecords } from './records';

/**
 * Opens this device's wrap of the key the client's section is sealed under, and checks that the key inside is that
 * key: it must open one of the section's fields. A wrap names its key by id only, and any device of the directory
 * may sign one, so a wrap of another key under the section's key id would otherwise be used to seal new details
 * (or be granted on) under a key its maker holds. Refused as 'wrong-key', the key wiped. Call it before sealing or
 * granting; opening the section checks the same by itself.
 */
export function openSectionKey(
  ctx: MedicalContext,
  records: ClientMedicalRecords & { section: MedicalSection },
): SymmetricKey {
  const { section } = records;
  const key = withDeviceKeys(ctx, (me) =>
    openClientKey(
      ctx.sodium,
      clientKeyStateOf(section.clientId, section.keyId, records.wraps),
      me,
      ctx.directory.keyDirectory(),
    ),
  );
  try {
    openMedicalSection(ctx.sodium, key, section, [MEDICAL_FIELDS[0]!]);
    return key;
  } catch (cause) {
    wipeKey(ctx.sodium, key);
    if (cause instanceof CryptoError && cause.code === 'tampered') {
      throw new CryptoError(
        'wrong-key',
        `this device's wrap of key ${section.keyId} holds a key that does not open the section sealed under it`,
      );
    }
    throw cause;
  }
}
