import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import pkg from './package.json' with { type: 'json' };

/**
 * electron-vite, pointed at this repository's layout (electron/, renderer/, shared/) instead of its default
 * src/ folders. Output: out/main, out/preload, out/renderer — what electron-builder packages.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Bundle the main process's one dependency, so the installer ships no node_modules at all.
      externalizeDeps: { exclude: ['ajv'] },
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        // A sandboxed preload cannot load ES modules: emit one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html') } },
    },
  },
});
