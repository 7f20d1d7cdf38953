import type { ConsentRecord } from './consent';
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

const normalPurpose = (text: string) => text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Whether the provision consent covers the purpose asked for: a consent that states its purpose covers that one
 * only (the same words, whatever the case, spacing or width); one that states none covers any purpose with its
 * partner (the consent names the partner).
 */
export function purposeConsented(consent: Pick<ConsentRecord, 'statedPurpose'>, purpose: string): boolean {
  return (
    consent.statedPurpose === undefined || normalPurpose(consent.statedPurpose) === normalPurpose(purpose)
  );
}

export function shareRefusal(
  partner: Partner,
  clientId: string,
  ledger: readonly ConsentRecord[],
  trips: readonly Trip[],
  booked: { tripId: string; tripItemId: string } | undefined,
  purpose: string,
  now: number,
): ShareRefusal | undefined {
  const partnerProblem = partnerShareProblem(partner, dayInJapan(now));
  if (partnerProblem) return partnerProblem;
  const consent = canShareWith(
    ledger,
    clientId,
    { id: partner.id, country: partner.country, inJapan: partnerInJapan(partner) },
    now,
  );
  if (!consent.ok) {
    return consent.reason === 'no-provision-consent'
      ? 'provision-consent-missing'
      : 'overseas-consent-missing';
  }
  if (!purposeConsented(consent.provision, purpose)) return 'purpose-not-consented';
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
