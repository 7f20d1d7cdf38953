/**
 * The installer configuration, the build configuration and the code agree on where things are, and the
 * installer keeps the hardening the README promises. The last test reads the built bundles (`npm run build`;
 * `npm test` builds before it runs the unit tests).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildDocumentCspBaseline } from '../../shared/index';
import viteConfig from '../../electron.vite.config';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
interface PlatformConfig {
  target: (string | { target: string })[];
  hardenedRuntime?: boolean;
  entitlements?: string;
}
interface BuilderConfig {
  asar: boolean;
  files: string[];
  electronFuses: Record<string, boolean>;
  linux: PlatformConfig;
  win: PlatformConfig;
  mac: PlatformConfig;
}
const builder = parse(read('electron-builder.yml')) as BuilderConfig;
const pkg = JSON.parse(read('package.json')) as { main: string };

const targets = (platform: 'linux' | 'win' | 'mac') =>
  (builder[platform].target as (string | { target: string })[]).map((t) =>
    typeof t === 'string' ? t : t.target,
  );

describe('electron-builder.yml', () => {
  it('builds AppImage and deb on Linux, NSIS on Windows, a dmg with the hardened runtime on macOS', () => {
    expect(targets('linux')).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(targets('win')).toContain('nsis');
    expect(targets('mac')).toContain('dmg');
    expect(builder.mac.hardenedRuntime).toBe(true);
    expect(existsSync(path.join(root, builder.mac.entitlements!))).toBe(true);
  });

  it('flips the fuses: no run-as-node, no NODE_OPTIONS, no --inspect, asar integrity, app only from asar', () => {
    expect(builder.asar).toBe(true);
    expect(builder.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('packages the bundles in out/ and package.json, and no node_modules', () => {
    expect(builder.files).toEqual(
      expect.arrayContaining(['out/**/*', 'package.json', '!**/node_modules/**/*']),
    );
  });
});

describe('build outputs and entry points', () => {
  it('starts Electron at the main bundle electron-vite writes, which loads the preload it writes', () => {
    const config = viteConfig as unknown as Record<
      'main' | 'preload' | 'renderer',
      { build: { outDir: string; rollupOptions: { output?: { entryFileNames?: string } } } }
    >;
    expect(config.main.build.outDir).toBe('out/main');
    expect(pkg.main).toBe('out/main/index.js');
    expect(config.preload.build.outDir).toBe('out/preload');
    expect(config.preload.build.rollupOptions.output?.entryFileNames).toBe('[name].cjs');
    expect(config.renderer.build.outDir).toBe('out/renderer');
    // index.ts finds the preload and the renderer relative to out/main.
    const main = read('electron/main/index.ts');
    expect(main).toContain("path.join(here, '../preload/index.cjs')");
    expect(main).toContain("path.join(here, '../renderer')");
  });

  it("carries the document CSP baseline in index.html, equal to shared/security's", () => {
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(
      read('renderer/index.html'),
    );
    expect(meta?.[1]).toBe(buildDocumentCspBaseline());
  });

  const built = existsSync(path.join(root, 'out/main/index.js'));
  if (!built) console.log('[desktop-packaging] out/ is not built: run `npm run build` to check the bundles');
  it.runIf(built)('has built main, preload and renderer where package.json and index.ts look', () => {
    for (const file of [pkg.main, 'out/preload/index.cjs', 'out/renderer/index.html']) {
      expect(existsSync(path.join(root, file)), file).toBe(true);
    }
    expect(read('out/preload/index.cjs')).not.toMatch(/^\s*(import|export)\s/m);
    expect(read('out/renderer/index.html')).toContain(buildDocumentCspBaseline());
  });
});
