import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { spawnGroup, stopGroup } from './server-process';

/** What the build of out/ is made from. Tests are not part of it. */
export const BUILD_INPUTS = [
  'electron',
  'renderer',
  'shared',
  'electron.vite.config.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.base.json',
  'tsconfig.node.json',
  'tsconfig.web.json',
];
/** What a start needs in out/. */
export const BUILD_OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
export const STAMP_FILE = 'out/.build-stamp';

const isTest = (file: string) => /\.(test|spec)\.tsx?$/.test(file);

async function listFiles(root: string, relative: string): Promise<string[]> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true }).catch(() => undefined);
  if (!entries) return existsSync(path.join(root, relative)) ? [relative] : [];
  const nested = await Promise.all(
    entries.map((entry) => listFiles(root, path.posix.join(relative, entry.name))),
  );
  return nested.flat();
}

/** A hash of the names and contents of every build input: equal hashes, equal builds. */
export async function sourcesHash(root: string, inputs = BUILD_INPUTS): Promise<string> {
  const files = (await Promise.all(inputs.map((input) => listFiles(root, input))))
    .flat()
    .filter((file) => !isTest(file))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(await readFile(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Whether out/ was built from exactly these sources (by a start, which leaves the stamp). */
export async function buildIsCurrent(root: string, hash: string): Promise<boolean> {
  if (!BUILD_OUTPUTS.every((file) => existsSync(path.join(root, file)))) return false;
  const stamp = await readFile(path.join(root, STAMP_FILE), 'utf8').catch(() => '');
  return stamp.trim() === hash;
}

export async function writeStamp(root: string, hash: string): Promise<void> {
  await writeFile(path.join(root, STAMP_FILE), `${hash}\n`);
}

/**
 * Builds out/ unless it was built from the same sources, printing what it does; a first build takes about 20 s.
 * The build runs as a stoppable child: a Ctrl-C or SIGTERM meanwhile stops it (`stops` is what is stopped).
 */
export async function buildIfChanged(root: string, stops: Array<() => Promise<void>>): Promise<void> {
  const hash = await sourcesHash(root);
  if (await buildIsCurrent(root, hash)) {
    console.log('The build in out/ is up to date with the sources: not rebuilding.');
    return;
  }
  console.log('Building the app into out/ (main, preload, renderer); a first build takes about 20 s…');
  const started = Date.now();
  const build = spawnGroup(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  const stop = () => stopGroup(build);
  stops.push(stop);
  const code = await new Promise<number | null>((resolve) => build.once('exit', resolve));
  stops.splice(stops.indexOf(stop), 1);
  if (code !== 0) {
    console.error(`The build failed (exit code ${code}); nothing was started.`);
    process.exit(1);
  }
  await writeStamp(root, hash);
  console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
