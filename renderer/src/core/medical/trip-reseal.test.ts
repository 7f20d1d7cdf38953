import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  envelopeKeyId,
  generateIdentity,
  loadSodium,
  newDataKey,
  openClientKey,
  RECOVERY_RECIPIENT_ID,
  type PublicKeys,
  type Sodium,
  type StaffIdentity,
} from '../../../../shared/crypto/index';
import { signConsentRecord } from '../../../../shared/crypto/consent-signature';
import { newClient } from '../../../../shared/domain/client-record';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import { clientKeyStateOf, type KeyWrapDocument } from '../../../../shared/domain/key-wraps';
import type { Trip, TripItem } from '../../../../shared/domain/trip';
import { openTripItemDetails, resealDigest } from '../../../../shared/domain/trip-medical';
import { springTrip, uuid } from '../../../../tests/support/trip-fixtures';
import { openLocalStore, type LocalStore } from '../../store/local-store';
import type { MedicalContext } from './context';
import { openTripDetails, sealTripDetails, TripDetailsError } from './trip-details';
import { adoptSectionlessKeys, resealClearTrips } from './trip-reseal';

/**
 * Issue 14, item 8: trips written before version 3 of a client for whom no key exists at all (no medical section
 * ever written, no medical-data consent) are sealed too, under a first key made for them without a section.
 */

const CLIENT = springTrip().clientId;
const PROCEDURE = 'Xylocarpa-5521 knee arthroscopy';
const PLACE = 'Quillfeather-8830 Orthopaedic Clinic';
const NOTE = 'Vortigern-1194 fasting from midnight';
const procedure: TripItem = {
  id: uuid(20),
  kind: 'procedure',
  start: '2026-04-03T09:00:00+09:00',
  end: '2026-04-03T12:00:00+09:00',
  title: PROCEDURE,
  location: PLACE,
  notes: NOTE,
};
const legacy: Trip = springTrip([procedure]);

const copyOf = (me: StaffIdentity): StaffIdentity => ({
  staffId: me.staffId,
  boxPublicKey: me.boxPublicKey.slice(),
  boxSecretKey: me.boxSecretKey.slice(),
  signPublicKey: me.signPublicKey.slice(),
  signSecretKey: me.signSecretKey.slice(),
});

describe('sealing the clear trip details of a client with no key', () => {
  let sodium: Sodium;
  let store: LocalStore | undefined;
  let maker: StaffIdentity;
  let other: StaffIdentity;
  let recovery: StaffIdentity;
  beforeAll(async () => {
    sodium = await loadSodium();
  });
  afterEach(async () => {
    await store?.remove();
    store = undefined;
  });

  /** A store holding the client and its trip of before version 3: no section, no wrap, no consent. */
  async function world(): Promise<(me: StaffIdentity) => MedicalContext> {
    const vault = newDataKey(sodium);
    store = await openLocalStore(
      sodium,
      { vaultKey: () => vault },
      `trip-reseal-test-${crypto.randomUUID()}`,
      getRxStorageMemory(),
    );
    maker = generateIdentity(sodium, uuid(40));
    other = generateIdentity(sodium, uuid(41));
    recovery = generateIdentity(sodium, RECOVERY_RECIPIENT_ID);
    await store.clients.insert(newClient(CLIENT, { latin: 'Client' }, 1));
    await store.trips.insert(legacy);
    const keys = new Map<string, PublicKeys>(
      [maker, other, recovery].map((s) => [
        s.staffId,
        { boxPublicKey: s.boxPublicKey, signPublicKey: s.signPublicKey },
      ]),
    );
    const local = store;
    return (me) =>
      ({
        sodium,
        collections: local,
        directory: {
          entries: () => [],
          keyDirectory: () => keys,
          recoveryRecipient: () => ({ id: RECOVERY_RECIPIENT_ID, boxPublicKey: recovery.boxPublicKey }),
        },
        actor: { staffId: me.staffId, deviceId: me.staffId, role: 'concierge', deviceKeys: () => copyOf(me) },
        now: () => 1000,
      }) as unknown as MedicalContext;
  }

  const storedTrip = async () => (await store!.trips.findOne(legacy.id).exec())!.toJSON() as Trip;
  const wraps = async () =>
    (await store!.keyWraps.find().exec()).map((doc) => doc.toJSON() as KeyWrapDocument);

  it('seals them without a consent under a first key wrapped to the device and the recovery key', async () => {
    const ctxOf = await world();
    expect(await resealClearTrips(ctxOf(maker))).toBe(1);

    const sealed = await storedTrip();
    const text = JSON.stringify(sealed);
    for (const secret of [PROCEDURE, PLACE, NOTE]) expect(text).not.toContain(secret);
    const item = sealed.items[0]!;
    expect(item.resealOf).toBe(
      resealDigest(sodium, legacy.id, procedure.id, { title: PROCEDURE, location: PLACE, notes: NOTE }),
    );
    // The client's first key: this device's wrap and the recovery key's, no section (that would need a consent).
    const made = await wraps();
    expect(made.map((wrap) => [wrap.recipientId, wrap.granterId]).sort()).toEqual(
      [
        [maker.staffId, maker.staffId],
        [RECOVERY_RECIPIENT_ID, maker.staffId],
      ].sort(),
    );
    expect(await store!.medical.find().exec()).toEqual([]);
    // The recovery key opens the details as they were.
    const keys = ctxOf(maker).directory.keyDirectory();
    const key = openClientKey(sodium, clientKeyStateOf(CLIENT, made[0]!.keyId, made), recovery, keys);
    expect(openTripItemDetails(sodium, key, legacy.id, item)).toEqual({
      title: PROCEDURE,
      location: PLACE,
      notes: NOTE,
    });
    // Done once: a second run, or another device's (it holds no wrap of that key), changes nothing.
    expect(await resealClearTrips(ctxOf(maker))).toBe(0);
    expect(await resealClearTrips(ctxOf(other))).toBe(0);
    expect(await wraps()).toHaveLength(2);
    // The maker's device reads them, and another device sees them sealed.
    const mine = await openTripDetails(ctxOf(maker), sealed);
    expect(mine.holdsKey).toBe(true);
    expect(mine.details.get(procedure.id)?.title).toBe(PROCEDURE);
    expect(await openTripDetails(ctxOf(other), sealed)).toEqual({
      details: new Map(),
      sealed: new Set([procedure.id]),
      holdsKey: false,
    });
  });

  it('writes nothing new under that key without a consent, and keeps the envelope through an edit of the rest', async () => {
    const ctxOf = await world();
    const client = { id: CLIENT, assignedStaffIds: [] };
    // New details for a keyless client: refused, and no key is left behind.
    const added: TripItem = { ...procedure, id: uuid(21), title: 'Hip replacement' };
    await expect(
      sealTripDetails(ctxOf(maker), client, {
        next: { ...legacy, items: [...legacy.items, added] },
        stored: legacy,
        shown: new Map(),
        notices: [],
      }),
    ).rejects.toEqual(new TripDetailsError('no-consent'));
    expect(await wraps()).toEqual([]);

    expect(await resealClearTrips(ctxOf(maker))).toBe(1);
    const sealed = await storedTrip();
    const opened = await openTripDetails(ctxOf(maker), sealed);
    const shownItems = sealed.items.map((item) => ({ ...item, ...opened.details.get(item.id) }));
    // The trip renamed by the maker, its procedure as shown: no consent needed, the envelope kept byte for byte.
    const renamed = await sealTripDetails(ctxOf(maker), client, {
      next: { ...sealed, title: 'Renamed', items: shownItems },
      stored: sealed,
      shown: opened.details,
      notices: [],
    });
    expect(renamed.items[0]!.sealedDetails).toBe(sealed.items[0]!.sealedDetails);
    expect(renamed.items[0]).not.toHaveProperty('title');
    // Changed details are a medical write: refused without a consent, on any device.
    const changed = { ...legacy, items: [{ ...shownItems[0]!, notes: 'Changed' }] };
    const write = { next: changed, stored: sealed, shown: opened.details, notices: [] };
    await expect(sealTripDetails(ctxOf(maker), client, write)).rejects.toEqual(
      new TripDetailsError('no-consent'),
    );
    await expect(sealTripDetails(ctxOf(other), client, write)).rejects.toEqual(
      new TripDetailsError('no-consent'),
    );
    // Another trip of the client held in clear: only the device that made the client's key seals it.
    const second = { ...legacy, id: uuid(3) };
    const reseal = { next: second, stored: second, shown: new Map(), notices: [] };
    await expect(sealTripDetails(ctxOf(other), client, reseal)).rejects.toEqual(
      new TripDetailsError('no-access'),
    );
    const resealed = await sealTripDetails(ctxOf(maker), client, reseal);
    expect(envelopeKeyId(resealed.items[0]!.sealedDetails!)).toBe(
      envelopeKeyId(sealed.items[0]!.sealedDetails!),
    );
    expect(await wraps()).toHaveLength(2);
  });

  const consentBy = (device: StaffIdentity): ConsentRecord =>
    signConsentRecord(
      sodium,
      {
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
        deviceId: device.staffId,
        recordedAt: 1,
        assignedStaffIds: [],
      },
      device,
    );

  it('gives that key its section once the client consents, on the device that made it', async () => {
    const ctxOf = await world();
    expect(await resealClearTrips(ctxOf(maker))).toBe(1);
    const [wrap] = await wraps();
    // No consent yet: the key stays without a section.
    expect(await adoptSectionlessKeys(ctxOf(maker))).toBe(0);
    await store!.consents.insert(consentBy(other));
    // Only the device that holds the key can write the section under it.
    expect(await adoptSectionlessKeys(ctxOf(other))).toBe(0);
    expect(await adoptSectionlessKeys(ctxOf(maker))).toBe(1);
    const sections = (await store!.medical.find().exec()).map((doc) => doc.toJSON());
    expect(sections.map((section) => [section.keyId, section.consentId])).toEqual([[wrap!.keyId, uuid(30)]]);
    expect(await wraps()).toHaveLength(2);
    expect(await adoptSectionlessKeys(ctxOf(maker))).toBe(0);
    const opened = await openTripDetails(ctxOf(maker), await storedTrip());
    expect(opened.details.get(procedure.id)?.notes).toBe(NOTE);
  });

  it('with a medical consent in force, makes the first key with an empty section, as any first write does', async () => {
    const ctxOf = await world();
    await store!.consents.insert(consentBy(maker));
    expect(await resealClearTrips(ctxOf(maker))).toBe(1);
    const sections = (await store!.medical.find().exec()).map((doc) => doc.toJSON());
    expect(sections).toHaveLength(1);
    const item = (await storedTrip()).items[0]!;
    expect(envelopeKeyId(item.sealedDetails!)).toBe(sections[0]!.keyId);
    expect(JSON.stringify(item)).not.toContain(PROCEDURE);
  });
});
