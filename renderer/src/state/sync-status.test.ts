import { describe, expect, it } from 'vitest';
import { nextPullProgress, summedProgress } from './sync-status';

describe('nextPullProgress', () => {
  it('starts when the server says more is left, counts batches, and ends at zero', () => {
    const first = nextPullProgress(undefined, 100, 250);
    expect(first).toEqual({ done: 100, total: 350 });
    const second = nextPullProgress(first, 100, 150);
    expect(second).toEqual({ done: 200, total: 350 });
    expect(nextPullProgress(second, 150, 0)).toBeUndefined();
  });

  it('grows the total when changes arrive during the catch-up', () => {
    expect(nextPullProgress({ done: 100, total: 200 }, 100, 40)).toEqual({ done: 200, total: 240 });
  });

  it('shows nothing for a server that does not report what is left', () => {
    expect(nextPullProgress(undefined, 100, undefined)).toBeUndefined();
  });
});

describe('summedProgress', () => {
  it('adds up the collections still catching up, and is undefined when none is', () => {
    expect(summedProgress([undefined, undefined])).toBeUndefined();
    expect(summedProgress([{ done: 100, total: 300 }, undefined, { done: 50, total: 60 }])).toEqual({
      done: 150,
      total: 360,
    });
  });
});
