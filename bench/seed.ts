/**
 * Data for the sync and load benchmarks, written straight into the server's tables (far faster than pushing
 * 20,000 documents through the API). Every document is checked against the same wire schema the server's Ajv
 * applies to pushes, and staff, devices and sessions are stored the way StaffStore stores them (SHA-256 token
 * hashes), so the server cannot tell seeded data from data that came through its API.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import Ajv from 'ajv';
import {
  syncedCollections,
  wireSchemaOf,
  type Client,
  type Role,
  type SyncedCollectionName,
  type Trip,
  type TripItem,
} from '../shared/index';
import type { Database } from '../server/db/database';

const FIRST = ['Amelia', 'Lars', 'Sofia', 'Mateo', 'Chloé', 'Wei', 'Aarav', 'Olivia', 'Noah', 'Fatima'];
const LAST = [
  'Hartley',
  'Johansson',
  'Rossi',
  'García',
  'Dubois',
  'Chen',
  'Sharma',
  'Müller',
  'Smith',
  'Haddad',
];
const ZONES = ['Asia/Tokyo', 'Europe/London', 'America/New_York', 'Asia/Singapore', 'Australia/Sydney'];
const OFFSETS: Record<string, string> = {
  'Asia/Tokyo': '+09:00',
  'Europe/London': '+01:00',
  'America/New_York': '-04:00',
  'Asia/Singapore': '+08:00',
  'Australia/Sydney': '+10:00',
};
const STATUSES: Client['status'][] = ['active', 'active', 'prospect', 'archived'];
const BASE_TIME = 1_790_000_000_000;

/** A uuid-shaped id that names its kind and number, so a failure points at the document. */
export const benchId = (kind: number, n: number) =>
  `00000000-0000-4000-${(0x8000 + kind).toString(16)}-${n.toString(16).padStart(12, '0')}`;

export function benchClient(n: number, assignedStaffIds: string[]): Client {
  const first = FIRST[n % FIRST.length]!;
  const last = LAST[Math.floor(n / FIRST.length) % LAST.length]!;
  return {
    id: benchId(1, n),
    names: { latin: `${first} ${last} ${n}`, katakana: `クライアント ${n}` },
    status: STATUSES[n % STATUSES.length]!,
    assignedStaffIds,
    createdAt: BASE_TIME + n,
    updatedAt: BASE_TIME + n,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A week-long trip for client `n`: a flight in, a hotel stay, a check-up, a therapy and a transfer out. */
export function benchTrip(n: number, assignedStaffIds: string[], itemCount = 5): Trip {
  const zone = 'Asia/Tokyo';
  const home = ZONES[n % ZONES.length]!;
  const month = 1 + (n % 12);
  const day = 1 + (n % 20);
  const date = (offset: number) => `2026-${pad(month)}-${pad(day + offset)}`;
  const at = (offset: number, hour: number, tz = zone) => `${date(offset)}T${pad(hour)}:00:00${OFFSETS[tz]}`;
  const templates: Array<Omit<TripItem, 'id'>> = [
    {
      kind: 'flight',
      start: at(0, 9, home),
      end: at(1, 15),
      title: `Flight from ${home.split('/')[1]} to Haneda`,
      notes: 'Wheelchair assistance at arrival; vegetarian meal requested.',
    },
    {
      kind: 'hotel',
      start: at(1, 16),
      end: at(7, 11),
      title: 'The Okura Tokyo, Prestige room',
      location: '2-10-4 Toranomon, Minato-ku, Tokyo',
    },
    {
      kind: 'procedure',
      start: at(2, 9),
      end: at(2, 12),
      title: 'Comprehensive cardiac check-up',
      location: "St Luke's International Hospital",
      notes: 'Fasting from midnight. Echocardiogram, stress test, coronary CT. Interpreter booked.',
    },
    {
      kind: 'therapy',
      start: at(4, 14),
      end: at(4, 16),
      title: 'Onsen hydrotherapy session',
      location: 'Hakone Yumoto',
    },
    {
      kind: 'transfer',
      start: at(7, 11),
      end: at(7, 12),
      title: 'Private car to Haneda',
      notes: 'Two large suitcases.',
    },
  ];
  const items = Array.from({ length: itemCount }, (_, i) => ({
    id: benchId(3, n * 100 + i),
    ...templates[i % templates.length]!,
  }));
  return {
    id: benchId(2, n),
    clientId: benchId(1, n),
    assignedStaffIds,
    title: `Medical stay ${n}`,
    startDate: date(0),
    endDate: date(7),
    timeZone: zone,
    items,
    createdAt: BASE_TIME + n,
    updatedAt: BASE_TIME + n,
  };
}

const ajv = new Ajv({ allErrors: true, strict: true, coerceTypes: false, removeAdditional: false });
const validators = Object.fromEntries(
  Object.entries(syncedCollections).map(([name, schema]) => [name, ajv.compile(wireSchemaOf(schema))]),
) as Record<SyncedCollectionName, ReturnType<typeof ajv.compile>>;

/** Throws unless `doc` is what the server would accept in a push of `collection`. */
export function assertValid(collection: SyncedCollectionName, doc: object): void {
  const validate = validators[collection];
  if (!validate({ ...doc, _deleted: false })) {
    throw new Error(`bench ${collection} document is invalid: ${ajv.errorsText(validate.errors)}`);
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

export interface BenchDevice {
  staffId: string;
  deviceId: string;
  role: Role;
  token: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Active staff, one approved device each and a session token per device, as StaffStore would store them. */
export async function seedDevices(
  db: Database,
  roles: readonly Role[],
  now = Date.now(),
): Promise<BenchDevice[]> {
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
      name: `Bench device ${i}`,
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
