/**
 * Export benchmark (issue 16): the complete export of one client with 50 trips of 10 items each (500 items) and a
 * full medical section, on a device store holding 10,000 clients (BENCH_EXPORT_CLIENTS to change) and a trip for
 * each (export-scenario.ts). Two runs of the same scenario:
 *
 * - here, in this Node process over RxDB's in-memory storage beneath the vault wrapper (as a device's store, so
 *   with the access log's blind index of the client): the export's own work, the store's queries and the vault's
 *   opening of what they read, with this process's CPU time beside the wall time;
 * - in Chromium (bench/export-browser.ts, page/export-page.ts) over the device's store: RxDB over Dexie
 *   (IndexedDB) beneath the vault wrapper that seals every personal field at rest, as on a device.
 *
 * Target: ≤ 1 s, for both.
 */
import type { RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { loadSodium, newDataKey } from '../../shared/crypto/index';
import { wrappedVaultStorage } from '../../renderer/src/store/vault-storage';
import { checkTarget, median, ms } from '../report';
import {
  LOG_PER_CLIENT_DEFAULT,
  runExportScenario,
  type ExportScenarioResult,
  type Timer,
} from './export-scenario';

// Run by tsx in Node; type-checked with the renderer's DOM types (bench/tsconfig.json), without Node's.
declare const process: {
  env: Record<string, string | undefined>;
  cpuUsage(previous?: { user: number; system: number }): { user: number; system: number };
};

export const EXPORT_CLIENTS = Number(process.env.BENCH_EXPORT_CLIENTS ?? 10_000);
export const EXPORT_RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 7);
/** Access-log entries about each other client on the store (the export reads the whole log). */
export const EXPORT_LOG_PER_CLIENT = Number(
  process.env.BENCH_EXPORT_LOG_PER_CLIENT ?? LOG_PER_CLIENT_DEFAULT,
);
export const EXPORT_TARGET_MS = 1000;

const timed: Timer = async (run) => {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await run();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000, value };
};

/** Prints a run's medians and checks the target; `store` names the storage. */
export function reportExport(result: ExportScenarioResult, clients: number, store: string): void {
  const { cold, full, base, items, bytes, logEntries } = result;
  const wall = median(full.map((s) => s.wall));
  const baseWall = median(base.map((s) => s.wall));
  const cpu = full.every((s) => s.cpu !== undefined) ? median(full.map((s) => s.cpu!)) : undefined;
  const baseCpu = base.every((s) => s.cpu !== undefined) ? median(base.map((s) => s.cpu!)) : undefined;
  const cpuOf = (value: number | undefined) => (value === undefined ? '' : `, CPU ${ms(value)}`);
  console.log(
    `\nClient export, 1 client of ${clients} (50 trips, ${items} items, full medical section; JSON ${(bytes / 1024).toFixed(0)} KiB; ` +
      `${logEntries} access-log entries on the store), ` +
      `${store}, median of ${full.length} runs:\n` +
      `  first export  wall ${ms(cold.wall)}${cpuOf(cold.cpu)}  (its queries read the store)\n` +
      `  export        wall ${ms(wall)}${cpuOf(cpu)}\n` +
      `  baseline      wall ${ms(baseWall)}${cpuOf(baseCpu)}  (read the same documents and serialise them)\n` +
      `  ratio         wall ${(wall / baseWall).toFixed(2)}x` +
      (cpu !== undefined && baseCpu !== undefined ? `, CPU ${(cpu / baseCpu).toFixed(2)}x` : ''),
  );
  checkTarget(
    `export of a client with 50 trips, 500 items, medical, among ${clients} clients, ${store} (wall, median)`,
    wall,
    EXPORT_TARGET_MS,
    ' ms',
  );
  checkTarget(`first export of that client, ${store} (wall)`, cold.wall, EXPORT_TARGET_MS, ' ms');
}

export async function runExportBenchmark(): Promise<void> {
  const sodium = await loadSodium();
  const vaultKey = newDataKey(sodium);
  const storage = wrappedVaultStorage({
    storage: getRxStorageMemory() as RxStorage<unknown, unknown>,
    sodium,
    keys: { vaultKey: () => vaultKey },
  });
  const result = await runExportScenario(EXPORT_CLIENTS, EXPORT_RUNS, timed, storage, EXPORT_LOG_PER_CLIENT);
  reportExport(result, EXPORT_CLIENTS, 'RxDB in memory beneath the vault (Node)');
}
