import {
  createClientKeys,
  CryptoError,
  envelopeKeyId,
  openClientKey,
  wipeKey,
  type SymmetricKey,
} from '../../../../shared/crypto/index';
import { canWriteMedical } from '../../../../shared/domain/consent-ledger';
import { trustedConsents } from './consent-gate';
import { clientKeyStateOf, keyWrapChanges, type KeyWrapDocument } from '../../../../shared/domain/key-wraps';
import { emptyMedicalContent } from '../../../../shared/domain/medical';
import type { PrivacyNotice } from '../../../../shared/domain/privacy-notice';
import type { Trip } from '../../../../shared/domain/trip';
import {
  needsSealing,
  openTripItemDetails,
  sealTripMedical,
  writesNewDetails,
  type TripItemDetails,
} from '../../../../shared/domain/trip-medical';
import { nowOf, withDeviceKeys, type MedicalClient, type MedicalContext } from './context';
import { deviceHoldsKey, readClientMedical, type ClientMedicalRecords } from './records';
import { saveMedical } from './save-section';
import { openSectionKey } from './section-key';
import { logFor } from '../audit/log-for';

/**
 * The sealed details of medical trip items (shared/domain/trip-medical.ts) on the device: opening them for a
 * holder of the client's key, and sealing what a person wrote under the consent gate. A client without a key
 * gets one the way the medical section makes it (saveMedical, with an empty section), so that grants, rotation
 * and the key holders, which all follow the section, cover the trip details too.
 *
 * A client without a section and without a medical-data consent in force cannot get a section (the server's
 * medical push rule wants a consent for it), yet details written before trips version 3 must not stay in clear.
 * For them alone the device makes the client's first key without a section: wrapped to itself and the recovery
 * key, as saveMedical's first key is (the key-wraps push rule takes a client's first key from any device in the
 * medical write scope, with no consent), and seals the details held in clear, as they are, under it. Nothing new
 * can be sealed under it without a consent (sealTripMedical). When a section is first saved on that device, it is
 * made under that key (saveMedical reuses the device's own wrap); see docs/data-model.md, trips.
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
    holdsKey:
      deviceHoldsKey(records, ctx.actor.deviceId) ||
      sectionlessWrap(records, ctx.actor.deviceId) !== undefined,
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
    // No consent: only details already held can be sealed, under a key without a section.
    if (!check.ok) {
      if (writesNewDetails(write)) throw new TripDetailsError(check.reason);
      return sealWithoutSection(ctx, client, write, records, trusted(), now);
    }
    // The client's first key, made and wrapped as the medical section makes it (or the one this device made
    // without a section before: saveMedical takes it).
    await saveMedical(ctx, client, emptyMedicalContent());
    records = await readClientMedical(ctx.collections, client.id);
  }
  if (!deviceHoldsKey(records, ctx.actor.deviceId)) throw new TripDetailsError('no-access');
  const key = openSectionKey(ctx, records);
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

/** With no section: this device's wrap of a key the client has without one (made by sealWithoutSection). */
export function sectionlessWrap(
  records: ClientMedicalRecords,
  deviceId: string,
): KeyWrapDocument | undefined {
  if (records.section !== undefined) return undefined;
  return records.wraps.find((wrap) => wrap.recipientId === deviceId);
}

/**
 * Seals, for a client with no section and no medical-data consent in force, the details the stored trip already
 * held in clear, under the key this device made for the client without a section, or under a first key made now
 * (its wraps stored only once the sealing succeeded). The caller has refused new or changed details already
 * (sealTripMedical refuses them again); a client whose key another device made is refused 'no-access' (theirs to
 * grant).
 */
async function sealWithoutSection(
  ctx: MedicalContext,
  client: MedicalClient,
  write: TripDetailsWrite,
  records: ClientMedicalRecords,
  consents: ReturnType<typeof trustedConsents>,
  now: number,
): Promise<Trip> {
  const mine = sectionlessWrap(records, ctx.actor.deviceId);
  if (mine === undefined && records.wraps.length > 0) throw new TripDetailsError('no-access');
  let key: SymmetricKey;
  let newWraps: KeyWrapDocument[] = [];
  if (mine !== undefined) {
    key = withDeviceKeys(ctx, (me) =>
      openClientKey(
        ctx.sodium,
        clientKeyStateOf(client.id, mine.keyId, records.wraps),
        me,
        ctx.directory.keyDirectory(),
      ),
    );
  } else {
    const recovery = ctx.directory.recoveryRecipient();
    if (recovery === undefined) throw new TripDetailsError('no-recovery-key');
    const made = withDeviceKeys(ctx, (me) => createClientKeys(ctx.sodium, client.id, me, recovery));
    key = made.dataKey;
    newWraps = keyWrapChanges([], made.state, now, client.assignedStaffIds).put;
  }
  try {
    const result = sealTripMedical(ctx.sodium, key, {
      next: write.next,
      stored: write.stored,
      shown: write.shown,
      consents,
      notices: write.notices,
      now,
    });
    if (!result.ok) throw new TripDetailsError(result.reason);
    // The key before the trip sealed under it: details are never stored without a way to open them.
    if (newWraps.length > 0) await ctx.collections.keyWraps.bulkInsert(newWraps);
    return result.trip;
  } finally {
    wipeKey(ctx.sodium, key);
  }
}
