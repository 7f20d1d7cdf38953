/**
 * The export benchmark's scenario (../export-scenario.ts) in Chromium, over the device's store: RxDB over Dexie
 * (IndexedDB, read by key range as the app reads it) beneath the vault wrapper that seals every personal field
 * at rest with a vault key. Driven by bench/export-browser.ts.
 */
import { loadSodium, newDataKey } from '../../../shared/crypto/index';
import { localDexieStorage } from '../../../renderer/src/store/local-store';
import { wrappedVaultStorage } from '../../../renderer/src/store/vault-storage';
import { runExportScenario, type ExportScenarioResult } from '../export-scenario';

export interface ExportPageApi {
  runExportBench(clients: number, runs: number, logPerClient: number): Promise<ExportScenarioResult>;
}

const api: ExportPageApi = {
  async runExportBench(clients, runs, logPerClient) {
    const sodium = await loadSodium();
    const vaultKey = newDataKey(sodium);
    const storage = wrappedVaultStorage({
      storage: localDexieStorage(),
      sodium,
      keys: { vaultKey: () => vaultKey },
    });
    return runExportScenario(
      clients,
      runs,
      async (run) => {
        const t0 = performance.now();
        const value = await run();
        return { wall: performance.now() - t0, value };
      },
      storage,
      logPerClient,
    );
  },
};

Object.assign(window, api);
