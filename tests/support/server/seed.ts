/**
 * Data written straight into the server's tables (far faster than pushing thousands of documents through the
 * API), for tests with large data sets and for the benchmarks. Every document is checked against the same wire
 * schema the server's Ajv applies to pushes, and staff, devices and sessions are stored the way the server
 * stores them (SHA-256 token hashes), so the server cannot tell seeded data from data that came through its API.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import Ajv from 'ajv';
import { syncedCollections, wireSchemaOf, type Role, type SyncedCollectionName } from '../../../shared/index';
import type { Database } from '../../../server/db/database';

const ajv = new Ajv({ allErrors: true, strict: true, coerceTypes: false, removeAdditional: false });
const validators = Object.fromEntries(
  Object.entries(syncedCollections).map(([name, schema]) => [name, ajv.compile(wireSchemaOf(schema))]),
) as Record<SyncedCollectionName, ReturnType<typeof ajv.compile>>;

/** Throws unless `doc` is what the server would accept in a push of `collection`. */
export function assertValid(collection: SyncedCollectionName, doc: object): void {
  const validate = validators[collection];
  if (!validate({ ...doc, _deleted: false })) {
    throw new Error(`seeded ${collection} document is invalid: ${ajv.errorsText(validate.errors)}`);
  }
}

/** Inserts documents as live changes at the end of the server's log, in order, a thousand per statement. */
export async function seedDocuments(
  db: Database,
  collection: SyncedCollectionName,
  docs: ReadonlyArray<{ id: string }>,
): Promise<void> {
  for (const doc of docs) assertValid(collection, doc);
  for (let i = 0; i < docs.length; i += 1000) {
    await db.query(
      `INSERT INTO sync_documents (collection, id, seq, deleted, data)
       SELECT $1, d.value->>'id', nextval('sync_seq'), false, d.value
         FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS d(value, n)
        ORDER BY d.n`,
      [collection, JSON.stringify(docs.slice(i, i + 1000))],
    );
  }
}

export interface SeededDevice {
  staffId: string;
  deviceId: string;
  role: Role;
  token: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Active staff, one approved device each and a session token per device, as server/auth/sessions.ts would store them. */
export async function seedDevices(
  db: Database,
  roles: readonly Role[],
  now = Date.now(),
): Promise<SeededDevice[]> {
  const devices = roles.map((role) => ({
    staffId: randomUUID(),
    deviceId: randomUUID(),
    role,
    token: randomBytes(32).toString('base64url'),
  }));
  const rows = JSON.stringify(
    devices.map((d, i) => ({
      ...d,
      tokenHash: sha256(d.token),
      name: `Seeded device ${i}`,
      key: randomBytes(32).toString('base64url'),
      signKey: randomBytes(32).toString('base64url'),
    })),
  );
  const each = `FROM jsonb_to_recordset($1::jsonb) AS r("staffId" uuid, "deviceId" uuid, role text, "tokenHash" text,
                 name text, key text, "signKey" text)`;
  await db.query(
    `INSERT INTO staff (id, display_name, role, status, created_at)
     SELECT r."staffId", r.name, r.role, 'active', $2 ${each}`,
    [rows, now],
  );
  await db.query(
    `INSERT INTO devices (id, staff_id, name, box_public_key, sign_public_key, fingerprint, status, created_at)
     SELECT r."deviceId", r."staffId", r.name, r.key, r."signKey", left(r."signKey", 16), 'active', $2 ${each}`,
    [rows, now],
  );
  await db.query(
    `INSERT INTO sessions (token_hash, device_id, staff_id, expires_at)
     SELECT r."tokenHash", r."deviceId", r."staffId", $2 ${each}`,
    // Longer than a real session (15 minutes): a slow machine must not see tokens expire mid-run.
    [rows, now + 3 * 3_600_000],
  );
  return devices;
}

/** The highest seq in the server's log: the checkpoint of a device that has seen everything. */
export async function headSeq(db: Database): Promise<number> {
  const [row] = await db.query<{ seq: string | number | null }>('SELECT max(seq) AS seq FROM sync_documents');
  return Number(row?.seq ?? 0);
}
