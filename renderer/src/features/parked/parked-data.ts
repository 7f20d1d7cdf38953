import { useEffect, useState } from 'react';
import { useSession } from '../../session/index';
import type { ParkedChange } from '../../sync/parked-changes';

export { changedFields, type ParkedChange } from '../../sync/parked-changes';

/** The changes the server refused for good, kept on this device, live; and discarding one. */
export function useParkedChanges(): { changes: ParkedChange[]; discard(key: string): void } {
  const { device } = useSession();
  const parked = device.session.parked;
  const [changes, setChanges] = useState<ParkedChange[]>(() => parked.list());
  useEffect(() => parked.subscribe(setChanges), [parked]);
  return { changes, discard: (key) => parked.discard(key) };
}

/** Why the server refused, as a key of the catalogue's `parked.why`. */
export function whyOf(
  change: ParkedChange,
):
  | 'role'
  | 'assigned'
  | 'rule'
  | 'invalid'
  | 'state'
  | 'tooLarge'
  | 'alreadyWithdrawn'
  | 'ledger'
  | 'deliveryOnly' {
  // A ledger's record (the access log) is kept as written: its ledger stopped (refusals.ts).
  if (change.kept) return 'ledger';
  // Two devices withdrew the same consent while offline: the ledger took the other one (issue 14).
  if (change.reason === 'consent-already-withdrawn') return 'alreadyWithdrawn';
  // A record that data went to a partner is written by the server when the delivery is registered (issue 15).
  if (change.reason === 'provision-provided-by-delivery-only') return 'deliveryOnly';
  if (change.status === 400 || change.status === 422) return 'invalid';
  if (change.status === 409) return 'state';
  if (change.status === 413) return 'tooLarge';
  if (change.needs === `write:${change.collection}`) return 'role';
  if (change.needs?.endsWith(':assigned')) return 'assigned';
  return 'rule';
}

/** What names the changed record for a person: a client's name, an item's title; else the start of its id. */
export function titleOf(change: ParkedChange): string {
  for (const doc of [change.refused, change.server]) {
    const names = doc?.names as { latin?: unknown } | undefined;
    if (typeof names?.latin === 'string' && names.latin) return names.latin;
    if (typeof doc?.title === 'string' && doc.title) return doc.title;
  }
  return change.documentId.slice(0, 8);
}
