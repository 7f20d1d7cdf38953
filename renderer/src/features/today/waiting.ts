/**
 * Something waiting for the person using the device: a device to approve, a request due, a breach timer running.
 * Each feature says what of its own is waiting through a hook in its folder (`use<Feature>Waiting()` returning
 * WaitingItem[], [] for a role it does not concern); the Today screen gathers them, and the navigation counts the
 * ones that are due. The text is already in the UI's language.
 */
export interface WaitingItem {
  /** Stable across renders: the feature's name and the thing's id. */
  id: string;
  text: string;
  /** How many things the line stands for (shown as a count), when it stands for several. */
  count?: number;
  /** When it falls due (epoch ms), if it does. */
  due?: number;
  /** overdue: past its due time; due-soon: within the feature's warning period; waiting: needs someone, no date. */
  state: 'overdue' | 'due-soon' | 'waiting';
  /** The section of the app that handles it (App's navigation). */
  section: string;
}

const ORDER = { overdue: 0, 'due-soon': 1, waiting: 2 } as const;

/** Overdue first, then due soon, then the rest; within each, the earliest due first. */
export function orderWaiting(items: readonly WaitingItem[]): WaitingItem[] {
  return [...items].sort(
    (a, b) =>
      ORDER[a.state] - ORDER[b.state] ||
      (a.due ?? Infinity) - (b.due ?? Infinity) ||
      a.id.localeCompare(b.id),
  );
}

/** How many things are due or overdue: the count beside Today in the navigation. */
export function dueCount(items: readonly WaitingItem[]): number {
  return items.filter((item) => item.state !== 'waiting').reduce((sum, item) => sum + (item.count ?? 1), 0);
}
