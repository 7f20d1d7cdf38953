import { useEffect, useState } from 'react';
import type { Client } from '../../../../shared/index';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import { canShareWith } from '../../../../shared/domain/consent-ledger';
import { partnerInJapan, type Partner } from '../../../../shared/domain/partner';
import {
  provisionOrder,
  provisionsToDestroy,
  provisionProblem,
  type Provision,
  type ProvisionItem,
} from '../../../../shared/domain/provision';
import { provisionItemsProblem } from '../../../../shared/domain/provision-delivery';
import { shareItems } from '../../../../shared/domain/share-fields';
import type { ShareRequest } from '../../../../shared/domain/share-request';
import type { LocalStore } from '../../store/local-store';
import { useSession } from '../../session/session-context';

/**
 * The provision ledger's data layer (APPI Art. 29/30; shared/domain/provision.ts): the only code of the feature
 * that touches the local store. Records are written once, on the device, and synced; the server refuses a change
 * or a deletion and checks a delivery against the approved share (shared/sync/provision-push-rule.ts). The
 * commands check the same before writing, so a refusal is said at once.
 */

export class ProvisionRefused extends Error {
  constructor(readonly problem: string) {
    super(`provision refused: ${problem}`);
  }
}

/** A client's records on the device, newest first, live. */
export function useProvisions(clientId: string): Provision[] | undefined {
  const { store } = useSession();
  const [records, setRecords] = useState<Provision[] | undefined>();
  useEffect(() => {
    const subscription = store.provisions
      .find({ selector: { clientId } })
      .$.subscribe((docs) => setRecords(provisionOrder(docs.map((doc) => doc.toJSON() as Provision))));
    return () => subscription.unsubscribe();
  }, [store, clientId]);
  return records;
}

async function clientOf(store: LocalStore, clientId: string): Promise<Client> {
  const doc = await store.clients.findOne(clientId).exec();
  if (!doc) throw new ProvisionRefused('client-not-found');
  return doc.toJSON() as Client;
}

async function write(store: LocalStore, record: Provision): Promise<Provision> {
  const problem = provisionProblem(record) ?? provisionItemsProblem(record);
  if (problem) throw new ProvisionRefused(problem);
  await store.provisions.insert(record);
  return record;
}

export interface ProvisionInput {
  /** The approved share request the package carries. */
  share: ShareRequest;
  /** The partner as the device's directory holds it. */
  partner: Partner;
  /** The client's trusted consent records (consents feature's `useConsentRecords().trusted`). */
  ledger: readonly ConsentRecord[];
  /** The sealed package: its id and SHA-256 (shared/crypto/share-package.ts `sharePackageHash`). */
  packageId: string;
  packageHash: string;
  /** The staff member recording the delivery (the signed-in person). */
  staffId: string;
  now?: number;
}

/**
 * Writes the provision record of a package delivered for an approved share (issue 15, point 5): the items are
 * exactly the share's fields with their labels; the consents relied on are those in force on the device's ledger
 * now. Refused (nothing written) for a share not approved, another partner, or no consent in force.
 */
export async function recordProvision(store: LocalStore, input: ProvisionInput): Promise<Provision> {
  const { share, partner, ledger, staffId } = input;
  const now = input.now ?? Date.now();
  if (share.status !== 'approved' || !share.decidedBy) throw new ProvisionRefused('share-not-approved');
  if (share.partnerId !== partner.id) throw new ProvisionRefused('share-mismatch');
  const check = canShareWith(
    ledger,
    share.clientId,
    { id: partner.id, country: partner.country, inJapan: partnerInJapan(partner) },
    now,
  );
  if (!check.ok) throw new ProvisionRefused('consent-missing');
  const client = await clientOf(store, share.clientId);
  return write(store, {
    id: crypto.randomUUID(),
    clientId: share.clientId,
    kind: 'provided',
    partnerId: partner.id,
    at: now,
    items: shareItems(share.fields),
    shareId: share.id,
    requestedBy: share.requestedBy,
    approvedBy: share.decidedBy,
    consentId: check.provision.id,
    ...(check.overseas ? { overseasConsentId: check.overseas.id } : {}),
    packageId: input.packageId,
    packageHash: input.packageHash,
    recordedBy: staffId,
    recordedAt: now,
    assignedStaffIds: client.assignedStaffIds,
  });
}

/** Art. 30: data received from a partner, with how the partner obtained it. */
export async function recordReceipt(
  store: LocalStore,
  input: {
    clientId: string;
    partnerId: string;
    items: ProvisionItem[];
    obtainedHow: string;
    /** When the data was received; now by default. */
    at?: number;
    staffId: string;
    now?: number;
  },
): Promise<Provision> {
  const client = await clientOf(store, input.clientId);
  const now = input.now ?? Date.now();
  return write(store, {
    id: crypto.randomUUID(),
    clientId: input.clientId,
    kind: 'received',
    partnerId: input.partnerId,
    at: input.at ?? now,
    items: input.items,
    obtainedHow: input.obtainedHow,
    recordedBy: input.staffId,
    recordedAt: now,
    assignedStaffIds: client.assignedStaffIds,
  });
}

/** Records that the partner was told to destroy the package of delivery `provided` (after a withdrawal). */
export async function recordDestroyNotified(
  store: LocalStore,
  provided: Provision,
  staffId: string,
  now = Date.now(),
): Promise<Provision> {
  if (provided.kind !== 'provided') throw new ProvisionRefused('refers-to-unknown');
  const client = await clientOf(store, provided.clientId);
  return write(store, {
    id: crypto.randomUUID(),
    clientId: provided.clientId,
    kind: 'destroy-notified',
    partnerId: provided.partnerId,
    at: now,
    refersTo: provided.id,
    recordedBy: staffId,
    recordedAt: now,
    assignedStaffIds: client.assignedStaffIds,
  });
}

/**
 * Every delivered package the device holds whose partner is to be told to destroy it (shared/domain/provision.ts
 * `provisionsToDestroy`: its consent withdrawn, no `destroy-notified` record yet), oldest first: the managers'
 * list. Managers read every client, so their device holds every record and every withdrawal.
 */
export function useProvisionsToDestroy(): Provision[] | undefined {
  const { store } = useSession();
  const [records, setRecords] = useState<Provision[]>();
  const [withdrawals, setWithdrawals] = useState<ConsentRecord[]>();
  useEffect(() => {
    const provisions = store.provisions
      .find()
      .$.subscribe((docs) => setRecords(docs.map((doc) => doc.toJSON() as Provision)));
    // `action` is sealed at rest: the records are read whole and the withdrawals kept in memory.
    const consents = store.consents
      .find()
      .$.subscribe((docs) =>
        setWithdrawals(
          docs.map((doc) => doc.toJSON() as ConsentRecord).filter((record) => record.action === 'withdrawn'),
        ),
      );
    return () => {
      provisions.unsubscribe();
      consents.unsubscribe();
    };
  }, [store]);
  if (!records || !withdrawals) return undefined;
  return provisionsToDestroy(records, withdrawals).sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

export function useProvisionCommands() {
  const { store, device } = useSession();
  const staffId = device.session.staffId;
  return {
    recordProvision: (input: Omit<ProvisionInput, 'staffId'>) =>
      recordProvision(store, { ...input, staffId }),
    recordReceipt: (input: Omit<Parameters<typeof recordReceipt>[1], 'staffId'>) =>
      recordReceipt(store, { ...input, staffId }),
    recordDestroyNotified: (provided: Provision) => recordDestroyNotified(store, provided, staffId),
  };
}

/** The client's records as the JSON a person downloads (the ledger of one client, newest first). */
export const provisionsJson = (clientId: string, records: readonly Provision[]) =>
  JSON.stringify({ format: 'lumina-provision-ledger', version: 1, clientId, records }, null, 2);
