import path from 'node:path';
import { build } from 'vite';

/**
 * Builds a benchmark's page (bench/<part>/page/, its index.html and script) into out/bench-<part>, for Chromium
 * to load from the web host; returns the output folder.
 */
export async function buildBenchPage(part: string): Promise<string> {
  const outDir = path.resolve(import.meta.dirname, `../out/bench-${part}`);
  await build({
    root: path.join(import.meta.dirname, part, 'page'),
    logLevel: 'warn',
    configFile: false,
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 8192 },
  });
  return outDir;
}
