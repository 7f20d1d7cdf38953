import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILD_OUTPUTS, buildIsCurrent, sourcesHash, writeStamp } from './build-stamp';

let root: string;
const put = async (file: string, text: string) => {
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await writeFile(path.join(root, file), text);
};

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'lumina-build-stamp-'));
  await put('renderer/src/app.tsx', 'export const a = 1;');
  await put('shared/index.ts', 'export {};');
  await put('package.json', '{}');
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('sourcesHash', () => {
  it('is the same for the same sources and changes when a source changes, is added or is renamed', async () => {
    const first = await sourcesHash(root);
    expect(await sourcesHash(root)).toBe(first);
    await put('renderer/src/app.tsx', 'export const a = 2;');
    const edited = await sourcesHash(root);
    expect(edited).not.toBe(first);
    await put('shared/more.ts', '');
    const added = await sourcesHash(root);
    expect(added).not.toBe(edited);
    await rm(path.join(root, 'shared/more.ts'));
    await put('shared/other.ts', '');
    expect(await sourcesHash(root)).not.toBe(added);
  });

  it('ignores tests, which are not built', async () => {
    const before = await sourcesHash(root);
    await put('renderer/src/app.test.tsx', 'it()');
    await put('shared/index.test.ts', 'it()');
    expect(await sourcesHash(root)).toBe(before);
  });
});

describe('buildIsCurrent', () => {
  it('wants every output and a stamp of the same sources', async () => {
    const hash = await sourcesHash(root);
    expect(await buildIsCurrent(root, hash)).toBe(false);
    for (const file of BUILD_OUTPUTS) await put(file, '');
    expect(await buildIsCurrent(root, hash)).toBe(false);
    await writeStamp(root, hash);
    expect(await buildIsCurrent(root, hash)).toBe(true);
    await put('shared/index.ts', 'export const changed = true;');
    expect(await buildIsCurrent(root, await sourcesHash(root))).toBe(false);
    await rm(path.join(root, BUILD_OUTPUTS[2]!));
    expect(await buildIsCurrent(root, hash)).toBe(false);
  });
});
