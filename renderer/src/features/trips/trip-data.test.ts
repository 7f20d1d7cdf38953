import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadSodium, newDataKey, type Sodium } from '../../../../shared/crypto/index';
import { newClient, type Trip, type TripItem } from '../../../../shared/index';
import type { MedicalContext } from '../../core/medical/context';
import { openLocalStore, type LocalStore } from '../../store/local-store';
import { clientTrips$, createTrip, newTrip, updateTrip } from './trip-data';

// The medical feature's data module starts sessions (the host bridge), which these tests do not load; the
// commands tested here take the medical context as an argument.
vi.mock('../medical/medical-data', () => ({ useMedicalContext: () => undefined }));

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const client = newClient(uuid(1), { latin: 'Zoë Hartley' }, 1, [uuid(50)]);
const draft = {
  title: 'Spring in Tokyo',
  startDate: '2026-04-01',
  endDate: '2026-04-08',
  timeZone: 'Asia/Tokyo',
};
const concierge = { scope: 'assigned' as const, staffId: uuid(51) };

describe('the trips data layer', () => {
  let sodium: Sodium;
  let store: LocalStore | undefined;
  beforeAll(async () => {
    sodium = await loadSodium();
  });
  afterEach(async () => {
    await store?.remove();
    store = undefined;
  });

  async function open(): Promise<LocalStore> {
    const key = newDataKey(sodium);
    store = await openLocalStore(
      sodium,
      { vaultKey: () => key },
      `trip-data-test-${crypto.randomUUID()}`,
      getRxStorageMemory(),
    );
    return store;
  }

  it('gives a new trip its client staff, and the concierge who made it', () => {
    expect(newTrip(client, draft, concierge, uuid(2), 5)).toEqual({
      id: uuid(2),
      clientId: client.id,
      assignedStaffIds: [uuid(50), uuid(51)],
      ...draft,
      items: [],
      createdAt: 5,
      updatedAt: 5,
    });
    expect(newTrip(client, draft, { scope: 'all', staffId: uuid(52) }, uuid(2), 5).assignedStaffIds).toEqual([
      uuid(50),
    ]);
  });

  it('creates trips and lists a client’s trips by first day', async () => {
    const local = await open();
    const later = await createTrip(
      local,
      client,
      { ...draft, startDate: '2026-05-01', endDate: '2026-05-02' },
      concierge,
    );
    const sooner = await createTrip(local, client, draft, concierge);
    expect(later.ok && sooner.ok).toBe(true);
    const listed = await firstValueFrom(clientTrips$(local, client.id));
    expect(listed.map((trip) => trip.startDate)).toEqual(['2026-04-01', '2026-05-01']);
    expect(await firstValueFrom(clientTrips$(local, uuid(9)))).toEqual([]);
  });

  it('writes a valid change, refuses an invalid trip, and names a store failure by its code', async () => {
    const local = await open();
    const created = await createTrip(local, client, draft, concierge);
    if (!created.ok) throw new Error('not created');
    const trip: Trip = created.value;
    const renamed = await updateTrip(local, trip, { title: 'Autumn in Kyoto' });
    expect(renamed).toMatchObject({ ok: true, value: { title: 'Autumn in Kyoto' } });
    expect(await updateTrip(local, trip, { endDate: '2026-03-01' })).toEqual({
      ok: false,
      kind: 'invalid',
      errors: [{ path: 'endDate', code: 'end-before-start' }],
    });
    const stored = (await local.trips.findOne(trip.id).exec())!.toJSON();
    expect(stored).toMatchObject({ title: 'Autumn in Kyoto', endDate: '2026-04-08' });
    expect(await updateTrip(local, { ...trip, id: uuid(77) }, { title: 'Gone' })).toEqual({
      ok: false,
      kind: 'failed',
      code: 'NOT_FOUND',
    });
  });

  it('refuses medical details without the medical context or without a consent, writing nothing', async () => {
    const local = await open();
    const created = await createTrip(local, client, draft, concierge);
    if (!created.ok) throw new Error('not created');
    const procedure: TripItem = {
      id: uuid(20),
      kind: 'procedure',
      start: '2026-04-03T09:00:00+09:00',
      end: '2026-04-03T12:00:00+09:00',
      title: 'Knee arthroscopy',
      location: 'St Luke’s International Hospital',
    };
    const changes = { items: [procedure] };
    expect(await updateTrip(local, created.value, changes)).toEqual({
      ok: false,
      kind: 'refused',
      reason: 'no-access',
    });
    const ctx = {
      sodium,
      collections: local,
      // No device keys: no consent record could verify (and there is none).
      directory: {
        keyDirectory: () => new Map(),
        recoveryRecipient: () => undefined,
      } as unknown as MedicalContext['directory'],
      actor: {
        staffId: uuid(51),
        deviceId: uuid(52),
        role: 'concierge' as const,
        deviceKeys: () => {
          throw new Error('no key is opened without a consent');
        },
      },
    };
    const medical = { ctx, client, shown: new Map(), notices: [] };
    expect(await updateTrip(local, created.value, changes, medical)).toEqual({
      ok: false,
      kind: 'refused',
      reason: 'no-consent',
    });
    expect((await local.trips.findOne(created.value.id).exec())!.toJSON().items).toEqual([]);
    // A trip written before version 3, its procedure in clear: not even its title is written until its details
    // can be sealed (here: no key yet, and no recovery key known to make the first one with; without a consent a
    // key is made only to seal the details held, core/medical/trip-details.ts).
    const legacy = (await local.trips.findOne(created.value.id).exec())!;
    await legacy.incrementalPatch({ items: [procedure] });
    const legacyTrip = legacy.getLatest().toJSON() as Trip;
    expect(await updateTrip(local, legacyTrip, { title: 'Renamed' }, medical)).toEqual({
      ok: false,
      kind: 'refused',
      reason: 'no-recovery-key',
    });
    expect(legacy.getLatest().toJSON()).toMatchObject({ title: draft.title, items: [procedure] });
    // A flight needs no key and no consent.
    const flight: TripItem = { ...procedure, id: uuid(21), kind: 'flight', title: 'LHR to HND' };
    expect(await updateTrip(local, legacyTrip, { items: [flight] }, medical)).toMatchObject({ ok: true });
  });
});
