/** The part of the Web Locks API (navigator.locks) the store uses. */
export type StoreLocks = Pick<LockManager, 'request'>;

/**
 * The store is already open in another window or tab of this browser profile (another document holds its lock).
 * `code` is what describeStoreError shows.
 */
export class StoreInUseError extends Error {
  readonly code = 'store-in-use';
  constructor(readonly storeName: string) {
    super(`the local store ${storeName} is open in another window`);
    this.name = 'StoreInUseError';
  }
}

/** The browser's Web Locks, or undefined where there are none (Node: tests and benches). */
export function browserLocks(): StoreLocks | undefined {
  return (globalThis as { navigator?: { locks?: StoreLocks } }).navigator?.locks;
}

/**
 * Makes this document the store's only writer: takes the exclusive Web Lock named after the store if nobody holds
 * it, and answers the function that gives it back (the browser also gives it back when the document goes away).
 * Throws StoreInUseError when another window or tab holds it: each instance keeps its own view of the vault
 * ledger, so two instances writing would refuse each other's ledger writes row by row and reseal over each other's
 * entries. Without Web Locks (`locks` undefined) nothing is taken and the answer does nothing.
 */
export async function holdStoreLock(
  name: string,
  locks: StoreLocks | undefined = browserLocks(),
): Promise<() => void> {
  if (!locks) return () => undefined;
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const granted = await new Promise<boolean>((resolve, reject) => {
    locks
      .request(name, { mode: 'exclusive', ifAvailable: true }, (lock) => {
        resolve(lock !== null);
        // Held for as long as this promise is pending.
        return lock ? released : undefined;
      })
      .catch(reject);
  });
  if (!granted) throw new StoreInUseError(name);
  return release;
}
