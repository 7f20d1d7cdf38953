import { describe, expect, it } from 'vitest';
import { logBeforeShowing, type ViewState } from './use-log-access';

/** Issue 18 review: a passport view is logged before it is shown, never after. */
describe('logBeforeShowing', () => {
  it('holds the view pending until the entry is in the log, then lets it show', async () => {
    const states: ViewState[] = [];
    let written!: () => void;
    logBeforeShowing(
      () => new Promise<void>((resolve) => (written = resolve)),
      (state) => states.push(state),
    );
    await Promise.resolve();
    expect(states).toEqual(['pending']);
    written();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(states).toEqual(['pending', 'logged']);
  });

  it('never shows a view whose entry could not be written', async () => {
    const states: ViewState[] = [];
    logBeforeShowing(
      () => Promise.reject(new Error('locked')),
      (state) => states.push(state),
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(states).toEqual(['pending', 'failed']);
  });

  it('says nothing more once the screen has gone', async () => {
    const states: ViewState[] = [];
    const stop = logBeforeShowing(
      () => Promise.resolve(),
      (state) => states.push(state),
    );
    stop();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(states).toEqual(['pending']);
  });
});
