/**
 * Export benchmark (issue 16): the complete export of one client with 50 trips of 10 items each (500 items) and a
 * full medical section, on a device store holding 10,000 clients (BENCH_EXPORT_CLIENTS to change) and a trip for
 * each, built the way the DPO's device builds it (renderer/src/features/export/export-data.ts
 * buildExportOnDevice: every collection read by the client's id, the medical section opened with the device's
 * grant and its unsealing written to the access log, every consent signature checked, the export and its JSON
 * schema's document built, serialised and hashed, and recorded on the request). The server's part is a constant
 * answer (its route is timed by the server tests).
 *
 * The store is RxDB's in-memory storage in this Node process, not the encrypted IndexedDB store of a device: the
 * figure is the export's own work plus the store's queries, without the vault's per-document decryption and
 * IndexedDB's reads (bench/store.ts measures those). Beside it, in the same run, the baseline: reading the same
 * documents and serialising them (clientDocuments + JSON.stringify), nothing opened or checked. Wall time and this
 * process's CPU time (user + system) are both shown. Target: ≤ 1 s.
 */
import type { RxJsonSchema } from 'rxdb';
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
import { checkTarget, median, ms } from '../report';

// Run by tsx in Node; type-checked with the renderer's DOM types (bench/tsconfig.json), without Node's.
declare const process: {
  env: Record<string, string | undefined>;
  cpuUsage(previous?: { user: number; system: number }): { user: number; system: number };
};

const CLIENTS = Number(process.env.BENCH_EXPORT_CLIENTS ?? 10_000);
const RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 7);
const TARGET_MS = 1000;
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

async function timed<T>(run: () => Promise<T>): Promise<{ wall: number; cpu: number; value: T }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await run();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000, value };
}

export async function runExportBenchmark(): Promise<void> {
  const sodium = await loadSodium();
  const { db, world, client } = await openMedicalWorld(sodium);
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
        migrationStrategies: { 1: keep },
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
    for (let n = 1; n < CLIENTS; n++) {
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

    const full: Array<{ wall: number; cpu: number }> = [];
    const base: Array<{ wall: number; cpu: number }> = [];
    let items = 0;
    let bytes = 0;
    for (let run = 0; run < RUNS; run++) {
      const baseline = await timed(async () =>
        JSON.stringify(await clientDocuments(deps.store, client.id), null, 2),
      );
      const exported = await timed(() => buildExportOnDevice(deps, client.id, requestId));
      if (exported.value.exported.medical.state !== 'open')
        throw new Error('the medical section did not open');
      items = exported.value.exported.trips.reduce((sum, t) => sum + t.items.length, 0);
      bytes = exported.value.json.length;
      // The first run warms RxDB's query cache and the JIT: left out.
      if (run === 0) continue;
      base.push(baseline);
      full.push(exported);
    }
    const wall = median(full.map((s) => s.wall));
    const cpu = median(full.map((s) => s.cpu));
    const baseWall = median(base.map((s) => s.wall));
    const baseCpu = median(base.map((s) => s.cpu));
    console.log(
      `\nClient export, 1 client of ${CLIENTS} (50 trips, ${items} items, full medical section; JSON ${(bytes / 1024).toFixed(0)} KiB), ` +
        `RxDB in memory, median of ${full.length} runs:\n` +
        `  export        wall ${ms(wall)}, CPU ${ms(cpu)}\n` +
        `  baseline      wall ${ms(baseWall)}, CPU ${ms(baseCpu)}  (read the same documents and serialise them)\n` +
        `  ratio         wall ${(wall / baseWall).toFixed(2)}x, CPU ${(cpu / baseCpu).toFixed(2)}x`,
    );
    checkTarget(
      `export of a client with 50 trips, 500 items, medical, among ${CLIENTS} clients (wall)`,
      wall,
      TARGET_MS,
      ' ms',
    );
  } finally {
    await db.remove();
  }
}
