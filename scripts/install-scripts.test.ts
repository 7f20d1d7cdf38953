import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  packagesWithInstallScripts,
  reviewOf,
  staleEntries,
  unpinnedApprovals,
  type AllowScripts,
  type Lockfile,
} from './install-scripts';

const root = path.resolve(import.meta.dirname, '..');
const readJson = <T>(file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as T;

// The app's install and the separate packaging tools' install (packaging/, used by `npm run package`).
const projects = ['.', 'packaging'].map((dir) => ({
  dir,
  allow: readJson<{ allowScripts?: AllowScripts }>(`${dir}/package.json`).allowScripts ?? {},
  packages: packagesWithInstallScripts(readJson<Lockfile>(`${dir}/package-lock.json`)),
}));

describe.each(projects)('install scripts in $dir', ({ allow, packages }) => {
  it('reviews every dependency with an install script (approve it pinned, or deny it; README says why)', () => {
    const unreviewed = packages
      .filter((pkg) => reviewOf(pkg, allow) === 'unreviewed')
      .map((pkg) => `${pkg.name}@${pkg.version}`);
    expect(unreviewed).toEqual([]);
  });

  it('pins every approval to the version that was reviewed', () => {
    expect(unpinnedApprovals(allow)).toEqual([]);
  });

  it('has no entry for a package that no longer has an install script', () => {
    expect(staleEntries(packages, allow)).toEqual([]);
  });
});

describe('the app install', () => {
  it('runs exactly the install scripts of electron (its binary) and esbuild (its binary check)', () => {
    const app = projects[0]!;
    const approved = app.packages.filter((pkg) => reviewOf(pkg, app.allow) === 'approved').map((p) => p.name);
    expect(approved.sort()).toEqual(['electron', 'esbuild']);
  });
});

describe('reviewOf', () => {
  const lock: Lockfile = {
    packages: {
      '': { version: '1.0.0' },
      'node_modules/a': { version: '1.2.3', hasInstallScript: true },
      'node_modules/@s/b': { version: '2.0.0', hasInstallScript: true },
      'node_modules/c': { version: '3.0.0' },
      'node_modules/x/node_modules/a': { version: '1.3.0', hasInstallScript: true },
    },
  };
  const found = packagesWithInstallScripts(lock);

  it('reads the packages with install scripts from a lockfile, nested and scoped ones included', () => {
    expect(found).toEqual([
      { name: 'a', version: '1.2.3' },
      { name: '@s/b', version: '2.0.0' },
      { name: 'a', version: '1.3.0' },
    ]);
  });

  it('fails a new dependency nobody reviewed, and a new version of an approved one', () => {
    const allow = { 'a@1.2.3': true };
    expect(found.map((pkg) => reviewOf(pkg, allow))).toEqual(['approved', 'unreviewed', 'unreviewed']);
  });

  it('lets a denial by name cover every version, and win over an approval', () => {
    const allow = { '@s/b@2.0.0': true, '@s/b': false, a: false };
    expect(found.map((pkg) => reviewOf(pkg, allow))).toEqual(['denied', 'denied', 'denied']);
  });

  it('finds unpinned approvals and stale entries', () => {
    expect(unpinnedApprovals({ a: true, 'b@1.0.0': true, c: false })).toEqual(['a']);
    expect(staleEntries(found, { 'a@1.2.3': true, 'a@0.9.0': true, d: false })).toEqual(['a@0.9.0', 'd']);
  });
});
