import type { ConsentRecord, ProvisionPurpose } from '../../shared/domain/consent';
import { canShareWith } from '../../shared/domain/consent-ledger';
import type { Queryable } from '../db/database';
import {
  dayInJapan,
  partnerShareProblem,
  type Partner,
  type PartnerShareProblem,
} from '../../shared/domain/partner';
import { bookedItemCurrent, shareConsentRefusal } from '../../shared/domain/share-check';
import type { Trip } from '../../shared/domain/trip';
import { documentById, liveDocumentsOfClient } from '../sync/documents';

type Tx = Pick<Queryable, 'query'>;

/** The client's consent ledger as the server holds it. */
export async function ledgerOf(tx: Tx, clientId: string): Promise<ConsentRecord[]> {
  return (await liveDocumentsOfClient(tx, 'consents', clientId)).map(
    (doc) => Object.fromEntries(Object.entries(doc).filter(([key]) => key !== '_deleted')) as never,
  );
}

export const partner = (id: string, country: string) => ({ id, country, inJapan: country === 'JP' });

export type ShareGateProblem =
  | 'partner-unknown'
  | PartnerShareProblem
  | 'provision-consent-missing'
  | 'overseas-consent-missing'
  | 'purpose-not-consented'
  | 'no-booked-item';

/**
 * What keeps a share of the client's data to the partner from being asked for or approved at `now`, on what the
 * server holds (the same checks as the device's, renderer/src/features/shares): the partner is in the directory,
 * vetted, under an agreement in force, its key confirmed; the ledger allows it: some provision consent in force for
 * the partner covers the share's catalogue purpose (share-check.ts and this share one function, consent-ledger.ts
 * `canShareWith`); a booked item of the client's trip is with that partner and not over (a past trip serves no
 * share). Returns the partner as the directory holds it when nothing is in the way.
 */
export async function shareGate(
  tx: Tx,
  ask: {
    clientId: string;
    partnerId: string;
    purposeCode: ProvisionPurpose;
    tripId?: string;
    tripItemId?: string;
  },
  now: number,
): Promise<{ problem: ShareGateProblem } | { problem: undefined; partner: Partner }> {
  const held = await documentById(tx, 'partners', ask.partnerId);
  if (!held || held._deleted) return { problem: 'partner-unknown' };
  const found = held as unknown as Partner;
  const partnerProblem = partnerShareProblem(found, dayInJapan(now));
  if (partnerProblem) return { problem: partnerProblem };
  const consent = canShareWith(
    await ledgerOf(tx, ask.clientId),
    ask.clientId,
    partner(found.id, found.country),
    now,
    ask.purposeCode,
  );
  // Some provision consent in force for the partner must cover the share's catalogue purpose (consentCovers).
  if (!consent.ok) return { problem: shareConsentRefusal(consent.reason) };
  const trip = ask.tripId ? await documentById(tx, 'trips', ask.tripId) : undefined;
  const items =
    trip && !trip._deleted && trip.clientId === ask.clientId ? (trip as unknown as Trip).items : [];
  const booked = items.some(
    (item) => item.id === ask.tripItemId && item.partnerId === found.id && bookedItemCurrent(item, now),
  );
  return booked ? { problem: undefined, partner: found } : { problem: 'no-booked-item' };
}
