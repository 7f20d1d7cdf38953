import {
  CryptoError,
  envelopeKeyId,
  openClientKey,
  wipeKey,
  type SymmetricKey,
} from '../../../../shared/crypto/index';
import { canWriteMedical } from '../../../../shared/domain/consent-ledger';
import { trustedConsents } from './consent-gate';
import { clientKeyStateOf, type KeyWrapDocument } from '../../../../shared/domain/key-wraps';
import { emptyMedicalContent } from '../../../../shared/domain/medical';
import type { PrivacyNotice } from '../../../../shared/domain/privacy-notice';
import type { Trip } from '../../../../shared/domain/trip';
import {
  needsSealing,
  openTripItemDetails,
  sealTripMedical,
  type TripItemDetails,
} from '../../../../shared/domain/trip-medical';
import { nowOf, withDeviceKeys, type MedicalClient, type MedicalContext } from './context';
import { deviceHoldsKey, readClientMedical } from './records';
import { saveMedical } from './save-section';
import { logFor } from '../audit/log-for';

/**
 * The sealed details of medical trip items (shared/domain/trip-medical.ts) on the device: opening them for a
 * holder of the client's key, and sealing what a person wrote under the consent gate. A client without a key
 * gets one the way the medical section makes it (saveMedical, with an empty section), so that grants, rotation
 * and the key holders, which all follow the section, cover the trip details too.
 */

export type TripDetailsRefusal =
  'no-consent' | 'consent-withdrawn' | 'renewal-required' | 'no-access' | 'no-recovery-key';

/** An expected refusal of a write of medical trip details, with a reason the UI words. */
export class TripDetailsError extends Error {
  constructor(readonly reason: TripDetailsRefusal) {
    super(reason);
    this.name = 'TripDetailsError';
  }
}

export interface OpenedTripDetails {
  /** Item id -> its details, for every sealed item this device could open. */
  details: Map<string, TripItemDetails>;
  /** Items whose details stay sealed here (no wrap of their key for this device, or an envelope that fails). */
  sealed: Set<string>;
  /** Whether this device holds the client's current key (it may read and write medical details). */
  holdsKey: boolean;
}

/** Opens `keyId` of the client with this device's wrap, or undefined when it holds none. */
function openKey(
  ctx: MedicalContext,
  clientId: string,
  keyId: string,
  wraps: KeyWrapDocument[],
): SymmetricKey | undefined {
  if (!wraps.some((wrap) => wrap.keyId === keyId && wrap.recipientId === ctx.actor.deviceId))
    return undefined;
  return withDeviceKeys(ctx, (me) =>
    openClientKey(ctx.sodium, clientKeyStateOf(clientId, keyId, wraps), me, ctx.directory.keyDirectory()),
  );
}

/** Opens what this device can of a trip's sealed details; never throws for a detail it cannot open. */
export async function openTripDetails(ctx: MedicalContext, trip: Trip): Promise<OpenedTripDetails> {
  const records = await readClientMedical(ctx.collections, trip.clientId);
  const opened: OpenedTripDetails = {
    details: new Map(),
    sealed: new Set(),
    holdsKey: deviceHoldsKey(records, ctx.actor.deviceId),
  };
  const byKey = new Map<string, Trip['items']>();
  for (const item of trip.items) {
    if (item.sealedDetails === undefined) continue;
    opened.sealed.add(item.id);
    let keyId: string;
    try {
      keyId = envelopeKeyId(item.sealedDetails);
    } catch {
      continue;
    }
    byKey.set(keyId, [...(byKey.get(keyId) ?? []), item]);
  }
  if (byKey.size === 0) return opened;
  const wraps = records.wraps;
  for (const [keyId, items] of byKey) {
    let key: SymmetricKey | undefined;
    try {
      key = openKey(ctx, trip.clientId, keyId, wraps);
    } catch (error) {
      if (error instanceof CryptoError) continue;
      throw error;
    }
    if (key === undefined) continue;
    try {
      for (const item of items) {
        try {
          opened.details.set(item.id, openTripItemDetails(ctx.sodium, key, trip.id, item));
          opened.sealed.delete(item.id);
        } catch (error) {
          if (!(error instanceof CryptoError)) throw error;
        }
      }
    } finally {
      wipeKey(ctx.sodium, key);
    }
  }
  if (opened.details.size > 0)
    await logFor(
      ctx,
      { kind: 'trip-medical-opened', clientId: trip.clientId, fields: ['tripItemDetails'], target: trip.id },
      trip.assignedStaffIds,
    );
  return opened;
}

export interface TripDetailsWrite {
  /** The trip to write, medical details in clear where a person entered or opened them. */
  next: Trip;
  /** The trip as stored before (undefined for a new trip). */
  stored: Trip | undefined;
  /** The details the person was shown (openTripDetails of `stored`). */
  shown: ReadonlyMap<string, TripItemDetails>;
  /** Every privacy-notice version the device holds (none yet: an empty list). */
  notices: readonly PrivacyNotice[];
}

/**
 * The trip with its medical details sealed under the client's current key, ready to store. A trip with no
 * medical details in clear is returned as it is, without a key. Refused (TripDetailsError) without a
 * medical-data consent in force for new or changed details, or when this device holds no wrap of the key.
 */
export async function sealTripDetails(
  ctx: MedicalContext,
  client: MedicalClient,
  write: TripDetailsWrite,
): Promise<Trip> {
  if (!needsSealing(write.next)) return write.next;
  const now = nowOf(ctx);
  let records = await readClientMedical(ctx.collections, client.id);
  // Only records whose signature verifies (or legacy ones) count, as for the medical section.
  const trusted = () => trustedConsents(ctx.sodium, records.consents, ctx.directory.keyDirectory());
  if (records.section === undefined) {
    const check = canWriteMedical(trusted(), write.notices, client.id, now);
    if (!check.ok) throw new TripDetailsError(check.reason);
    // The client's first key, made and wrapped as the medical section makes it.
    await saveMedical(ctx, client, emptyMedicalContent());
    records = await readClientMedical(ctx.collections, client.id);
  }
  if (!deviceHoldsKey(records, ctx.actor.deviceId)) throw new TripDetailsError('no-access');
  const { section } = records;
  const key = withDeviceKeys(ctx, (me) =>
    openClientKey(
      ctx.sodium,
      clientKeyStateOf(client.id, section.keyId, records.wraps),
      me,
      ctx.directory.keyDirectory(),
    ),
  );
  try {
    const result = sealTripMedical(ctx.sodium, key, {
      next: write.next,
      stored: write.stored,
      shown: write.shown,
      consents: trusted(),
      notices: write.notices,
      now,
    });
    if (!result.ok) throw new TripDetailsError(result.reason);
    return result.trip;
  } finally {
    wipeKey(ctx.sodium, key);
  }
}
