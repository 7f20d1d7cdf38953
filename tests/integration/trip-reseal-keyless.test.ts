import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { Subject } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  generateIdentity,
  loadSodium,
  newDataKey,
  RECOVERY_RECIPIENT_ID,
  type PublicKeys,
  type StaffIdentity,
} from '../../shared/crypto/index';
import type { SyncedCollectionName } from '../../shared/sync/registry';
import type { Trip, TripItem } from '../../shared/domain/trip';
import type { LuminaServer } from '../../server/app';
import type { MedicalContext } from '../../renderer/src/core/medical/context';
import { resealClearTrips } from '../../renderer/src/core/medical/trip-reseal';
import { openLocalStore, type LocalStore } from '../../renderer/src/store/local-store';
import type { LiveEvent } from '../../renderer/src/sync/live-stream';
import { replicateCollection, type CollectionReplication } from '../../renderer/src/sync/replication';
import { RetryGate } from '../../renderer/src/sync/backoff';
import { seedDocuments } from '../support/server/seed';
import { clientId, makerOf, pushAs, tripId } from '../support/server/permission-documents';
import { testEngines } from '../support/server/engines';
import { organisationServer } from '../support/server/staff';

/**
 * Issue 14, item 8, against a real server: a trip written before version 3, its procedure in clear, of a client
 * with no medical section, no key and no medical consent. A concierge's device (in the medical write scope of
 * the client, no capability to grant) pulls it, the re-sealing job makes the client's first key and seals the
 * details; the server takes the key wraps and the sealed trip without a consent, and its database then holds
 * the procedure's name, place and notes nowhere.
 */

const PROCEDURE = 'Xylocarpa-5521 knee arthroscopy';
const PLACE = 'Quillfeather-8830 Orthopaedic Clinic';
const NOTE = 'Vortigern-1194 fasting from midnight';
const CLIENT = 14;

for (const engine of testEngines) {
  describe(`the clear trip details of a client with no key leave the server (${engine.name})`, () => {
    let handle: Awaited<ReturnType<typeof engine.open>> | undefined;
    let server: LuminaServer | undefined;
    let store: LocalStore | undefined;
    const replications: CollectionReplication<{ id: string }>[] = [];
    afterEach(async () => {
      for (const replication of replications) await replication.cancel();
      replications.length = 0;
      await store?.remove();
      await server?.close();
      await handle?.drop();
      store = server = handle = undefined;
    });

    it('seals them with a first key the server takes without a consent', async () => {
      const sodium = await loadSodium();
      handle = await engine.open();
      const made = await organisationServer(handle.db);
      server = made.server;
      const { coordinator, concierge } = made.staff;
      const assignees = [concierge.staffId];
      const client = makerOf('clients').make(CLIENT, assignees, coordinator);
      expect((await pushAs(server, coordinator, 'clients', [client])).statusCode).toBe(200);
      const procedure: TripItem = {
        id: clientId(500),
        kind: 'procedure',
        start: '2026-04-03T09:00:00+09:00',
        end: '2026-04-03T12:00:00+09:00',
        title: PROCEDURE,
        location: PLACE,
        notes: NOTE,
      };
      const legacy: Trip = {
        id: tripId(CLIENT),
        clientId: clientId(CLIENT),
        assignedStaffIds: assignees,
        title: 'Spring in Tokyo',
        startDate: '2026-04-01',
        endDate: '2026-04-08',
        timeZone: 'Asia/Tokyo',
        items: [procedure],
        createdAt: 1,
        updatedAt: 1,
      };
      // As the server holds a trip written before version 3 (the push rule refuses such a push today).
      await seedDocuments(handle.db, 'trips', [legacy]);
      const serverText = async (collection: string) =>
        JSON.stringify(
          await handle!.db.query('SELECT data FROM sync_documents WHERE collection = $1', [collection]),
        );
      expect(await serverText('trips')).toContain(PROCEDURE);

      // The concierge's device: the app's store and replication, the device's keys made as a device makes them.
      const serverUrl = await server.app.listen({ host: '127.0.0.1', port: 0 });
      const vault = newDataKey(sodium);
      store = await openLocalStore(
        sodium,
        { vaultKey: () => vault },
        `trip-reseal-keyless-${engine.name}-${Date.now()}`,
        getRxStorageMemory(),
      );
      const parked: unknown[] = [];
      const events$ = new Subject<LiveEvent>();
      const replicate = (name: SyncedCollectionName) => {
        const replication = replicateCollection({
          serverUrl,
          name,
          collection: store![name] as never,
          events$,
          headers: () => concierge.headers,
          retryGate: new RetryGate({ baseMs: 20, maxMs: 200 }),
          waitForLeadership: false,
          onParked: (rows) => parked.push(...rows),
        }) as CollectionReplication<{ id: string }>;
        replications.push(replication);
        return replication;
      };
      const synced = [replicate('clients'), replicate('trips'), replicate('keyWraps')];
      const sync = async () => {
        for (const replication of synced) {
          replication.state.reSync();
          await replication.state.awaitInSync();
        }
      };
      await sync();
      expect((await store.trips.findOne(legacy.id).exec())?.toJSON().items[0]?.title).toBe(PROCEDURE);

      const device: StaffIdentity = generateIdentity(sodium, concierge.deviceId);
      const recovery = generateIdentity(sodium, RECOVERY_RECIPIENT_ID);
      const keys = new Map<string, PublicKeys>(
        [device, recovery].map((s) => [
          s.staffId,
          { boxPublicKey: s.boxPublicKey, signPublicKey: s.signPublicKey },
        ]),
      );
      const ctx = {
        sodium,
        collections: store,
        directory: {
          entries: () => [],
          keyDirectory: () => keys,
          recoveryRecipient: () => ({ id: RECOVERY_RECIPIENT_ID, boxPublicKey: recovery.boxPublicKey }),
        },
        actor: {
          staffId: concierge.staffId,
          deviceId: concierge.deviceId,
          role: 'concierge',
          deviceKeys: () => generateCopy(device),
        },
      } as unknown as MedicalContext;
      expect(await resealClearTrips(ctx)).toBe(1);
      await sync();

      expect(parked).toEqual([]);
      const trips = await serverText('trips');
      expect(trips).toContain(legacy.id);
      expect(trips).toContain('sealedDetails');
      for (const secret of [PROCEDURE, PLACE, NOTE, 'Xylocarpa', 'Quillfeather', 'Vortigern']) {
        expect(trips).not.toContain(secret);
      }
      const wraps = await handle.db.query<{ data: { recipientId: string; granterId: string } }>(
        "SELECT data FROM sync_documents WHERE collection = 'keyWraps' AND NOT deleted",
      );
      expect(wraps.map((row) => row.data.recipientId).sort()).toEqual(
        [concierge.deviceId, RECOVERY_RECIPIENT_ID].sort(),
      );
      // No section, no consent: none was needed, none was written.
      expect(await serverText('medical')).toBe('[]');
      expect(await serverText('consents')).toBe('[]');
    }, 60_000);
  });
}

/** The session hands out a fresh copy of the device keys each time (they are wiped after use). */
function generateCopy(me: StaffIdentity): StaffIdentity {
  return {
    staffId: me.staffId,
    boxPublicKey: me.boxPublicKey.slice(),
    boxSecretKey: me.boxSecretKey.slice(),
    signPublicKey: me.signPublicKey.slice(),
    signSecretKey: me.signSecretKey.slice(),
  };
}
