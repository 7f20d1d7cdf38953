import { useSharesWaiting } from './shares-data';

/** The number of share requests waiting for this manager's decision, beside "Shares" in the navigation. */
export function SharesNavCount() {
  const count = useSharesWaiting()[0]?.count ?? 0;
  if (count === 0) return null;
  return (
    <span className="nav-count" data-testid="shares-nav-count">
      {' '}
      ({count})
    </span>
  );
}
