/**
 * Runs a job one at a time: a run asked for while one is under way is not started beside it but folded into one
 * more pass after it (with the job last given). The key-rotation job keeps one runner for the whole session, so that
 * a re-render or a restart of its triggers can never make two rotations overlap.
 */
export interface SerialRunner {
  run(job: () => Promise<void>): Promise<void>;
  readonly running: boolean;
}

export function serialRunner(): SerialRunner {
  let running = false;
  let next: (() => Promise<void>) | undefined;
  return {
    get running() {
      return running;
    },
    async run(job) {
      next = job;
      if (running) return;
      running = true;
      try {
        while (next !== undefined) {
          const current = next;
          next = undefined;
          await current();
        }
      } finally {
        running = false;
      }
    },
  };
}
