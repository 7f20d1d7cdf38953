import type { SealedField } from '../crypto/client-keys';
import {
  envelopeKeyId,
  openJson,
  sealJson,
  type FieldContext,
  type SymmetricKey,
} from '../crypto/field-envelope';
import { CryptoError, type Sodium } from '../crypto/sodium';
import type { ConsentRecord } from './consent';
import { canWriteMedical, type MedicalWriteCheck } from './consent-ledger';
import type { PrivacyNotice } from './privacy-notice';
import {
  hasClearDetails,
  isMedicalTripKind,
  TRIP_ITEM_LOCATION_MAX_LENGTH,
  TRIP_ITEM_NOTES_MAX_LENGTH,
  TRIP_TITLE_MAX_LENGTH,
  type Trip,
  type TripItem,
} from './trip';

/**
 * The details of a medical trip item (appointment, procedure, therapy): its title, location and notes say what
 * is done to the client and where, so they are health data. They are sealed together as one field envelope
 * (docs/crypto-spec.md, section 3) under the client's medical data key, bound to the trip's id and the item's id:
 * an envelope copied to another item or trip fails to open ('tampered'). What scheduling needs (kind, times,
 * zones, partner id) and the cost stay beside it, readable by whoever reads the trip.
 *
 * Writing sealed details is a medical write: it needs a medical-data consent in force (canWriteMedical), except
 * for sealing details that were already held in clear (a trip written before schema version 3), which only
 * protects them.
 */

export const TRIP_COLLECTION = 'trips';

export interface TripItemDetails {
  title: string;
  location?: string;
  notes?: string;
}

/** Where a medical item's details live: bound to the trip and the item. */
export function tripItemDetailsContext(tripId: string, itemId: string): FieldContext {
  return { collection: TRIP_COLLECTION, documentId: tripId, fieldPath: `items.${itemId}.details` };
}

/** The details an item carries in clear, if any (a medical item before sealing, or any other kind). */
export function clearDetailsOf(item: TripItem): TripItemDetails | undefined {
  if (!hasClearDetails(item)) return undefined;
  return {
    title: item.title ?? '',
    ...(item.location !== undefined && { location: item.location }),
    ...(item.notes !== undefined && { notes: item.notes }),
  };
}

export function sameDetails(a: TripItemDetails | undefined, b: TripItemDetails | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.title === b.title && a.location === b.location && a.notes === b.notes;
}

function isDetails(value: unknown): value is TripItemDetails {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { title, location, notes, ...rest } = value as Record<string, unknown>;
  return (
    Object.keys(rest).length === 0 &&
    typeof title === 'string' &&
    title.length <= TRIP_TITLE_MAX_LENGTH &&
    (location === undefined ||
      (typeof location === 'string' && location.length <= TRIP_ITEM_LOCATION_MAX_LENGTH)) &&
    (notes === undefined || (typeof notes === 'string' && notes.length <= TRIP_ITEM_NOTES_MAX_LENGTH))
  );
}

/**
 * The digest a re-seal carries (`resealOf`): SHA-256 (hex) of the clear details a trip held before version 3,
 * bound to the trip and the item. The server holds those details in clear and computes the same digest, so it can
 * tell sealing them as they were (no consent needed) from new details (a medical write). A digest lets whoever
 * reads the trip test a guess of the exact old details (as the clear item let them read them); the device drops
 * it at the item's next write.
 */
export function resealDigest(
  sodium: Sodium,
  tripId: string,
  itemId: string,
  details: TripItemDetails,
): string {
  const bytes = JSON.stringify([
    'lumina.trip-reseal.v1',
    tripId,
    itemId,
    details.title,
    details.location ?? null,
    details.notes ?? null,
  ]);
  return sodium.to_hex(sodium.crypto_hash_sha256(sodium.from_string(bytes)));
}

/** The item without its details in clear: kind, times, zones, partner, cost, and `sealedDetails` if given. */
function withoutClearDetails(item: TripItem, sealedDetails: string): TripItem {
  const rest = { ...item };
  delete rest.title;
  delete rest.location;
  delete rest.notes;
  delete rest.resealOf;
  return { ...rest, sealedDetails };
}

/** Seals an item's clear details under `key` for trip `tripId`. Refuses an item of another kind or without details. */
export function sealTripItem(sodium: Sodium, key: SymmetricKey, tripId: string, item: TripItem): TripItem {
  const details = clearDetailsOf(item);
  if (!isMedicalTripKind(item.kind) || details === undefined || !isDetails(details)) {
    throw new CryptoError('invalid-input', `item ${item.id} has no medical details to seal`);
  }
  return withoutClearDetails(item, sealJson(sodium, key, details, tripItemDetailsContext(tripId, item.id)));
}

/** Opens a sealed item's details. Throws CryptoError: 'wrong-key', 'tampered' (moved or altered), 'malformed'. */
export function openTripItemDetails(
  sodium: Sodium,
  key: SymmetricKey,
  tripId: string,
  item: TripItem,
): TripItemDetails {
  if (item.sealedDetails === undefined) {
    throw new CryptoError('invalid-input', `item ${item.id} has no sealed details`);
  }
  const value = openJson<unknown>(sodium, key, item.sealedDetails, tripItemDetailsContext(tripId, item.id));
  if (!isDetails(value)) throw new CryptoError('malformed', `item ${item.id}: details not in their shape`);
  return value;
}

/** The item as a holder sees it: its details in clear beside the envelope they came from. */
export function withOpenedDetails(item: TripItem, details: TripItemDetails): TripItem {
  const rest = { ...item };
  delete rest.title;
  delete rest.location;
  delete rest.notes;
  return { ...rest, ...details };
}

export type TripMedicalWrite =
  { ok: true; trip: Trip; consent?: ConsentRecord } | Extract<MedicalWriteCheck, { ok: false }>;

export interface TripMedicalRequest {
  /** The trip to write, its medical items with their details in clear where a person entered or opened them. */
  next: Trip;
  /** The trip as stored before this write (undefined for a new trip). */
  stored: Trip | undefined;
  /** The details the writer was shown, opened from `stored`, by item id: unchanged details keep their envelope. */
  shown: ReadonlyMap<string, TripItemDetails>;
  consents: readonly ConsentRecord[];
  notices: readonly PrivacyNotice[];
  now: number;
}

/** Whether any medical item of `trip` carries details in clear (so writing it needs the client's key). */
export function needsSealing(trip: Trip): boolean {
  return trip.items.some((item) => isMedicalTripKind(item.kind) && hasClearDetails(item));
}

/**
 * The trip with every medical item's details sealed under `key`, under the consent gate. Only two kinds of item
 * are written without a medical-data consent, the two the server can tell from new details: details shown
 * unchanged whose envelope is under `key` (kept byte for byte), and details the stored trip held in clear (a trip
 * written before version 3), sealed as they were with their digest (`resealOf`, checked by the trips push rule).
 * New or changed details need a consent in force at `now`, or the write is refused with the reason. Details shown
 * unchanged under another key are moved to `key` with a consent in force (the server sees a changed envelope, a
 * medical write); without one they keep their envelope.
 */
export function sealTripMedical(
  sodium: Sodium,
  key: SymmetricKey,
  request: TripMedicalRequest,
): TripMedicalWrite {
  const { next, stored, shown } = request;
  const before = itemsById(stored);
  type Step =
    { kind: 'as-is' | 'reseal' | 'new'; item: TripItem } | { kind: 'rekey'; item: TripItem; kept: TripItem };
  const plan = next.items.map((item): Step => {
    const basis = basisOf(item, before, shown);
    if (basis !== 'shown-unchanged') return { kind: basis, item };
    const old = before.get(item.id)!.sealedDetails!;
    const kept = withoutClearDetails(item, old);
    return envelopeKeyId(old) === key.id ? { kind: 'as-is', item: kept } : { kind: 'rekey', item, kept };
  });
  let consent: ConsentRecord | undefined;
  if (plan.some((step) => step.kind === 'new' || step.kind === 'rekey')) {
    const check = canWriteMedical(request.consents, request.notices, next.clientId, request.now);
    if (!check.ok && plan.some((step) => step.kind === 'new')) return check;
    if (check.ok) consent = check.consent;
  }
  const items = plan.map((step) => {
    switch (step.kind) {
      case 'as-is':
        return step.item;
      case 'rekey':
        return consent === undefined ? step.kept : sealTripItem(sodium, key, next.id, step.item);
      case 'new':
        return sealTripItem(sodium, key, next.id, step.item);
      case 'reseal': {
        // Details the stored trip held in clear, sealed as they were: the server checks the digest against them.
        const sealed = sealTripItem(sodium, key, next.id, step.item);
        return {
          ...sealed,
          resealOf: resealDigest(sodium, next.id, step.item.id, clearDetailsOf(step.item)!),
        };
      }
    }
  });
  return { ok: true, trip: { ...next, items }, ...(consent && { consent }) };
}

const itemsById = (trip: Trip | undefined) => new Map((trip?.items ?? []).map((item) => [item.id, item]));

/**
 * What an item of the trip to write asks of the sealing: nothing ('as-is': not medical, or no details in clear),
 * its details shown unchanged from a sealed item, details the stored trip held in clear ('reseal'), or new ones.
 */
function basisOf(
  item: TripItem,
  before: ReadonlyMap<string, TripItem>,
  shown: ReadonlyMap<string, TripItemDetails>,
): 'as-is' | 'shown-unchanged' | 'reseal' | 'new' {
  if (!isMedicalTripKind(item.kind) || !hasClearDetails(item)) return 'as-is';
  const details = clearDetailsOf(item);
  const old = before.get(item.id);
  if (old === undefined) return 'new';
  if (
    old.sealedDetails !== undefined &&
    isMedicalTripKind(old.kind) &&
    sameDetails(shown.get(item.id), details)
  ) {
    return 'shown-unchanged';
  }
  return sameDetails(clearDetailsOf(old), details) ? 'reseal' : 'new';
}

/**
 * Whether writing `next` over `stored` writes medical details that are new or changed (what needs a medical-data
 * consent whatever the key): known before any key is opened or made.
 */
export function writesNewDetails(request: Pick<TripMedicalRequest, 'next' | 'stored' | 'shown'>): boolean {
  const before = itemsById(request.stored);
  return request.next.items.some((item) => basisOf(item, before, request.shown) === 'new');
}

/** The sealed details of a trip under key `keyId`, for revokeAndRotate (which re-seals them in place). */
export function tripSealedFields(trip: Trip, keyId: string): SealedField[] {
  return trip.items
    .filter((item) => item.sealedDetails !== undefined && envelopeKeyId(item.sealedDetails) === keyId)
    .map((item) => ({ context: tripItemDetailsContext(trip.id, item.id), envelope: item.sealedDetails! }));
}

/**
 * The trip with the envelopes revokeAndRotate returned put back into their items. An item whose envelope changed
 * since the fields were taken (`before`) keeps its new one: the rotation does not undo an edit.
 */
export function withRotatedTripFields(
  trip: Trip,
  before: readonly SealedField[],
  rotated: readonly SealedField[],
): Trip {
  const prefix = 'items.';
  const suffix = '.details';
  const was = new Map(before.map((field) => [field.context.fieldPath, field.envelope]));
  const now = new Map<string, string>();
  for (const { context, envelope } of rotated) {
    if (
      context.collection !== TRIP_COLLECTION ||
      context.documentId !== trip.id ||
      !context.fieldPath.startsWith(prefix) ||
      !context.fieldPath.endsWith(suffix)
    ) {
      throw new CryptoError('invalid-input', `a rotated field does not belong to trip ${trip.id}`);
    }
    now.set(context.fieldPath.slice(prefix.length, -suffix.length), envelope);
  }
  const items = trip.items.map((item) => {
    const envelope = now.get(item.id);
    const path = tripItemDetailsContext(trip.id, item.id).fieldPath;
    if (envelope === undefined || item.sealedDetails !== was.get(path)) return item;
    return { ...item, sealedDetails: envelope };
  });
  return { ...trip, items };
}
