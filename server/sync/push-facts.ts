import type { ConsentRecord } from '../../shared/domain/consent';
import { asReceived } from '../../shared/domain/consent-receipt';
import type { PrivacyNotice } from '../../shared/domain/privacy-notice';
import type { SyncedCollectionName } from '../../shared/index';
import { collectionRegistry } from '../../shared/sync/registry';
import type { Queryable } from '../db/database';
import { consentReceiptsOf, withPending } from '../consents/consent-receipts';
import { heldClients, isClientHeld } from '../retention/legal-hold-store';
import { erasuresOfClient } from '../requests/request-facts';
import { providedOfShare, shareRequestById } from '../shares/share-request-store';
import {
  clientOfDocuments,
  clientsOfDocuments,
  deviceSignPublicKey,
  documentById,
  isActiveStaff,
  liveDocumentsOfClient,
  liveDocumentsOfClients,
  liveNotices,
  shreddedKeyIdsOf,
  toWire,
} from './documents';
import type { AnyDocument, PushFacts } from './push-rules';

type Tx = Pick<Queryable, 'query'>;

/** The clients a document names: a client itself, or the `clientId` of a document of a client. */
export function clientNamedBy(collection: SyncedCollectionName, doc: Record<string, unknown>): unknown {
  return collectionRegistry[collection].assignees === 'own' ? doc.id : doc.clientId;
}

/**
 * One kind of look-up for one push: the first time a client the push names is asked for, every client it names is
 * read in one statement; a client it does not name (no rule asks for one today) is read alone. Each answer is kept
 * for the rest of the push.
 */
function batched<T>(
  named: ReadonlySet<string>,
  readAll: (ids: string[]) => Promise<Map<string, T>>,
  readOne: (id: string) => Promise<T>,
  absent: T,
): (id: string) => Promise<T> {
  let all: Promise<Map<string, T>> | undefined;
  const others = new Map<string, Promise<T>>();
  return (id) => {
    if (!named.has(id)) {
      const known = others.get(id) ?? readOne(id);
      others.set(id, known);
      return known;
    }
    all ??= readAll([...named]);
    return all.then((found) => found.get(id) ?? absent);
  };
}

/**
 * The push rules' look-ups (shared/sync/push-rules.ts) for one push, read in its transaction. The change store
 * writes a push's rows only after every row has been authorised, so whenever a look-up is first made, it reads the
 * state before the push, as the rules expect; keeping answers for the whole push changes nothing. A push of 500
 * rows naming 500 clients then costs one statement per kind of look-up, not one per row, under the write lock.
 */
export function pushFactsOf(tx: Tx, clientIds: Iterable<string>): PushFacts {
  const named = new Set(clientIds);
  const client = batched(
    named,
    (ids) => clientsOfDocuments(tx, ids),
    (id) => clientOfDocuments(tx, id),
    undefined,
  );
  const held = batched(
    named,
    async (ids) => {
      const holds = await heldClients(tx, ids);
      return new Map(ids.map((id) => [id, holds.has(id)]));
    },
    (id) => isClientHeld(tx, id),
    false,
  );
  // Whole-client erasures carried out (issue 17): an erased client is never written again.
  const erasedOf = async (ids: string[]) => {
    const rows = await tx.query<{ client_id: string }>(
      `SELECT DISTINCT client_id::text AS client_id FROM erasures
        WHERE client_id::text IN (SELECT jsonb_array_elements_text($1::jsonb))
          AND status = 'executed' AND scope = 'client'`,
      [JSON.stringify(ids)],
    );
    const found = new Set(rows.map((row) => row.client_id));
    return new Map(ids.map((id) => [id, found.has(id)]));
  };
  const erased = batched(named, erasedOf, async (id) => (await erasedOf([id])).get(id) ?? false, false);
  // Keys an erasure shredded (issue 17): never named or sealed under again.
  const shredded = batched<ReadonlySet<string>>(
    named,
    (ids) => shreddedKeyIdsOf(tx, ids),
    async (id) => (await shreddedKeyIdsOf(tx, [id])).get(id) ?? new Set(),
    new Set(),
  );
  const keyWraps = batched<AnyDocument[]>(
    named,
    async (ids) => {
      const byClient = new Map<string, AnyDocument[]>();
      for (const row of await liveDocumentsOfClients(tx, 'keyWraps', ids)) {
        const id = String(row.data.clientId);
        const wraps = byClient.get(id) ?? [];
        wraps.push(toWire(row));
        byClient.set(id, wraps);
      }
      return byClient;
    },
    (id) => liveDocumentsOfClient(tx, 'keyWraps', id),
    [],
  );
  return {
    document: (collection, id) => documentById(tx, collection, id),
    keyWrapsOfClient: keyWraps,
    client,
    clientHeld: held,
    exportedForRequest: async (requestId, staffId, deviceId) =>
      (
        await tx.query(
          `SELECT 1 FROM staff_events WHERE kind = 'client-data-exported' AND detail->>'requestId' = $1
              AND actor = $2 AND device_id = $3 LIMIT 1`,
          [requestId, staffId, deviceId],
        )
      ).length > 0,
    clientErased: erased,
    shreddedKeyIds: shredded,
    medicalKeyIdsOfClient: async (clientId) =>
      (await liveDocumentsOfClient(tx, 'medical', clientId)).map((section) => String(section.keyId)),
    deviceApproved: async (deviceId) =>
      (
        await tx.query(
          `SELECT 1 FROM devices d JOIN staff s ON s.id = d.staff_id
            WHERE d.id = $1 AND d.status = 'active' AND s.status = 'active'`,
          [deviceId],
        )
      ).length > 0,
    shareRequest: (id) => shareRequestById(tx, id),
    erasuresOfClient: (clientId) => erasuresOfClient(tx, clientId),
    providedOfShare: (clientId, shareId) => providedOfShare(tx, clientId, shareId),
    ...ledgerFacts(tx, Date.now, []),
  };
}

const stored = <T>(doc: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(doc).filter(([key]) => key !== '_deleted')) as T;

/** The consent ledger's look-ups: the client's records (with `accepted`), the notices, device keys, staff, clock. */
function ledgerFacts(
  tx: Tx,
  clock: () => number,
  accepted: readonly ConsentRecord[],
): Pick<
  PushFacts,
  'consentsOfClient' | 'consentsAsReceived' | 'notices' | 'deviceSignKey' | 'staffActive' | 'now'
> {
  const consentsOfClient = async (clientId: string) => [
    ...(await liveDocumentsOfClient(tx, 'consents', clientId)).map((doc) => stored<ConsentRecord>(doc)),
    ...accepted.filter((record) => record.clientId === clientId),
  ];
  return {
    consentsOfClient,
    // Issue 14 (back-dating): the records of this push accepted so far are received now.
    consentsAsReceived: async (clientId) => {
      const records = await consentsOfClient(clientId);
      const held = await consentReceiptsOf(
        tx,
        records.map((record) => record.id),
      );
      return asReceived(records, withPending(held, accepted, clock()));
    },
    notices: async () => (await liveNotices(tx)).map((doc) => doc as unknown as PrivacyNotice),
    deviceSignKey: (deviceId) => deviceSignPublicKey(tx, deviceId),
    staffActive: (staffId) => isActiveStaff(tx, staffId),
    now: clock,
  };
}

/**
 * The push's facts with the consent ledger's, on the server's clock. `accepted`: the consent records of this push
 * accepted so far (written only when the push ends), so a later row of the same push meets them: a consent and its
 * withdrawal recorded offline arrive together, and two withdrawals of one consent in one push are one too many.
 */
export function withLedgerFacts(
  base: PushFacts,
  tx: Tx,
  clock: () => number,
  accepted: readonly ConsentRecord[],
): PushFacts {
  return {
    ...base,
    document: async (collection, id) => {
      const earlier = collection === 'consents' ? accepted.find((record) => record.id === id) : undefined;
      return earlier ? { ...earlier, _deleted: false } : base.document(collection, id);
    },
    ...ledgerFacts(tx, clock, accepted),
  };
}
