import path from 'node:path';
import { build } from 'vite';

export const STORE_PAGE_DIR = path.resolve(import.meta.dirname, '../../out/bench-store');

/** Builds the store benchmark page used by `npm run bench`. */
export async function buildStorePage(): Promise<string> {
  await build({
    root: import.meta.dirname,
    logLevel: 'warn',
    configFile: false,
    build: { outDir: STORE_PAGE_DIR, emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  });
  return STORE_PAGE_DIR;
}
