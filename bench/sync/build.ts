import path from 'node:path';
import { build } from 'vite';

export const SYNC_PAGE_DIR = path.resolve(import.meta.dirname, '../../out/bench-sync');

/** Builds the sync benchmark page: the app's store and replication code, bundled as the renderer bundles them. */
export async function buildSyncPage(): Promise<string> {
  await build({
    root: import.meta.dirname,
    logLevel: 'warn',
    configFile: false,
    build: {
      outDir: SYNC_PAGE_DIR,
      emptyOutDir: true,
      chunkSizeWarningLimit: 4096,
      // Readable function names in the CPU profiles BENCH_SYNC_PROFILE records.
      minify: process.env.BENCH_SYNC_PROFILE ? false : 'esbuild',
    },
  });
  return SYNC_PAGE_DIR;
}
