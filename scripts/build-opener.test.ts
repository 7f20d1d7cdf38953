import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The partner opener ships as a file staff can hand over (docs/opener.md): `npm run package` builds it (through
 * `npm run build`, which runs build:opener) and electron-builder places it beside the app, outside the asar. The
 * installers themselves are not built here (electron-builder downloads Electron): this holds the configuration.
 */
const root = resolve(import.meta.dirname, '..');
const scripts = JSON.parse(await readFile(resolve(root, 'package.json'), 'utf8')).scripts as Record<
  string,
  string
>;
const builder = parse(await readFile(resolve(root, 'electron-builder.yml'), 'utf8')) as {
  extraResources?: Array<{ from: string; to: string }>;
  files: string[];
};

describe('the opener in the packaged app', () => {
  it('is built before packaging', () => {
    expect(scripts.build).toMatch(/&& npm run build:opener$/);
    expect(scripts['build:opener']).toBe('tsx scripts/build-opener.ts');
    expect(scripts.package).toMatch(/^npm run build && /);
    expect(scripts.package).toContain('electron-builder --config electron-builder.yml');
  });

  it('is shipped beside the app as one HTML file', () => {
    expect(builder.extraResources).toContainEqual({
      from: 'out/opener/lumina-opener.html',
      to: 'opener/lumina-opener.html',
    });
  });
});
