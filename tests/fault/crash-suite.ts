/**
 * `npm run fault`: the fault suite. The real server runs in a child process and is killed with SIGKILL while
 * devices push, then started again, FAULT_KILLS times (10 by default; 100 for the full run), on PGlite and, when
 * LUMINA_TEST_DATABASE_URL is set, on PostgreSQL in a throwaway database (which is also restarted once half way:
 * its connections cut and refused for 2 s, or the whole cluster restarted with FAULT_PG_RESTART=cluster).
 * Prints, per engine, the acknowledged writes, how many were lost or duplicated (target 0 each) and the local
 * edits dropped (target 0); exits 1 when a target is missed.
 * FAULT_ENGINES=pglite,postgres  FAULT_DEVICES (3)  FAULT_SEED  FAULT_BUDGET_S (kills stop after it; 1800).
 */
import { runCrashScenario, type CrashFigures } from './crash-run';
import type { Engine } from './server-handle';

const env = process.env;
const kills = Number(env.FAULT_KILLS ?? 10);
const adminUrl = env.LUMINA_TEST_DATABASE_URL;
const engines = (env.FAULT_ENGINES ?? 'pglite,postgres')
  .split(',')
  .map((e) => e.trim() as Engine)
  .filter((engine) => {
    if (engine !== 'postgres' || adminUrl) return true;
    console.log('PostgreSQL skipped: LUMINA_TEST_DATABASE_URL is not set.');
    return false;
  });

const results: CrashFigures[] = [];
for (const engine of engines) {
  console.log(`== ${engine}: ${kills} kills`);
  results.push(
    await runCrashScenario({
      engine,
      kills,
      devices: Number(env.FAULT_DEVICES ?? 3),
      adminUrl,
      restartCluster: env.FAULT_PG_RESTART === 'cluster',
      seed: Number(env.FAULT_SEED ?? Date.now() % 1_000_000),
      budgetMs: Number(env.FAULT_BUDGET_S ?? 1800) * 1000,
      log: (line) => console.log(line),
    }),
  );
}

let missed = false;
for (const r of results) {
  const fine = r.lost === 0 && r.duplicated === 0 && r.localEditsDropped === 0 && r.divergentDevices === 0;
  missed ||= !fine;
  console.log(
    `\n${r.engine}: ${r.kills} kills${r.databaseRestart ? `, ${r.databaseRestart}` : ''}, ${r.seconds} s\n` +
      `  local edits ${r.localEdits}, acknowledged writes ${r.acknowledged}\n` +
      `  acknowledged writes lost ${r.lost} (target 0), duplicated ${r.duplicated} (target 0)\n` +
      `  local edits dropped ${r.localEditsDropped} (target 0), devices not converged ${r.divergentDevices}\n` +
      `  ${fine ? 'met' : 'MISSED'}`,
  );
  for (const example of r.examples) console.log(`    ${example}`);
}
process.exit(missed ? 1 : 0);
