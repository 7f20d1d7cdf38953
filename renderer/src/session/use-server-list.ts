import { useCallback, useEffect, useState } from 'react';
import { useSession } from './session-context';

const POLL_MS = 30_000;

/**
 * A list the server holds (share requests, requests for medical access), asked for again every 30 s and on
 * `reload()`; the last answer stays while offline. No path: nothing is asked (a role the list does not concern).
 */
export function useServerList<T>(path: string | undefined): { list: T[] | undefined; reload(): void } {
  const { staff } = useSession();
  const [list, setList] = useState<T[] | undefined>();
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    if (!path) return;
    let live = true;
    const fetchList = () =>
      staff.send<T[]>('GET', path).then(
        (answer) => live && setList(answer),
        () => undefined,
      );
    void fetchList();
    const timer = setInterval(() => void fetchList(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [staff, path, tick]);
  return { list, reload };
}
