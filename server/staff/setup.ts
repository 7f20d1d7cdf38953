import { randomUUID } from 'node:crypto';
import {
  normaliseCode,
  SETUP_CODE_TTL_MS,
  type DeviceRegistration,
  type EnrolResponse,
} from '../../shared/index';
import type { Sodium } from '../../shared/crypto/index';
import { decodeBase64Url } from '../../shared/crypto/encoding';
import { badRequest, conflict } from '../auth/api-error';
import { newCode, sha256 } from '../auth/codes';
import type { Database } from '../db/database';
import { checkDevice, insertDevice } from './devices';
import { recordStaffEvent } from './events';
import { lockIdentities, staffCount } from './identity';

/**
 * On a server with no staff yet: a fresh one-time setup code (any earlier unused one stops working). The caller
 * prints it; only its hash is stored. Undefined once the organisation is set up.
 */
export async function issueSetupCode(db: Database, now: number): Promise<string | undefined> {
  return db.transaction(async (tx) => {
    await lockIdentities(tx);
    if ((await staffCount(tx)) > 0) return undefined;
    const code = newCode();
    await tx.query('DELETE FROM setup_codes WHERE used_at IS NULL');
    await tx.query('INSERT INTO setup_codes (code_hash, expires_at) VALUES ($1, $2)', [
      sha256(code),
      now + SETUP_CODE_TTL_MS,
    ]);
    return code;
  });
}

/** The first admin and their device, with the setup code; approved at once (there is nobody to approve). */
export async function setUp(
  db: Database,
  sodium: Sodium,
  request: {
    setupCode: string;
    displayName: string;
    device: DeviceRegistration;
    recoveryPublicKey: string;
  },
  now: number,
): Promise<EnrolResponse> {
  const print = checkDevice(sodium, request.device);
  if (decodeBase64Url(request.recoveryPublicKey)?.length !== 32) throw badRequest('recovery-key-invalid');
  return db.transaction(async (tx) => {
    await lockIdentities(tx);
    if ((await staffCount(tx)) > 0) throw conflict('already-set-up');
    const used = await tx.query(
      `UPDATE setup_codes SET used_at = $2
        WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING code_hash`,
      [sha256(normaliseCode(request.setupCode)), now],
    );
    if (used.length === 0) throw badRequest('setup-code-invalid');
    await tx.query(
      `INSERT INTO organisation (recovery_public_key, created_at) VALUES ($1, $2)
       ON CONFLICT (singleton) DO UPDATE SET recovery_public_key = EXCLUDED.recovery_public_key,
                                              created_at = EXCLUDED.created_at`,
      [request.recoveryPublicKey, now],
    );
    const staffId = randomUUID();
    await tx.query(
      `INSERT INTO staff (id, display_name, role, status, created_at) VALUES ($1, $2, 'admin', 'active', $3)`,
      [staffId, request.displayName, now],
    );
    const deviceId = await insertDevice(tx, staffId, request.device, print, 'active', now);
    const enrolmentId = randomUUID();
    await tx.query(
      `INSERT INTO enrolments (id, device_id, staff_id, status, created_at, expires_at, decided_at)
       VALUES ($1, $2, $3, 'approved', $4, $4, $4)`,
      [enrolmentId, deviceId, staffId, now],
    );
    await recordStaffEvent(tx, now, staffId, 'organisation-set-up', staffId, deviceId);
    return { enrolmentId, deviceId, staffId, fingerprint: print, status: 'approved', expiresAt: now };
  });
}
