import { PULL_REMAINING_MAX, type SyncedCollectionName, type WireDocument } from '../../shared/index';
import type { Queryable } from '../db/database';

/**
 * The one module that holds SQL on `sync_documents`, the server's copy of every synced document and its log of
 * changes: the change store, the push rules' look-ups, legal holds, share requests and the client export all read
 * and write it through the functions here. The push rules' look-ups of devices and staff are here too.
 */

type Tx = Pick<Queryable, 'query'>;
type AnyDoc = Record<string, unknown> & { id: string };

/** A document as stored: its content, whether it is deleted, and who was assigned to it and no longer is. */
export interface StoredDocument {
  id: string;
  deleted: boolean;
  data: Record<string, unknown>;
  former_assignees: string[];
}

/** A stored document with its place in the log of changes. */
export interface LoggedDocument extends StoredDocument {
  seq: string | number;
}

/** A stored document as devices see it. */
export function toWire(row: Pick<StoredDocument, 'id' | 'deleted' | 'data'>): WireDocument<AnyDoc> {
  return { ...(row.data as AnyDoc), id: row.id, _deleted: row.deleted };
}

/**
 * A document within an assigned scope: assigned to the staff member now, or until a change took them off it.
 * Served by the GIN indexes of migration 4; change-store.test.ts holds the two to each other.
 */
const IN_REACH = `AND (data->'assignedStaffIds' ? $4 OR former_assignees ? $4)`;

/**
 * The live documents of one collection ($1) that belong to the clients named in $2 (a JSON array of ids).
 * Served by the (collection, data->>'clientId') index of migration 5; client-assignees.test.ts checks the plan.
 */
export const CLIENT_DOCUMENTS_QUERY = `SELECT id, deleted, data, former_assignees FROM sync_documents
   WHERE collection = $1 AND data->>'clientId' = ANY (ARRAY(SELECT jsonb_array_elements_text($2::jsonb))) AND NOT deleted
   ORDER BY id`;

/** One page of changes after $2 (limit $3); scoped to the staff member $4 when `scoped`. */
export function pullQuery(scoped: boolean): string {
  return `SELECT id, seq, deleted, data, former_assignees FROM sync_documents
           WHERE collection = $1 AND seq > $2 ${scoped ? IN_REACH : ''}
           ORDER BY seq LIMIT $3`;
}

/** The changes of a collection after `afterSeq`, in order, at most `limit`; within reach of `assignedTo` if set. */
export async function changesAfter(
  db: Tx,
  collection: SyncedCollectionName,
  afterSeq: number,
  limit: number,
  assignedTo?: string,
): Promise<LoggedDocument[]> {
  const scoped = assignedTo !== undefined;
  return db.query<LoggedDocument>(
    pullQuery(scoped),
    scoped ? [collection, afterSeq, limit, assignedTo] : [collection, afterSeq, limit],
  );
}

/** How many changes follow `afterSeq` (within reach of `assignedTo` if set), counted up to PULL_REMAINING_MAX. */
export async function countChangesAfter(
  db: Tx,
  collection: SyncedCollectionName,
  afterSeq: number,
  assignedTo?: string,
): Promise<number> {
  const scoped = assignedTo !== undefined;
  const [row] = await db.query<{ n: number | string }>(
    `SELECT count(*)::int AS n FROM (
       SELECT 1 FROM sync_documents WHERE collection = $1 AND seq > $2 ${scoped ? IN_REACH : ''}
        ORDER BY seq LIMIT $3
     ) AS later`,
    scoped
      ? [collection, afterSeq, PULL_REMAINING_MAX, assignedTo]
      : [collection, afterSeq, PULL_REMAINING_MAX],
  );
  return Number(row?.n ?? 0);
}

/** The stored documents of a collection with these ids, deleted or not; ids the server never had are missing. */
export async function storedDocuments(
  tx: Tx,
  collection: SyncedCollectionName,
  ids: readonly string[],
): Promise<StoredDocument[]> {
  return tx.query<StoredDocument>(
    `SELECT id, deleted, data, former_assignees FROM sync_documents
      WHERE collection = $1 AND id IN (SELECT jsonb_array_elements_text($2::jsonb))`,
    [collection, JSON.stringify(ids)],
  );
}

/** The live (not deleted) documents of a collection that belong to any of these clients, by id. */
export async function liveDocumentsOfClients(
  tx: Tx,
  collection: SyncedCollectionName,
  clientIds: readonly string[],
): Promise<StoredDocument[]> {
  return tx.query<StoredDocument>(CLIENT_DOCUMENTS_QUERY, [collection, JSON.stringify(clientIds)]);
}

/** The server's current document of a collection, deleted or not, as devices see it; undefined if it never existed. */
export async function documentById(
  tx: Tx,
  collection: SyncedCollectionName,
  id: string,
): Promise<WireDocument<AnyDoc> | undefined> {
  const [row] = await tx.query<{ id: string; deleted: boolean; data: Record<string, unknown> }>(
    'SELECT id, deleted, data FROM sync_documents WHERE collection = $1 AND id = $2',
    [collection, id],
  );
  return row && toWire(row);
}

/**
 * A client as the push rules scope its documents by: the server's client document (deleted or not) and who was
 * assigned to it and no longer is; undefined when the server never had the client.
 */
export async function clientOfDocuments(
  tx: Tx,
  clientId: string,
): Promise<{ client: WireDocument<AnyDoc>; formerAssignees: string[] } | undefined> {
  const [row] = await tx.query<StoredDocument>(
    `SELECT id, deleted, data, former_assignees FROM sync_documents WHERE collection = 'clients' AND id = $1`,
    [clientId],
  );
  return row && { client: toWire(row), formerAssignees: row.former_assignees ?? [] };
}

/** `clientOfDocuments` for many clients at once, one statement: the ids the server never had are missing. */
export async function clientsOfDocuments(
  tx: Tx,
  clientIds: readonly string[],
): Promise<Map<string, { client: WireDocument<AnyDoc>; formerAssignees: string[] }>> {
  const rows = clientIds.length === 0 ? [] : await storedDocuments(tx, 'clients', clientIds);
  return new Map(
    rows.map((row) => [row.id, { client: toWire(row), formerAssignees: row.former_assignees ?? [] }]),
  );
}

/** The live documents of a collection that name the client (`clientId`), as devices see them. */
export async function liveDocumentsOfClient(
  tx: Tx,
  collection: SyncedCollectionName,
  clientId: string,
): Promise<WireDocument<AnyDoc>[]> {
  const rows = await tx.query<{ id: string; deleted: boolean; data: Record<string, unknown> }>(
    `SELECT id, deleted, data FROM sync_documents
      WHERE collection = $1 AND NOT deleted AND data->>'clientId' = $2`,
    [collection, clientId],
  );
  return rows.map(toWire);
}

/**
 * Every document the server holds about a client, deleted ones included: the client document and every document
 * of another collection that names it (`clientId`), by collection and id.
 */
export async function documentsAboutClient(
  db: Tx,
  clientId: string,
): Promise<Array<{ collection: string; id: string; deleted: boolean; data: Record<string, unknown> }>> {
  return db.query(
    `SELECT collection, id, deleted, data FROM sync_documents
      WHERE (collection = 'clients' AND id = $1) OR data->>'clientId' = $1
      ORDER BY collection, id`,
    [clientId],
  );
}

/**
 * Writes the documents as new changes, in order, each with the next seq; returns the last seq taken (0 when there
 * was nothing). The caller holds the write lock that makes seq order commit order (ChangeStore).
 */
export async function writeDocuments(
  tx: Tx,
  collection: SyncedCollectionName,
  docs: readonly StoredDocument[],
): Promise<number> {
  if (docs.length === 0) return 0;
  const written = await tx.query<{ seq: string | number }>(
    `INSERT INTO sync_documents (collection, id, seq, deleted, data, former_assignees)
     SELECT $1, w.doc->>'id', nextval('sync_seq'), (w.doc->>'deleted')::boolean, w.doc->'data',
            w.doc->'former_assignees'
       FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS w(doc, n)
      ORDER BY w.n
     ON CONFLICT (collection, id) DO UPDATE
       SET seq = EXCLUDED.seq, deleted = EXCLUDED.deleted, data = EXCLUDED.data,
           former_assignees = EXCLUDED.former_assignees, server_updated_at = now()
     RETURNING seq`,
    [collection, JSON.stringify(docs)],
  );
  return Math.max(...written.map((row) => Number(row.seq)));
}

/** Every live privacy-notice version (the `orgSettings` documents of that kind), as stored. */
export async function liveNotices(tx: Tx): Promise<Record<string, unknown>[]> {
  const rows = await tx.query<{ data: Record<string, unknown> }>(
    `SELECT data FROM sync_documents
      WHERE collection = 'orgSettings' AND NOT deleted AND data->>'kind' = 'privacy-notice' ORDER BY id`,
  );
  return rows.map((row) => row.data);
}

/** The live consent records of one purpose, of every client, as stored (the marketing audience's fold). */
export async function liveConsentsOfPurpose(tx: Tx, purpose: string): Promise<Record<string, unknown>[]> {
  const rows = await tx.query<{ data: Record<string, unknown> }>(
    `SELECT data FROM sync_documents
      WHERE collection = 'consents' AND NOT deleted AND data->>'purpose' = $1 ORDER BY id`,
    [purpose],
  );
  return rows.map((row) => row.data);
}

/** A device's Ed25519 public key (base64url) as enrolled; undefined for a device the server does not know. */
export async function deviceSignPublicKey(tx: Tx, deviceId: string): Promise<string | undefined> {
  const [row] = await tx.query<{ sign_public_key: string }>(
    'SELECT sign_public_key FROM devices WHERE id = $1',
    [deviceId],
  );
  return row?.sign_public_key;
}

/** Whether a staff member exists and is active. */
export async function isActiveStaff(tx: Tx, staffId: string): Promise<boolean> {
  const [row] = await tx.query<{ status: string }>('SELECT status FROM staff WHERE id = $1', [staffId]);
  return row?.status === 'active';
}

/** Every stored document of a collection, deleted ones included, by id (a data migration reads them all). */
export async function allDocuments(tx: Tx, collection: SyncedCollectionName): Promise<StoredDocument[]> {
  return tx.query<StoredDocument>(
    'SELECT id, deleted, data, former_assignees FROM sync_documents WHERE collection = $1 ORDER BY id',
    [collection],
  );
}

/**
 * The clients a device could open or did open (the breach register's "everything device X could open"): clients
 * with a key wrap to the device (live or revoked since: a stolen device keeps what it had), and clients named by
 * the device's access-log entries.
 */
export async function clientsReachableByDevice(tx: Tx, deviceId: string): Promise<string[]> {
  const rows = await tx.query<{ client_id: string }>(
    `SELECT DISTINCT data->>'clientId' AS client_id FROM sync_documents
      WHERE ((collection = 'keyWraps' AND data->>'recipientId' = $1)
         OR (collection = 'auditEvents' AND data->>'deviceId' = $1))
        AND data->>'clientId' IS NOT NULL AND data->>'clientId' <> '00000000-0000-0000-0000-000000000000'
      ORDER BY 1`,
    [deviceId],
  );
  return rows.map((row) => row.client_id);
}

/**
 * Every document the server holds about a client, deleted ones included, in the collections an erasure
 * tombstones or reduces (docs/erasure.md): the client document and every document naming it, except access-log
 * entries (kept: ids and field names only, chained and signed). Provision records are among them: kept at least 3
 * years, APPI Art. 29 and 30, reduced to what the law asks (`ERASURE_REDUCERS`).
 */
export async function documentsToErase(
  tx: Tx,
  clientId: string,
): Promise<Array<StoredDocument & { collection: SyncedCollectionName }>> {
  return tx.query(
    `SELECT collection, id, deleted, data, former_assignees FROM sync_documents
      WHERE ((collection = 'clients' AND id = $1) OR (collection <> 'auditEvents' AND data->>'clientId' = $1))
      ORDER BY collection, id`,
    [clientId],
  );
}

/**
 * The key ids of each of these clients whose wraps an erasure replaced by stubs, in one statement: a stub keeps the
 * wrap's id (client, key id, recipient) and nothing else (its `keyId` is '-'). Only clients with an executed
 * erasure are looked for among the stubs.
 */
export async function shreddedKeyIdsOf(
  tx: Tx,
  clientIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const rows = await tx.query<{ client_id: string; key_id: string }>(
    `SELECT DISTINCT e.client_id, split_part(d.id, '.', 2) AS key_id
       FROM (SELECT DISTINCT client_id::text AS client_id FROM erasures
              WHERE client_id::text IN (SELECT jsonb_array_elements_text($1::jsonb)) AND status = 'executed') e
       JOIN sync_documents d ON d.collection = 'keyWraps' AND d.deleted AND d.data->>'keyId' = '-'
                            AND left(d.id, 37) = e.client_id || '.'`,
    [JSON.stringify(clientIds)],
  );
  const found = new Map(clientIds.map((id) => [id, new Set<string>()]));
  for (const row of rows) found.get(row.client_id)?.add(row.key_id);
  return found;
}
