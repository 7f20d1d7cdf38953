import path from 'node:path';
import { build } from 'vite';

export const STORE_PAGE_DIR = path.resolve(import.meta.dirname, '../../../out/test-store-page');

/** Builds the store page for the browser tests that use it (at rest, base64url). */
export async function buildStorePage(): Promise<string> {
  await build({
    root: import.meta.dirname,
    logLevel: 'warn',
    configFile: false,
    build: { outDir: STORE_PAGE_DIR, emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  });
  return STORE_PAGE_DIR;
}
