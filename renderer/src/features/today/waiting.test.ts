import { describe, expect, it } from 'vitest';
import { dueCount, orderWaiting, type WaitingItem } from './waiting';

const item = (id: string, state: WaitingItem['state'], due?: number, count?: number): WaitingItem => ({
  id,
  text: id,
  state,
  section: 'staff',
  ...(due === undefined ? {} : { due }),
  ...(count === undefined ? {} : { count }),
});

describe('waiting items', () => {
  it('puts overdue first, then due soon, then waiting, earliest due first', () => {
    const ordered = orderWaiting([
      item('a', 'waiting'),
      item('b', 'due-soon', 20),
      item('c', 'overdue', 30),
      item('d', 'overdue', 10),
      item('e', 'due-soon', 5),
    ]);
    expect(ordered.map((i) => i.id)).toEqual(['d', 'c', 'e', 'b', 'a']);
  });

  it('counts what is due or overdue, each line by its count', () => {
    expect(
      dueCount([item('a', 'waiting', undefined, 4), item('b', 'overdue', 1, 3), item('c', 'due-soon')]),
    ).toBe(4);
    expect(dueCount([])).toBe(0);
  });
});
