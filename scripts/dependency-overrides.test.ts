import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  overrides?: Record<string, string>;
};

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const relative = path.join(dir, name);
    if (statSync(path.join(root, relative)).isDirectory()) return sources(relative);
    return /\.(ts|tsx|js|mjs)$/.test(name) ? [relative] : [];
  });
}

describe('dependency overrides (README, "Install scripts, and the Node version")', () => {
  it('are the ones the README explains', () => {
    expect(pkg.overrides).toEqual({ graphql: '16.15.0', 'z-schema': '6.0.2', cookie: '1.1.1' });
  });

  it('hold because nothing loads the RxDB plugins that need graphql 17 or z-schema 12', () => {
    const loaders = ['renderer', 'shared', 'electron', 'server', 'scripts', 'bench', 'tests']
      .flatMap(sources)
      .filter((file) => file !== path.join('scripts', 'dependency-overrides.test.ts'))
      .filter((file) =>
        /rxdb\/plugins\/(replication-graphql|validate-z-schema)|from '(graphql|z-schema)'/.test(
          readFileSync(path.join(root, file), 'utf8'),
        ),
      );
    expect(loaders).toEqual([]);
  });
});
