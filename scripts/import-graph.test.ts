import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCircles, importGraph } from './import-graph';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * ESLint's import-x/no-cycle (eslint.config.js) catches circles of runtime imports as one types; it skips
 * `import type`, so this test holds the whole graph, type-only imports included, to no circle at all.
 */
describe('import graph', () => {
  it('has no import circle anywhere in the repository, type-only imports included', () => {
    expect(importCircles(importGraph(root))).toEqual([]);
  });

  it('resolves the imports it checks (a sample: the registry and its readers)', () => {
    const graph = importGraph(root);
    expect(graph.get('shared/sync/collections.ts')).toContain('shared/sync/registry.ts');
    expect(graph.get('renderer/src/store/local-store.ts')).toContain('shared/sync/registry.ts');
    expect(graph.get('renderer/src/sync/live-stream.ts')).toContain('renderer/src/sync/sync-auth.ts');
  });

  it('finds a circle when there is one, type-only or not', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['d.ts']],
      ['e.ts', ['a.ts']],
    ]);
    expect(importCircles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['d.ts']]);
  });
});
