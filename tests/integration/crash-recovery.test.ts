import { describe, expect, it } from 'vitest';
import { runCrashScenario } from '../fault/crash-run';

/**
 * The fault suite's run (tests/fault, `npm run fault`), small: the real server in a child process on PGlite,
 * killed with SIGKILL while three devices push random offline and online edits, and started again. No write the
 * server acknowledged and no local edit may be lost, none duplicated, and every device ends on the server's
 * documents. Before the stale-row check (renderer/src/sync/stale-rows.ts), devices pushed old states of documents
 * they had not edited, which the server took as updates: acknowledged edits vanished everywhere.
 */
describe('the server killed during pushes (PGlite)', () => {
  // About 45 s on a quiet 2-core machine (four server starts); up to 100 s when the machine is shared.
  it('loses and duplicates no acknowledged write and no local edit', async () => {
    const figures = await runCrashScenario({
      engine: 'pglite',
      kills: Number(process.env.CRASH_TEST_KILLS ?? 3),
      devices: 3,
      seedDocuments: 300,
      latencyMs: 150,
      // No new kill after 25 s of them, whatever the machine's speed.
      budgetMs: 25_000,
    });
    expect(figures.kills).toBeGreaterThan(0);
    expect(figures.acknowledged).toBeGreaterThan(0);
    expect(figures.examples).toEqual([]);
    expect({
      lost: figures.lost,
      duplicated: figures.duplicated,
      dropped: figures.localEditsDropped,
      divergent: figures.divergentDevices,
    }).toEqual({ lost: 0, duplicated: 0, dropped: 0, divergent: 0 });
  }, 180_000);
});
