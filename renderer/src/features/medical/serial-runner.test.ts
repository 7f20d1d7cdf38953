import { describe, expect, it } from 'vitest';
import { serialRunner } from './serial-runner';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('serialRunner', () => {
  it('never runs two jobs at once: runs asked for meanwhile fold into one more pass, with the last job', async () => {
    const runner = serialRunner();
    const log: string[] = [];
    let inFlight = 0;
    let most = 0;
    const first = deferred();
    const job = (name: string, wait?: Promise<void>) => async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      log.push(name);
      await wait;
      inFlight -= 1;
    };
    const one = runner.run(job('one', first.promise));
    expect(runner.running).toBe(true);
    const two = runner.run(job('two'));
    const three = runner.run(job('three'));
    first.resolve();
    await Promise.all([one, two, three]);
    expect(log).toEqual(['one', 'three']);
    expect(most).toBe(1);
    expect(runner.running).toBe(false);
  });

  it('runs again after a job fails', async () => {
    const runner = serialRunner();
    await expect(runner.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(runner.running).toBe(false);
    const log: string[] = [];
    await runner.run(async () => void log.push('after'));
    expect(log).toEqual(['after']);
  });
});
