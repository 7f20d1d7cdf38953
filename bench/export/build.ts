import path from 'node:path';
import { build } from 'vite';

export const EXPORT_PAGE_DIR = path.resolve(import.meta.dirname, '../../out/bench-export');

/** Builds the export benchmark's page (page/) used by `npm run bench`. */
export async function buildExportPage(): Promise<string> {
  await build({
    root: path.join(import.meta.dirname, 'page'),
    logLevel: 'warn',
    configFile: false,
    build: { outDir: EXPORT_PAGE_DIR, emptyOutDir: true, chunkSizeWarningLimit: 8192 },
  });
  return EXPORT_PAGE_DIR;
}
