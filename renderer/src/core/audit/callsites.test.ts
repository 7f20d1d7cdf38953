import type { RxDatabase } from 'rxdb';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSodium, type Sodium } from '../../../../shared/crypto/index';
import type { AuditEvent } from '../../../../shared/domain/audit';
import { openMedicalWorld, type World } from '../../../../tests/support/medical-world';
import type { MedicalClient } from '../medical/context';
import { grantMedicalAccess, revokeMedicalAccess } from '../medical/grants';

/** Access-log call sites in core/medical beyond the unsealing (issue 18, "what is logged"): grants and revocations. */
let sodium: Sodium;
beforeAll(async () => {
  sodium = await loadSodium();
});

let db: RxDatabase;
let world: World;
let client: MedicalClient;
beforeEach(async () => {
  ({ db, world, client } = await openMedicalWorld(sodium));
});
afterEach(async () => {
  await db.remove();
});

const logged = async (kind: AuditEvent['kind']) =>
  (await world.collections.auditEvents.find({ selector: { kind } }).exec()).map(
    (d) => d.toJSON() as AuditEvent,
  );

describe('grant and revoke of medical access in the access log', () => {
  it('logs a grant and a revocation by the granting device, naming the staff member and no value', async () => {
    await world.consentAndWrite(client);
    await grantMedicalAccess(world.as('chika'), client.id, world.staff.ben);
    const [granted] = await logged('access-granted');
    expect(granted).toMatchObject({
      staffId: world.staff.chika,
      deviceId: world.devices.chika.listing.id,
      clientId: client.id,
      target: world.staff.ben,
      fields: ['medical'],
    });
    expect(granted!.assignedStaffIds.sort()).toEqual([...client.assignedStaffIds].sort());
    expect(await logged('access-revoked')).toEqual([]);

    await revokeMedicalAccess(world.as('chika'), client.id, world.staff.ben);
    const revoked = await logged('access-revoked');
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({ clientId: client.id, target: world.staff.ben, seq: granted!.seq + 1 });
  });

  it('logs nothing when the grant is refused', async () => {
    await world.consentAndWrite(client);
    await expect(grantMedicalAccess(world.as('aiko'), client.id, world.staff.ben)).rejects.toThrow();
    expect(await logged('access-granted')).toEqual([]);
  });
});
