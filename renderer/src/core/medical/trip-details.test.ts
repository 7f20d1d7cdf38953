import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createClientKeys,
  generateIdentity,
  loadSodium,
  newDataKey,
  RECOVERY_RECIPIENT_ID,
  type PublicKeys,
  type Sodium,
  type StaffIdentity,
  type SymmetricKey,
} from '../../../../shared/crypto/index';
import { signConsentRecord } from '../../../../shared/crypto/consent-signature';
import { newClient } from '../../../../shared/domain/client-record';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import { keyWrapChanges } from '../../../../shared/domain/key-wraps';
import { emptyMedicalContent } from '../../../../shared/domain/medical';
import { sealMedicalSection } from '../../../../shared/domain/medical-seal';
import type { TripItem } from '../../../../shared/domain/trip';
import { openTripItemDetails, sealTripItem } from '../../../../shared/domain/trip-medical';
import { springTrip, uuid } from '../../../../tests/support/trip-fixtures';
import { openLocalStore, type LocalStore } from '../../store/local-store';
import type { MedicalContext } from './context';
import { openTripDetails, sealTripDetails, TripDetailsError } from './trip-details';
import { resealClearTrips } from './trip-reseal';

const CLIENT = springTrip().clientId;
const procedure: TripItem = {
  id: uuid(20),
  kind: 'procedure',
  start: '2026-04-03T09:00:00+09:00',
  end: '2026-04-03T12:00:00+09:00',
  title: 'Knee arthroscopy',
  location: 'Clinic',
};
const consent: ConsentRecord = {
  id: uuid(30),
  clientId: CLIENT,
  action: 'given',
  purpose: 'medical-data',
  noticeId: uuid(31),
  noticeVersion: 'v1',
  noticeHash: '0'.repeat(64),
  language: 'en',
  method: 'signed-paper',
  at: 1,
  recordedBy: uuid(32),
  deviceId: uuid(33),
  recordedAt: 1,
  assignedStaffIds: [],
};

/** The session hands out a fresh copy of the device keys each time (they are wiped after use). */
const copyOf = (me: StaffIdentity): StaffIdentity => ({
  staffId: me.staffId,
  boxPublicKey: me.boxPublicKey.slice(),
  boxSecretKey: me.boxSecretKey.slice(),
  signPublicKey: me.signPublicKey.slice(),
  signSecretKey: me.signSecretKey.slice(),
});

describe('medical trip details on a device', () => {
  let sodium: Sodium;
  let store: LocalStore | undefined;
  let holder: StaffIdentity;
  let stranger: StaffIdentity;
  let dataKey: SymmetricKey;
  beforeAll(async () => {
    sodium = await loadSodium();
  });
  afterEach(async () => {
    await store?.remove();
    store = undefined;
  });

  /** A store where `holder`'s device holds the client's key (a section and its wraps), and `stranger` holds none. */
  async function world(): Promise<(me: StaffIdentity) => MedicalContext> {
    const vault = newDataKey(sodium);
    store = await openLocalStore(
      sodium,
      { vaultKey: () => vault },
      `trip-details-test-${crypto.randomUUID()}`,
      getRxStorageMemory(),
    );
    holder = generateIdentity(sodium, uuid(40));
    stranger = generateIdentity(sodium, uuid(41));
    const recovery = generateIdentity(sodium, RECOVERY_RECIPIENT_ID);
    const created = createClientKeys(sodium, CLIENT, holder, {
      id: RECOVERY_RECIPIENT_ID,
      boxPublicKey: recovery.boxPublicKey,
    });
    dataKey = created.dataKey;
    await store.clients.insert(newClient(CLIENT, { latin: 'Client' }, 1));
    await store.keyWraps.bulkInsert(keyWrapChanges([], created.state, 1, []).put);
    await store.medical.insert(
      sealMedicalSection(sodium, dataKey, emptyMedicalContent(), {
        id: uuid(50),
        clientId: CLIENT,
        consentId: consent.id,
        assignedStaffIds: [],
        createdAt: 1,
        updatedAt: 1,
      }),
    );
    const keys = new Map<string, PublicKeys>(
      [holder, stranger, recovery].map((s) => [
        s.staffId,
        { boxPublicKey: s.boxPublicKey, signPublicKey: s.signPublicKey },
      ]),
    );
    const local = store;
    return (me) =>
      ({
        sodium,
        collections: local,
        directory: { entries: () => [], keyDirectory: () => keys, recoveryRecipient: () => undefined },
        actor: {
          staffId: me.staffId,
          deviceId: me.staffId,
          role: 'coordinator',
          deviceKeys: () => copyOf(me),
        },
        now: () => 1000,
      }) as unknown as MedicalContext;
  }

  it('opens the details for the device that holds the key, and keeps them sealed for one that does not', async () => {
    const ctxOf = await world();
    const trip = springTrip([sealTripItem(sodium, dataKey, springTrip().id, procedure)]);
    const mine = await openTripDetails(ctxOf(holder), trip);
    expect(mine.holdsKey).toBe(true);
    expect(mine.details.get(procedure.id)).toEqual({ title: 'Knee arthroscopy', location: 'Clinic' });
    const theirs = await openTripDetails(ctxOf(stranger), trip);
    expect(theirs).toEqual({ details: new Map(), sealed: new Set([procedure.id]), holdsKey: false });
    // Access log: the opening is logged (names only), the sealed view is not.
    const logged = (await store!.auditEvents.find().exec()).map((d) => d.toJSON());
    expect(logged.map((e) => [e.kind, e.deviceId, e.clientId, e.target, e.fields])).toEqual([
      ['trip-medical-opened', holder.staffId, CLIENT, trip.id, ['tripItemDetails']],
    ]);
  });

  it('seals new details under the client key with a consent, and refuses them without one or without the key', async () => {
    const ctxOf = await world();
    const next = springTrip([procedure]);
    const write = { next, stored: springTrip(), shown: new Map(), notices: [] };
    await expect(sealTripDetails(ctxOf(holder), { id: CLIENT, assignedStaffIds: [] }, write)).rejects.toEqual(
      new TripDetailsError('no-consent'),
    );
    // An unsigned record counts for no gate; the holder's device records the consent, signed.
    await store!.consents.insert(consent);
    await expect(sealTripDetails(ctxOf(holder), { id: CLIENT, assignedStaffIds: [] }, write)).rejects.toEqual(
      new TripDetailsError('no-consent'),
    );
    await store!.consents.insert(
      signConsentRecord(sodium, { ...consent, id: uuid(34), deviceId: holder.staffId }, holder),
    );
    const sealed = await sealTripDetails(ctxOf(holder), { id: CLIENT, assignedStaffIds: [] }, write);
    expect(sealed.items[0]!.title).toBeUndefined();
    expect(openTripItemDetails(sodium, dataKey, next.id, sealed.items[0]!)).toEqual({
      title: 'Knee arthroscopy',
      location: 'Clinic',
    });
    await expect(
      sealTripDetails(ctxOf(stranger), { id: CLIENT, assignedStaffIds: [] }, write),
    ).rejects.toMatchObject({ reason: 'no-access' });
  });

  it('seals the clear details of a trip written before version 3 on a holder’s next write, consent or not', async () => {
    const ctxOf = await world();
    const legacy = springTrip([procedure]);
    const renamed = { ...legacy, title: 'Renamed' };
    const sealed = await sealTripDetails(
      ctxOf(holder),
      { id: CLIENT, assignedStaffIds: [] },
      { next: renamed, stored: legacy, shown: new Map(), notices: [] },
    );
    expect(sealed.title).toBe('Renamed');
    expect(sealed.items[0]).not.toHaveProperty('title');
    expect(openTripItemDetails(sodium, dataKey, legacy.id, sealed.items[0]!)).toEqual({
      title: 'Knee arthroscopy',
      location: 'Clinic',
    });
  });

  it('seals stored trips of before version 3 on a holder’s device that may write trips, and only there', async () => {
    const ctxOf = await world();
    const legacy = springTrip([procedure]);
    await store!.trips.insert(legacy);
    const stored = async () => (await store!.trips.findOne(legacy.id).exec())!.toJSON() as typeof legacy;
    // No key on this device, or a role that reads trips but does not write them: nothing changes.
    expect(await resealClearTrips(ctxOf(stranger))).toBe(0);
    const admin = ctxOf(holder);
    expect(await resealClearTrips({ ...admin, actor: { ...admin.actor, role: 'admin' } })).toBe(0);
    expect((await stored()).items[0]!.title).toBe('Knee arthroscopy');
    // The holder's device seals the same details, without any consent (nothing new is written).
    expect(await resealClearTrips(ctxOf(holder))).toBe(1);
    const sealed = await stored();
    expect(sealed.items[0]).not.toHaveProperty('title');
    expect(sealed.items[0]).not.toHaveProperty('location');
    expect(openTripItemDetails(sodium, dataKey, legacy.id, sealed.items[0]!)).toEqual({
      title: 'Knee arthroscopy',
      location: 'Clinic',
    });
    expect(await resealClearTrips(ctxOf(holder))).toBe(0);
  });

  it('leaves alone the trips of a client erased here (its document deleted, or gone)', async () => {
    const ctxOf = await world();
    const legacy = springTrip([procedure]);
    await store!.trips.insert(legacy);
    // The erasure's tombstone of the client arrived before its trip's.
    await (await store!.clients.findOne(CLIENT).exec())!.remove();
    expect(await resealClearTrips(ctxOf(holder))).toBe(0);
    const stored = (await store!.trips.findOne(legacy.id).exec())!.toJSON();
    expect(stored).toEqual(legacy);
    // Purged (no row at all): still nothing.
    await store!.clients.storageInstance.cleanup(0);
    expect(await resealClearTrips(ctxOf(holder))).toBe(0);
    expect((await store!.trips.findOne(legacy.id).exec())!.toJSON()).toEqual(legacy);
  });
});
