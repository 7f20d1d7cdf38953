import { useEffect, useState } from 'react';
import type { Client } from '../../../../shared/index';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import {
  provisionOrder,
  provisionsToDestroy,
  provisionProblem,
  type Provision,
  type ProvisionItem,
} from '../../../../shared/domain/provision';
import { provisionItemsProblem } from '../../../../shared/domain/provision-delivery';
import type { LocalStore } from '../../store/local-store';
import { useSession } from '../../session/session-context';

/**
 * The provision ledger's data layer (APPI Art. 29/30; shared/domain/provision.ts): the only code of the feature
 * that touches the local store. Receipts and destruction notices are written once, on the device, and synced; the
 * server refuses a change or a deletion (shared/sync/provision-push-rule.ts). The commands check the same before
 * writing, so a refusal is said at once. A `provided` record is never written here: the server writes it when the
 * delivery is registered (server/shares/share-delivery.ts, after re-checking every gate) and the device pulls it;
 * the server refuses one pushed through sync.
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

/** The feature's only write: one record, checked as the server will. */
export async function writeProvision(store: LocalStore, record: Provision): Promise<Provision> {
  if (record.kind === 'provided') throw new ProvisionRefused('provided-by-delivery-only');
  const problem = provisionProblem(record) ?? provisionItemsProblem(record);
  if (problem) throw new ProvisionRefused(problem);
  await store.provisions.insert(record);
  return record;
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
  return writeProvision(store, {
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
  return writeProvision(store, {
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
    recordReceipt: (input: Omit<Parameters<typeof recordReceipt>[1], 'staffId'>) =>
      recordReceipt(store, { ...input, staffId }),
    recordDestroyNotified: (provided: Provision) => recordDestroyNotified(store, provided, staffId),
  };
}

/** The client's records as the JSON a person downloads (the ledger of one client, newest first). */
export const provisionsJson = (clientId: string, records: readonly Provision[]) =>
  JSON.stringify({ format: 'lumina-provision-ledger', version: 1, clientId, records }, null, 2);
