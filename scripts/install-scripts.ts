/**
 * The review of dependency install scripts: npm 11 runs a dependency's preinstall/install/postinstall only when
 * package.json's `allowScripts` approves it, and skips it otherwise. Our lockfiles carry no `resolved` URLs (no
 * commit names a package registry), and without one npm cannot verify a version-pinned approval
 * (`"name@1.2.3": true`): it refuses it and warns the script is "not yet covered". So approvals are by name, and the
 * version each approval was reviewed for is pinned here instead, checked against the lockfile by the test.
 */
export interface LockfilePackage {
  version?: string;
  name?: string;
  resolved?: string;
  hasInstallScript?: boolean;
}

export interface Lockfile {
  packages: Record<string, LockfilePackage>;
}

export type AllowScripts = Record<string, boolean>;

/** Approved install scripts, by package name: the versions whose script someone read (README says why). */
export const REVIEWED_INSTALL_SCRIPTS: Readonly<Record<string, readonly string[]>> = {
  electron: ['41.7.1'],
  esbuild: ['0.28.2'],
};

export interface InstallScriptPackage {
  name: string;
  version: string;
}

/** `name@version` or a bare name, scoped names included. */
export function parseAllowScriptsKey(key: string): { name: string; version?: string } {
  const at = key.indexOf('@', 1);
  return at < 0 ? { name: key } : { name: key.slice(0, at), version: key.slice(at + 1) };
}

/** Every package in the lockfile that has an install script, by name and version. */
export function packagesWithInstallScripts(lock: Lockfile): InstallScriptPackage[] {
  return Object.entries(lock.packages)
    .filter(([location, entry]) => location !== '' && entry.hasInstallScript)
    .map(([location, entry]) => ({
      name: entry.name ?? location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length),
      version: entry.version ?? '',
    }));
}

/** Lockfile locations that record where a package was fetched from (a registry's URL). */
export function resolvedUrls(lock: Lockfile): string[] {
  return Object.entries(lock.packages)
    .filter(([, entry]) => entry.resolved !== undefined)
    .map(([location]) => location);
}

/**
 * How npm treats one package, given a lockfile without `resolved` URLs: approved, denied, or not reviewed (npm
 * warns and skips it). A pinned denial still blocks; a pinned approval cannot be verified, so npm refuses it.
 */
export function reviewOf(
  pkg: InstallScriptPackage,
  allow: AllowScripts,
): 'approved' | 'denied' | 'unreviewed' {
  const matching = Object.entries(allow).filter(([key, allowed]) => {
    const { name, version } = parseAllowScriptsKey(key);
    return name === pkg.name && (version === undefined || !allowed);
  });
  // As npm does: a denial wins over an approval.
  if (matching.some(([, allowed]) => !allowed)) return 'denied';
  return matching.length > 0 ? 'approved' : 'unreviewed';
}

/** Approvals pinned to a version, which npm refuses without a `resolved` URL to check the version against. */
export function pinnedApprovals(allow: AllowScripts): string[] {
  return Object.entries(allow)
    .filter(([key, allowed]) => allowed && parseAllowScriptsKey(key).version !== undefined)
    .map(([key]) => key);
}

/** Approvals with no reviewed version recorded: any version's script would run unread. */
export function approvalsWithoutReview(
  allow: AllowScripts,
  reviewed: Readonly<Record<string, readonly string[]>>,
): string[] {
  return Object.entries(allow)
    .filter(([key, allowed]) => allowed && !reviewed[parseAllowScriptsKey(key).name]?.length)
    .map(([key]) => key);
}

/** Approved packages the lockfile holds at a version other than the reviewed ones (`name@version`). */
export function unreviewedVersions(
  packages: InstallScriptPackage[],
  allow: AllowScripts,
  reviewed: Readonly<Record<string, readonly string[]>>,
): string[] {
  return packages
    .filter((pkg) => reviewOf(pkg, allow) === 'approved' && !reviewed[pkg.name]?.includes(pkg.version))
    .map((pkg) => `${pkg.name}@${pkg.version}`);
}

/** Entries that match no package with an install script any more (`npm install-scripts prune` removes them). */
export function staleEntries(packages: InstallScriptPackage[], allow: AllowScripts): string[] {
  return Object.keys(allow).filter((key) => {
    const { name, version } = parseAllowScriptsKey(key);
    return !packages.some((pkg) => pkg.name === name && (version === undefined || version === pkg.version));
  });
}
