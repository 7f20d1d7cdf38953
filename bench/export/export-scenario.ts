/**
 * The export benchmark's scenario (issue 16), shared by its two runs (export-bench.ts in Node over RxDB's memory
 * storage; page/export-page.ts in Chromium over the device's encrypted IndexedDB store): one client with 50 trips
 * of 10 items each (500 items) and a full medical section, on a store holding `clients` clients and a trip for
 * each, exported the way the DPO's device does (renderer/src/features/export/build-export.ts buildExportOnDevice:
 * every collection read by the client's id, the medical section opened with the device's grant and its unsealing
 * written to the access log, every consent signature checked, the export built, serialised and hashed, and
 * recorded on the request). The server's part is a constant answer (its route is timed by the server tests).
 * The store also holds `logPerClient` access-log entries about each other client (issue 16 review F6), as a DPO's
 * device holds every client's: the access log's `clientId` is sealed at rest, so the export finds the client's
 * entries through the vault's blind index of it (renderer/src/store/blind-index.ts), opening only the entries of
 * the id's bucket.
 * Beside it, in the same run, the baseline: reading the same documents and serialising them (clientDocuments +
 * JSON.stringify), nothing opened or checked. Pure of Node: `timed` measures (with CPU time where it can).
 */
import type { RxJsonSchema, RxStorage } from 'rxdb';
import type { AuditEvent } from '../../shared/domain/audit';
import { LOG_PER_CLIENT_DEFAULT } from './defaults';
import { loadSodium } from '../../shared/crypto/index';
import { clientSchema, tripSchema, type Client, type Trip } from '../../shared/index';
import { dataSubjectRequestSchema, type DataSubjectRequest } from '../../shared/domain/request';
import { dueAtOf, gdprBasisOf } from '../../shared/domain/request-rules';
import { SYNCED_COLLECTION_NAMES } from '../../shared/sync/collections';
import { collectionRegistry } from '../../shared/sync/registry';
import {
  buildExportOnDevice,
  clientDocuments,
  type ExportDeps,
} from '../../renderer/src/features/export/build-export';
import type { LocalStore } from '../../renderer/src/store/local-store';
import { openMedicalWorld } from '../../tests/support/medical-world';

const keep = <T>(doc: T) => doc;

const pad = (n: number) => n.toString(16).padStart(12, '0');
const trip = (id: string, clientId: string, assignees: string[], items: number, at: number): Trip => ({
  id,
  clientId,
  assignedStaffIds: assignees,
  title: `Trip ${id.slice(-4)}`,
  startDate: '2026-04-01',
  endDate: '2026-04-10',
  timeZone: 'Asia/Tokyo',
  items: Array.from({ length: items }, (_, i) => ({
    id: `${id.slice(0, 24)}${pad(i + 1)}`,
    kind: 'hotel' as const,
    start: `2026-04-0${1 + (i % 9)}T09:00:00+09:00`,
    end: `2026-04-0${1 + (i % 9)}T10:30:00+09:00`,
    title: `Item ${i + 1}: check-in at the Park Hyatt Tokyo, room 4102`,
    location: 'Shinjuku, Tokyo',
    notes: 'Late arrival; quiet room requested.',
  })),
  createdAt: at,
  updatedAt: at,
});

export interface Sample {
  wall: number;
  /** This process's CPU time (user + system), where it can be read (Node); else undefined. */
  cpu?: number;
}

export type Timer = <T>(run: () => Promise<T>) => Promise<Sample & { value: T }>;

export interface ExportScenarioResult {
  /**
   * The first export, before anything read the client's documents: its queries read the store (RxDB keeps a
   * query's result afterwards, while nothing it covers changes, so later runs read little of the store).
   */
  cold: Sample;
  /** The export's later runs and the baseline's (each run's, the first left out). */
  full: Sample[];
  base: Sample[];
  items: number;
  bytes: number;
  /** The access-log entries on the store when the export ran (every client's). */
  logEntries: number;
}

export { LOG_PER_CLIENT_DEFAULT };
const LOG_KINDS = ['passport-viewed', 'medical-unsealed', 'trip-medical-opened', 'exported'] as const;

export async function runExportScenario(
  clientCount: number,
  runs: number,
  timed: Timer,
  storage?: RxStorage<unknown, unknown>,
  logPerClient = LOG_PER_CLIENT_DEFAULT,
): Promise<ExportScenarioResult> {
  const sodium = await loadSodium();
  const { db, world, client } = await openMedicalWorld(sodium, storage);
  try {
    await db.addCollections({
      clients: {
        schema: clientSchema as unknown as RxJsonSchema<Client>,
        migrationStrategies: { 1: keep, 2: keep, 3: keep },
      },
      trips: {
        schema: tripSchema as unknown as RxJsonSchema<Trip>,
        migrationStrategies: { 1: keep, 2: keep },
      },
      requests: {
        schema: dataSubjectRequestSchema as unknown as RxJsonSchema<DataSubjectRequest>,
        migrationStrategies: { ...collectionRegistry.requests.migrations },
      },
    });
    // Every other synced collection, empty, as on a device (the export reads each one).
    const missing = SYNCED_COLLECTION_NAMES.filter(
      (name) => !(name in db.collections) && !['clients', 'trips', 'requests'].includes(name),
    );
    await db.addCollections(
      Object.fromEntries(
        missing.map((name) => {
          const entry = collectionRegistry[name];
          return [
            name,
            {
              schema: entry.schema as unknown as RxJsonSchema<{ id: string }>,
              ...(entry.migrations ? { migrationStrategies: { ...entry.migrations } } : {}),
            },
          ];
        }),
      ),
    );
    const at = world.clock;
    const assignees = client.assignedStaffIds;
    const clients: Client[] = [];
    const trips: Trip[] = [];
    for (let n = 1; n < clientCount; n++) {
      const id = `00000000-0000-4000-8000-${pad(n)}`;
      clients.push({
        id,
        names: { latin: `Client ${n}` },
        status: 'active',
        assignedStaffIds: assignees,
        createdAt: at,
        updatedAt: at,
      });
      trips.push(trip(`00000000-0000-4000-9000-${pad(n)}`, id, assignees, 2, at));
    }
    clients.push({
      id: client.id,
      names: { latin: 'Greta Export', katakana: 'グレタ' },
      nationality: 'DE',
      languages: ['en'],
      status: 'active',
      assignedStaffIds: assignees,
      createdAt: at,
      updatedAt: at,
    });
    for (let t = 0; t < 50; t++)
      trips.push(trip(`00000000-0000-4000-a100-${pad(t)}`, client.id, assignees, 10, at));
    await db.collections.clients!.bulkInsert(clients);
    await db.collections.trips!.bulkInsert(trips);
    // Each other client's access log, as signed chained entries of one device (the signatures are not checked).
    const staffId = world.as('chika').actor.staffId;
    const deviceId = world.as('chika').actor.deviceId;
    for (let start = 1; start < clientCount; start += 1000) {
      const batch: AuditEvent[] = [];
      for (let n = start; n < Math.min(start + 1000, clientCount); n++) {
        for (let e = 0; e < logPerClient; e++) {
          const seq = 1_000_000 + (n - 1) * logPerClient + e;
          batch.push({
            id: `00000000-0000-4000-c000-${pad(seq)}`,
            kind: LOG_KINDS[e % LOG_KINDS.length]!,
            staffId,
            deviceId,
            clientId: `00000000-0000-4000-8000-${pad(n)}`,
            fields: e % 2 === 0 ? ['passport'] : ['conditions', 'medications'],
            at: at - (n * logPerClient + e) * 60_000,
            seq,
            prevHash: 'h'.repeat(43),
            signature: 's'.repeat(86),
            assignedStaffIds: assignees,
          });
        }
      }
      if (batch.length > 0) await db.collections.auditEvents!.bulkInsert(batch);
    }
    await world.consentAndWrite(client);
    // An export is built only for a verified request of the client (issue 16).
    const requestId = '00000000-0000-4000-b000-000000000001';
    const received = { receivedAt: at - 1000, gdprBasis: gdprBasisOf('DE', undefined) };
    const request: DataSubjectRequest = {
      id: requestId,
      clientId: client.id,
      type: 'disclosure',
      channel: 'email',
      ...received,
      receivedBy: world.as('chika').actor.staffId,
      requester: { kind: 'client' },
      status: 'verifying',
      verification: {
        method: 'passport-in-person',
        outcome: 'verified',
        by: world.as('chika').actor.staffId,
        at,
      },
      assignedStaffIds: assignees,
      createdAt: at,
      updatedAt: at,
      dueAt: dueAtOf(received),
    };
    await db.collections.requests!.insert(request);
    const medical = world.as('chika');
    const deps: ExportDeps = {
      sodium,
      store: db as unknown as LocalStore,
      medical,
      serverPart: async () => ({ shareRequests: [], legalHolds: [], events: [] }),
      staffId: medical.actor.staffId,
      deviceId: medical.actor.deviceId,
      now: () => world.clock,
    };

    const full: Sample[] = [];
    const base: Sample[] = [];
    let items = 0;
    let bytes = 0;
    let cold: Sample | undefined;
    const sample = (timing: Sample): Sample => ({
      wall: timing.wall,
      ...(timing.cpu !== undefined ? { cpu: timing.cpu } : {}),
    });
    for (let run = 0; run < runs; run++) {
      const exportOnce = () => timed(() => buildExportOnDevice(deps, client.id, requestId));
      // The first run exports first, on a store no query of the client has read yet.
      const first = run === 0 ? await exportOnce() : undefined;
      const baseline = await timed(async () =>
        JSON.stringify(await clientDocuments(deps.store, client.id), null, 2),
      );
      const exported = first ?? (await exportOnce());
      if (exported.value.exported.medical.state !== 'open')
        throw new Error('the medical section did not open');
      items = exported.value.exported.trips.reduce((sum, t) => sum + t.items.length, 0);
      bytes = exported.value.json.length;
      if (run === 0) {
        cold = sample(exported);
        continue;
      }
      base.push(sample(baseline));
      full.push(sample(exported));
    }
    const logEntries = await db.collections.auditEvents!.count().exec();
    return { cold: cold!, full, base, items, bytes, logEntries };
  } finally {
    await db.remove();
  }
}
