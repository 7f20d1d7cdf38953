import { useEffect, useMemo, useState } from 'react';
import { useSession } from '../../session/index';
import type { ParkedChange } from '../../sync/parked-changes';
import { useHiddenClients } from '../erasure/erasure-data';

export { changedFields, type ParkedChange } from '../../sync/parked-changes';

/** The client a parked change is about: the document itself for a client, else the document's `clientId`. */
export function clientOfChange(change: ParkedChange): string | undefined {
  if (change.collection === 'clients') return change.documentId;
  for (const doc of [change.refused, change.server])
    if (typeof doc?.clientId === 'string') return doc.clientId;
  return undefined;
}

/**
 * The changes the server refused for good, kept on this device, live; and discarding one. A change of a client whose
 * erasure is scheduled is not shown (the client is named nowhere during the grace period): the purge forgets it.
 */
export function useParkedChanges(): { changes: ParkedChange[]; discard(key: string): void } {
  const { device } = useSession();
  const parked = device.session.parked;
  const hidden = useHiddenClients();
  const [changes, setChanges] = useState<ParkedChange[]>(() => parked.list());
  useEffect(() => parked.subscribe(setChanges), [parked]);
  const shown = useMemo(
    () =>
      hidden.size === 0
        ? changes
        : changes.filter((change) => {
            const clientId = clientOfChange(change);
            return clientId === undefined || !hidden.has(clientId);
          }),
    [changes, hidden],
  );
  return { changes: shown, discard: (key) => parked.discard(key) };
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

/**
 * A client's fields by their path in the stored record, as the record's form names them (clientRecord.fields, or
 * a section's heading for a list): what the refused-changes panel shows instead of "names.latin".
 */
const CLIENT_FIELD_LABELS: Readonly<Record<string, string>> = {
  'names.latin': 'clientRecord.fields.latin',
  'names.katakana': 'clientRecord.fields.katakana',
  'names.kanji': 'clientRecord.fields.kanji',
  nationality: 'clientRecord.fields.nationality',
  dateOfBirth: 'clientRecord.fields.dateOfBirth',
  languages: 'clientRecord.fields.languages',
  'contact.email': 'clientRecord.fields.email',
  'contact.phone': 'clientRecord.fields.phone',
  'contact.address': 'clientRecord.fields.address',
  'passport.number': 'clientRecord.fields.passportNumber',
  'passport.country': 'clientRecord.fields.passportCountry',
  'passport.expiryDate': 'clientRecord.fields.passportExpiry',
  'preferences.notes': 'clientRecord.fields.notes',
  'preferences.seat': 'clientRecord.fields.seat',
  'preferences.room': 'clientRecord.fields.room',
  'preferences.dietary': 'clientRecord.fields.dietaryNotes',
  emergencyContacts: 'clientRecord.sections.emergency',
  'lifestyle.dietaryRestrictions': 'clientRecord.fields.dietaryRestrictions',
  'lifestyle.mobilityNeeds': 'clientRecord.fields.mobilityNeeds',
  'lifestyle.allergies': 'clientRecord.fields.allergies',
  status: 'clientRecord.fields.status',
};

/** The catalogue key naming a changed field of a record, when there is one; else the field's path is shown. */
export function fieldLabelKey(collection: string, path: string): string | undefined {
  return collection === 'clients' ? CLIENT_FIELD_LABELS[path] : undefined;
}
