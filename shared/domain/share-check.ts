import type { ConsentRecord, ProvisionPurpose } from './consent';
import { canShareWith } from './consent-ledger';
import {
  dayInJapan,
  partnerInJapan,
  partnerShareProblem,
  type Partner,
  type PartnerShareProblem,
} from './partner';
import type { Trip, TripItem } from './trip';

/** Whether a booked trip item can still be served by a share at `now`: not over (its end not passed). */
export const bookedItemCurrent = (item: Pick<TripItem, 'end'>, now: number) => {
  const end = Date.parse(item.end);
  return Number.isFinite(end) && end >= now;
};

/**
 * Why a share of a client's data to a partner is refused at once, on the device, before the request is sent: the
 * same order and reasons as the server's (server/shares/share-consent.ts `shareGate`, codes without `share-`).
 */
export type ShareRefusal =
  | PartnerShareProblem
  | 'provision-consent-missing'
  | 'overseas-consent-missing'
  | 'purpose-not-consented'
  | 'no-booked-item';

/** The share refusal of a ledger check's reason (consent-ledger.ts `canShareWith`). */
export function shareConsentRefusal(
  reason: 'no-provision-consent' | 'purpose-not-consented' | 'no-overseas-consent',
): 'provision-consent-missing' | 'purpose-not-consented' | 'overseas-consent-missing' {
  if (reason === 'no-provision-consent') return 'provision-consent-missing';
  return reason === 'purpose-not-consented' ? reason : 'overseas-consent-missing';
}

/**
 * Why a share to the partner is refused at `now`, on the device's ledger and trips: the partner's state, then the
 * consents (consent-ledger.ts `canShareWith` with the share's catalogue purpose), then the booked item.
 */
export function shareRefusal(
  partner: Partner,
  clientId: string,
  ledger: readonly ConsentRecord[],
  trips: readonly Trip[],
  booked: { tripId: string; tripItemId: string } | undefined,
  /** The share's catalogue purpose: some provision consent in force for the partner must cover it. */
  purpose: ProvisionPurpose,
  now: number,
): ShareRefusal | undefined {
  const partnerProblem = partnerShareProblem(partner, dayInJapan(now));
  if (partnerProblem) return partnerProblem;
  const consent = canShareWith(
    ledger,
    clientId,
    { id: partner.id, country: partner.country, inJapan: partnerInJapan(partner) },
    now,
    purpose,
  );
  if (!consent.ok) return shareConsentRefusal(consent.reason);
  const trip = booked && trips.find((held) => held.id === booked.tripId && held.clientId === clientId);
  const item = trip?.items.find((held) => held.id === booked?.tripItemId);
  return item?.partnerId === partner.id && bookedItemCurrent(item, now) ? undefined : 'no-booked-item';
}

/** The client's trip items booked with the partner and not over at `now`: what a share may serve. */
export function bookedItems(trips: readonly Trip[], clientId: string, partnerId: string, now: number) {
  return trips
    .filter((trip) => trip.clientId === clientId)
    .flatMap((trip) =>
      trip.items
        .filter((item) => item.partnerId === partnerId && bookedItemCurrent(item, now))
        .map((item) => ({ tripId: trip.id, tripItemId: item.id, trip, item })),
    );
}
