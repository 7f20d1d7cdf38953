/**
 * The purge benchmark's scenario (../purge-scenario.ts) in Chromium, over the device's own store: RxDB over Dexie
 * (IndexedDB) beneath the vault. Driven step by step by bench/erasure-purge.ts, which measures each step.
 */
import { openPurgeScenario, type PurgeScenario } from '../purge-scenario';

let scenario: PurgeScenario | undefined;

async function purgeBench(method: string, args: number[]): Promise<unknown> {
  if (method === 'open') {
    scenario = await openPurgeScenario(`purge-bench-${Date.now()}`);
    return undefined;
  }
  if (!scenario) throw new Error('the scenario is not open');
  const run = scenario[method as keyof PurgeScenario] as (...a: number[]) => Promise<unknown>;
  if (typeof run !== 'function') throw new Error(`no step ${method}`);
  return run(...args);
}

Object.assign(window, { purgeBench });
