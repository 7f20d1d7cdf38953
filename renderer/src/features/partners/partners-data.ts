import { useEffect, useState } from 'react';
import { writeScope, type Role } from '../../../../shared/auth/roles';
import type { Sodium } from '../../../../shared/crypto/sodium';
import type { Partner } from '../../../../shared/domain/partner';
import type { PartnerValue } from '../../../../shared/domain/partner-form';
import { partnerFingerprint, partnerKeyText } from '../../../../shared/domain/partner-public-key';
import type { LocalStore } from '../../store/local-store';
import { useSession } from '../../session/session-context';

/**
 * The partner directory's data layer (issue 15): the only code of the feature that touches the local store. Managers
 * and the admin write partners on the device (offline too); the server checks each push
 * (shared/sync/partner-push-rule.ts): vetting and key confirmation in the writer's own name, a new key unconfirmed.
 */

export const keepsPartners = (role: Role) => writeScope(role, 'partners') !== 'none';

/** Every partner on the device, by English name, live. */
export function usePartners(): Partner[] | undefined {
  const { store } = useSession();
  const [partners, setPartners] = useState<Partner[] | undefined>();
  useEffect(() => {
    const subscription = store.partners
      .find()
      .$.subscribe((docs) =>
        setPartners(
          docs.map((doc) => doc.toJSON() as Partner).sort((a, b) => a.names.en.localeCompare(b.names.en)),
        ),
      );
    return () => subscription.unsubscribe();
  }, [store]);
  return partners;
}

/** A partner's key as the form gave it: a new key is stored unconfirmed; the same key keeps its confirmation. */
function keyOf(sodium: Sodium, value: PartnerValue, before: Partner | undefined): Partner['key'] {
  if (!value.publicKey) return undefined;
  const publicKey = partnerKeyText(value.publicKey);
  if (before?.key?.publicKey === publicKey) return before.key;
  return { publicKey, fingerprint: partnerFingerprint(sodium, value.publicKey) };
}

/** Adds a partner (not vetted) or changes one; returns its id. */
export async function savePartner(
  store: LocalStore,
  sodium: Sodium,
  value: PartnerValue,
  id: string | undefined,
  now = Date.now(),
): Promise<string> {
  const doc = id ? await store.partners.findOne(id).exec() : null;
  const before = doc ? (doc.toJSON() as Partner) : undefined;
  const key = keyOf(sodium, value, before);
  const next: Partner = {
    id: before?.id ?? crypto.randomUUID(),
    names: value.names,
    kind: value.kind,
    country: value.country,
    city: value.city,
    vetting: before?.vetting ?? { status: 'pending' },
    ...(value.agreement ? { agreement: value.agreement } : {}),
    ...(value.contact ? { contact: value.contact } : {}),
    ...(key ? { key } : {}),
    assignedStaffIds: [],
    createdAt: before?.createdAt ?? now,
    updatedAt: now,
  };
  await store.partners.upsert(next);
  return next.id;
}

async function patch(store: LocalStore, id: string, change: (partner: Partner) => Partner): Promise<void> {
  const doc = await store.partners.findOne(id).exec();
  if (!doc) throw new Error('partner-not-found');
  const next = change(doc.toJSON() as Partner);
  await store.partners.upsert(next);
}

/** Marks the partner vetted (or suspended) in `staffId`'s name, now. */
export const setVetting = (
  store: LocalStore,
  id: string,
  status: 'vetted' | 'suspended',
  staffId: string,
  now = Date.now(),
) =>
  patch(store, id, (partner) => ({
    ...partner,
    vetting: { status, by: staffId, at: now },
    updatedAt: now,
  }));

/** Records that `staffId` read the key's fingerprint with the partner by phone and it matched, now. */
export const confirmPartnerKey = (store: LocalStore, id: string, staffId: string, now = Date.now()) =>
  patch(store, id, (partner) => {
    if (!partner.key) throw new Error('partner-key-missing');
    const key = {
      ...partner.key,
      confirmedBy: staffId,
      confirmedAt: now,
      confirmedKey: partner.key.publicKey,
    };
    return { ...partner, key, updatedAt: now };
  });

export function usePartnerCommands() {
  const { store, device } = useSession();
  const staffId = device.session.staffId;
  return {
    save: (sodium: Sodium, value: PartnerValue, id?: string) => savePartner(store, sodium, value, id),
    vet: (id: string, status: 'vetted' | 'suspended') => setVetting(store, id, status, staffId),
    confirmKey: (id: string) => confirmPartnerKey(store, id, staffId),
  };
}
