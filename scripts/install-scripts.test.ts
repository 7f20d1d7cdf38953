import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  REVIEWED_INSTALL_SCRIPTS,
  approvalsWithoutReview,
  packagesWithInstallScripts,
  pinnedApprovals,
  resolvedUrls,
  reviewOf,
  staleEntries,
  unreviewedVersions,
  type AllowScripts,
  type Lockfile,
} from './install-scripts';

const root = path.resolve(import.meta.dirname, '..');
const readJson = <T>(file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as T;

// The app's install and the separate packaging tools' install (packaging/, used by `npm run package`).
const projects = ['.', 'packaging'].map((dir) => {
  const lock = readJson<Lockfile>(`${dir}/package-lock.json`);
  return {
    dir,
    lock,
    allow: readJson<{ allowScripts?: AllowScripts }>(`${dir}/package.json`).allowScripts ?? {},
    packages: packagesWithInstallScripts(lock),
  };
});

describe.each(projects)('install scripts in $dir', ({ lock, allow, packages }) => {
  it('reviews every dependency with an install script (approve it by name, or deny it; README says why)', () => {
    const unreviewed = packages
      .filter((pkg) => reviewOf(pkg, allow) === 'unreviewed')
      .map((pkg) => `${pkg.name}@${pkg.version}`);
    expect(unreviewed).toEqual([]);
  });

  it('records the reviewed version of every approval, and the lockfile holds no other version', () => {
    expect(approvalsWithoutReview(allow, REVIEWED_INSTALL_SCRIPTS)).toEqual([]);
    expect(unreviewedVersions(packages, allow, REVIEWED_INSTALL_SCRIPTS)).toEqual([]);
  });

  it('approves by name only: npm refuses a pinned approval it cannot check against a resolved URL', () => {
    expect(pinnedApprovals(allow)).toEqual([]);
  });

  it('names no package registry: the lockfile has no resolved URLs', () => {
    expect(resolvedUrls(lock)).toEqual([]);
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

  it('keeps a reviewed version only for a package it approves', () => {
    const approvedNames = projects.flatMap(({ allow }) =>
      Object.entries(allow)
        .filter(([, allowed]) => allowed)
        .map(([key]) => key),
    );
    expect(Object.keys(REVIEWED_INSTALL_SCRIPTS).sort()).toEqual(approvedNames.sort());
  });
});

describe('reviewOf', () => {
  const lock: Lockfile = {
    packages: {
      '': { version: '1.0.0' },
      'node_modules/a': { version: '1.2.3', hasInstallScript: true },
      'node_modules/@s/b': { version: '2.0.0', hasInstallScript: true },
      'node_modules/c': { version: '3.0.0', resolved: 'https://example.test/c/-/c-3.0.0.tgz' },
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
    const allow = { a: true };
    expect(found.map((pkg) => reviewOf(pkg, allow))).toEqual(['approved', 'unreviewed', 'approved']);
    expect(unreviewedVersions(found, allow, { a: ['1.2.3'] })).toEqual(['a@1.3.0']);
    expect(unreviewedVersions(found, allow, { a: ['1.2.3', '1.3.0'] })).toEqual([]);
  });

  it('treats a pinned approval as npm does without resolved URLs: refused', () => {
    const allow = { 'a@1.2.3': true, '@s/b@2.0.0': true };
    expect(found.map((pkg) => reviewOf(pkg, allow))).toEqual(['unreviewed', 'unreviewed', 'unreviewed']);
  });

  it('lets a denial by name cover every version, and win over an approval; a pinned denial still blocks', () => {
    const allow = { '@s/b': true, '@s/b@2.0.0': false, a: false };
    expect(found.map((pkg) => reviewOf(pkg, allow))).toEqual(['denied', 'denied', 'denied']);
  });

  it('finds pinned approvals, approvals without a reviewed version, stale entries and resolved URLs', () => {
    expect(pinnedApprovals({ a: true, 'b@1.0.0': true, c: false, 'd@1.0.0': false })).toEqual(['b@1.0.0']);
    expect(approvalsWithoutReview({ a: true, b: true, c: false }, { a: ['1.2.3'], c: ['1.0.0'] })).toEqual([
      'b',
    ]);
    expect(staleEntries(found, { 'a@1.2.3': true, 'a@0.9.0': true, d: false })).toEqual(['a@0.9.0', 'd']);
    expect(resolvedUrls(lock)).toEqual(['node_modules/c']);
  });
});
