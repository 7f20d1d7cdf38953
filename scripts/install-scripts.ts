/**
 * The review of dependency install scripts: npm 11 runs a dependency's preinstall/install/postinstall only when
 * package.json's `allowScripts` approves it (`"name@version": true`), and skips it silently otherwise. Every
 * package with an install script must be reviewed: approved pinned to the version read, or denied by name.
 */
export interface LockfilePackage {
  version?: string;
  name?: string;
  hasInstallScript?: boolean;
}

export interface Lockfile {
  packages: Record<string, LockfilePackage>;
}

export type AllowScripts = Record<string, boolean>;

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

/** How allowScripts treats one package: approved, denied, or not reviewed (npm warns and skips it). */
export function reviewOf(
  pkg: InstallScriptPackage,
  allow: AllowScripts,
): 'approved' | 'denied' | 'unreviewed' {
  const matching = Object.entries(allow).filter(([key]) => {
    const { name, version } = parseAllowScriptsKey(key);
    return name === pkg.name && (version === undefined || version === pkg.version);
  });
  // As npm does: a denial wins over an approval.
  if (matching.some(([, allowed]) => !allowed)) return 'denied';
  return matching.length > 0 ? 'approved' : 'unreviewed';
}

/** Approvals without a version would let a future, unread version run its script. */
export function unpinnedApprovals(allow: AllowScripts): string[] {
  return Object.entries(allow)
    .filter(([key, allowed]) => allowed && parseAllowScriptsKey(key).version === undefined)
    .map(([key]) => key);
}

/** Entries that match no package with an install script any more (`npm install-scripts prune` removes them). */
export function staleEntries(packages: InstallScriptPackage[], allow: AllowScripts): string[] {
  return Object.keys(allow).filter((key) => {
    const { name, version } = parseAllowScriptsKey(key);
    return !packages.some((pkg) => pkg.name === name && (version === undefined || version === pkg.version));
  });
}
