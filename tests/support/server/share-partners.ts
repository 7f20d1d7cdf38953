import { expect } from 'vitest';
import type { LuminaServer } from '../../../server/app';
import { loadSodium } from '../../../shared/crypto/sodium';
import type { Partner } from '../../../shared/domain/partner';
import { partnerFingerprint, partnerKeyText } from '../../../shared/domain/partner-public-key';
import type { Trip } from '../../../shared/domain/trip';
import { clientId, pushAs } from './permission-documents';
import type { TestStaff } from './staff';

/**
 * Issue 15: what a share request needs besides consent, on the server: the partner in the directory (vetted, under an
 * agreement, its key confirmed; pushed by a manager), and a trip of the client with an item booked with it.
 */
export const shareTripId = (n: number) => `00000000-0000-4000-8400-${n.toString(16).padStart(12, '0')}`;
export const shareItemId = (n: number) => `00000000-0000-4000-8500-${n.toString(16).padStart(12, '0')}`;

export async function partnerDocument(
  manager: TestStaff,
  id: string,
  country: string,
  changes: Partial<Partner> = {},
  /** The server's clock: vetting and confirmation are made now. */
  now = Date.now(),
): Promise<Partner & { _deleted: false }> {
  const sodium = await loadSodium();
  const key = sodium.crypto_box_keypair().publicKey;
  return {
    id,
    names: { en: `Clinic ${country}`, ja: `クリニック${country}` },
    kind: 'clinic',
    country,
    city: 'City',
    vetting: { status: 'vetted', by: manager.staffId, at: now },
    agreement: { signedOn: '2020-01-01', expiresOn: '2099-12-31' },
    key: {
      publicKey: partnerKeyText(key),
      fingerprint: partnerFingerprint(sodium, key),
      confirmedBy: manager.staffId,
      confirmedAt: now,
      confirmedKey: partnerKeyText(key),
    },
    assignedStaffIds: [],
    createdAt: now,
    updatedAt: now,
    ...changes,
    _deleted: false,
  };
}

/**
 * Pushes partners as the manager: first with their key unconfirmed (a new key always arrives so), then confirmed by
 * phone. A partner already held is left as it is.
 */
export async function seedPartners(
  server: LuminaServer,
  manager: TestStaff,
  partners: readonly (Partner & { _deleted: false })[],
): Promise<void> {
  for (const partner of partners) {
    const fresh = partner.key
      ? { ...partner, key: { publicKey: partner.key.publicKey, fingerprint: partner.key.fingerprint } }
      : partner;
    const first = await pushAs(server, manager, 'partners', [fresh]);
    expect(first.statusCode, first.body).toBe(200);
    if (first.json<unknown[]>().length > 0 || !partner.key?.confirmedBy) continue;
    const confirmed = await server.app.inject({
      method: 'POST',
      url: '/sync/partners/push',
      headers: manager.headers,
      payload: [{ newDocumentState: partner, assumedMasterState: fresh }],
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toEqual([]);
  }
}

/** A trip of client `n` (pushed by `by`, who writes trips) with an item booked with each partner, in order. */
export async function seedBookedTrip(
  server: LuminaServer,
  by: TestStaff,
  n: number,
  partnerIds: string | readonly string[],
  assignedStaffIds: string[],
): Promise<void> {
  const trip: Trip & { _deleted: false } = {
    id: shareTripId(n),
    clientId: clientId(n),
    assignedStaffIds,
    title: `Trip ${n}`,
    startDate: '2030-04-01',
    endDate: '2030-04-08',
    timeZone: 'Asia/Tokyo',
    items: [partnerIds].flat().map((partnerId, i) => ({
      id: shareItemId(n * 10 + i),
      kind: 'hotel' as const,
      start: '2030-04-02T15:00:00+09:00',
      end: '2030-04-03T10:00:00+09:00',
      title: `Stay ${n}`,
      partnerId,
    })),
    createdAt: 1,
    updatedAt: 1,
    _deleted: false,
  };
  const res = await pushAs(server, by, 'trips', [trip]);
  expect(res.statusCode, res.body).toBe(200);
}

/** The trip fields of a share request for client `n`, its trip's item `i`, seeded by seedBookedTrip. */
export const bookedFor = (n: number, i = 0) => ({
  tripId: shareTripId(n),
  tripItemId: shareItemId(n * 10 + i),
});
