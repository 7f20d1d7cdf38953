import type { RxDatabase } from 'rxdb';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSodium, RECOVERY_RECIPIENT_ID, type Sodium } from '../../../../shared/crypto/index';
import type { AuditEvent } from '../../../../shared/domain/audit';
import {
  medicalContent as content,
  openMedicalWorld,
  type World,
} from '../../../../tests/support/medical-world';
import type { MedicalClient } from './context';
import { grantMedicalAccess, revokeMedicalAccess } from './grants';
import { readClientMedical } from './records';
import { topUpKeyWraps } from './top-up';
import { unsealMedical } from './unseal';

/**
 * Issue 19, items 2 and 3, on one device's store: the key policy from the first write, and the top-up of a
 * person's new device. World: Chika (coordinator), Dan (manager), Aiko and Ben (concierges; Ben: two approved
 * devices, one pending).
 */

let sodium: Sodium;
beforeAll(async () => {
  sodium = await loadSodium();
});

let db: RxDatabase;
let world: World;
let client: MedicalClient;
beforeEach(async () => {
  ({ db, world, client } = await openMedicalWorld(sodium));
  world.keyPolicy = true;
});
afterEach(async () => {
  await db.remove();
});

const recipients = async () =>
  (await readClientMedical(world.collections, client.id)).wraps.map((w) => w.recipientId).sort();
const policyGrants = async () =>
  (await world.collections.auditEvents.find().exec())
    .map((doc) => doc.toJSON() as AuditEvent)
    .filter((event) => event.kind === 'access-granted' && event.fields.includes('key-policy'))
    .map((event) => `${event.clientId}:${event.target}`)
    .sort();
const device = (name: keyof World['devices']) => world.devices[name].listing;

describe('the key policy', () => {
  it('wraps a concierge’s first key to the recovery key and the roles that grant, each in the access log', async () => {
    await world.consentAndWrite(client, world.as('aiko'));
    expect(await recipients()).toEqual(
      [device('aiko').id, device('chika').id, device('dan').id, RECOVERY_RECIPIENT_ID].sort(),
    );
    expect(await policyGrants()).toEqual(
      [`${client.id}:${world.staff.chika}`, `${client.id}:${world.staff.dan}`].sort(),
    );
  });

  it('the creator’s laptop is lost: the manager still opens the section and grants it', async () => {
    await world.consentAndWrite(client, world.as('aiko'));
    device('aiko').status = 'revoked';
    const opened = await unsealMedical(world.as('dan'), client.id);
    expect(opened.status === 'open' && opened.content).toEqual(content);
    await grantMedicalAccess(world.as('dan'), client.id, world.staff.ben);
    const ben = await unsealMedical(world.as('ben1'), client.id);
    expect(ben.status).toBe('open');
  });

  it('refuses to revoke, per client, a person the policy names (the top-up would give the key back)', async () => {
    await world.consentAndWrite(client, world.as('aiko'));
    await expect(revokeMedicalAccess(world.as('chika'), client.id, world.staff.dan)).rejects.toMatchObject({
      reason: 'policy-holder',
    });
    expect(await recipients()).toContain(device('dan').id);
  });

  it('wraps a first key to the creator’s other approved devices, never a pending one', async () => {
    await world.consentAndWrite(client, world.as('ben1'));
    const wrapped = await recipients();
    expect(wrapped).toContain(device('ben2').id);
    expect(wrapped).not.toContain(device('benPending').id);
    expect(wrapped).not.toContain(device('aiko').id);
  });
});

describe('the top-up', () => {
  it('gives a person’s new device what the person holds, once; a revoked device never', async () => {
    await world.consentAndWrite(client, world.as('chika'));
    // Ben is granted while his second device is revoked and his third pending.
    device('ben2').status = 'revoked';
    await grantMedicalAccess(world.as('chika'), client.id, world.staff.ben);
    expect(await unsealMedical(world.as('benPending'), client.id)).toMatchObject({ status: 'no-access' });
    // The third device is approved: the next run on a device that holds the key (Ben's first, a concierge's; not
    // Aiko's, which holds nothing) wraps it, with no one granting.
    device('benPending').status = 'approved';
    expect(await topUpKeyWraps(world.as('aiko'))).toMatchObject({ wrapped: 0 });
    const report = await topUpKeyWraps(world.as('ben1'));
    expect(report).toMatchObject({ wrapped: 1, clients: [client.id], failed: [], more: false });
    const opened = await unsealMedical(world.as('benPending'), client.id);
    expect(opened.status === 'open' && opened.content).toEqual(content);
    expect(await recipients()).not.toContain(device('ben2').id);
    expect(await policyGrants()).toContain(`${client.id}:${world.staff.ben}`);
    // Never the same key twice for a device: nothing more to do, on any device.
    for (const name of ['ben1', 'benPending', 'chika', 'dan'] as const) {
      expect(await topUpKeyWraps(world.as(name))).toMatchObject({ wrapped: 0 });
    }
  });

  it('tops up a staff member newly in a role that grants, for every client, in bounded runs', async () => {
    const clients = [client, ...[1, 2, 3].map(() => ({ ...client, id: globalThis.crypto.randomUUID() }))];
    for (const each of clients) await world.consentAndWrite(each, world.as('chika'));
    // Aiko becomes a coordinator: two wraps per run at most.
    world.entryOf(world.staff.aiko).role = 'coordinator';
    const tried = new Set<string>();
    const first = await topUpKeyWraps(world.as('dan'), { maxWraps: 2, tried });
    expect(first).toMatchObject({ wrapped: 2, more: true });
    expect(first.clients.every((id) => id < first.resumeFrom!)).toBe(true);
    const second = await topUpKeyWraps(world.as('dan'), { maxWraps: 2, tried, from: first.resumeFrom! });
    expect(second).toMatchObject({ wrapped: 2, more: false });
    for (const each of clients) {
      const opened = await unsealMedical(world.as('aiko'), each.id);
      expect(opened.status).toBe('open');
    }
  });

  it('does not try again, in one session, a wrap the server refused and the device reverted', async () => {
    await world.consentAndWrite(client, world.as('chika'));
    world.entryOf(world.staff.aiko).role = 'manager';
    const tried = new Set<string>();
    expect(await topUpKeyWraps(world.as('dan'), { tried })).toMatchObject({ wrapped: 1 });
    const id = `${client.id}.${(await readClientMedical(world.collections, client.id)).section!.keyId}.${device('aiko').id}`;
    await world.collections.keyWraps.findOne(id).remove();
    expect(await topUpKeyWraps(world.as('dan'), { tried })).toMatchObject({ wrapped: 0 });
    expect(await topUpKeyWraps(world.as('dan'), { tried: new Set() })).toMatchObject({ wrapped: 1 });
  });
});
