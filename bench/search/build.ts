import path from 'node:path';
import { build } from 'vite';

export const SEARCH_PAGE_DIR = path.resolve(import.meta.dirname, '../../out/bench-search');

/** Builds the search page used by `npm run bench`. */
export async function buildSearchPage(): Promise<string> {
  await build({
    root: import.meta.dirname,
    logLevel: 'warn',
    configFile: false,
    build: { outDir: SEARCH_PAGE_DIR, emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  });
  return SEARCH_PAGE_DIR;
}
