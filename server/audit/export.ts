import { Readable } from 'node:stream';
import {
  AUDIT_NDJSON_FORMAT,
  type AuditExportEnd,
  type AuditNdjsonHeader,
} from '../../shared/crypto/audit-verify';
import type { Sodium } from '../../shared/crypto/index';
import type { AuditDeviceKey } from '../../shared/domain/audit-api';
import type { Database } from '../db/database';
import { listCheckpoints, makeCheckpoint, retiredServerKeys } from './checkpoints';
import type { CheckpointSigner } from './signer';

/** Entries read per query while streaming an export. */
const PAGE = 2000;

const json = (value: unknown) =>
  (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;

/** Every device the server has known, with its signing key. */
export async function deviceKeys(db: Database): Promise<AuditDeviceKey[]> {
  const rows = await db.query<{ id: string; staff_id: string; sign_public_key: string; status: string }>(
    'SELECT id, staff_id, sign_public_key, status FROM devices ORDER BY created_at, id',
  );
  return rows.map((row) => ({
    deviceId: row.id,
    staffId: row.staff_id,
    signPublicKey: row.sign_public_key,
    status: row.status,
  }));
}

/** The export's signed end, cut now: a checkpoint of every head (made even over no chain) and the count. */
export async function exportEnd(
  db: Database,
  sodium: Sodium,
  signer: CheckpointSigner,
  now: number,
): Promise<AuditExportEnd> {
  const checkpoint = (await makeCheckpoint(db, sodium, signer, now, { evenEmpty: true }))!;
  const legacy = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM sync_documents WHERE collection = 'auditEvents' AND data->>'legacy' = 'true'`,
  );
  // Counted, not summed from the heads' seqs: a resumed chain skips the seqs the server never accepted.
  const chained = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM audit_chain c
       JOIN jsonb_to_recordset($1::jsonb) AS h(device_id uuid, seq integer)
         ON c.device_id = h.device_id AND c.seq <= h.seq`,
    [JSON.stringify(checkpoint.heads.map((head) => ({ device_id: head.deviceId, seq: head.seq })))],
  );
  return { entries: Number(legacy[0]?.n ?? 0) + Number(chained[0]?.n ?? 0), checkpoint };
}

/**
 * The whole access log as NDJSON (docs/crypto-spec.md, "Export and verifier"): the header, the legacy entries,
 * each device's entries in seq order up to the end's heads (entries pushed while streaming are left for the next
 * export), then the signed end. Read a page at a time: a million entries never make one string.
 */
export async function* auditExportLines(
  db: Database,
  sodium: Sodium,
  signer: CheckpointSigner,
  now: number,
): AsyncGenerator<string> {
  const end = await exportEnd(db, sodium, signer, now);
  const header: AuditNdjsonHeader = {
    format: AUDIT_NDJSON_FORMAT,
    exportedAt: now,
    devices: (await deviceKeys(db)).map(({ deviceId, signPublicKey }) => ({ deviceId, signPublicKey })),
    checkpoints: (await listCheckpoints(db)).filter((c) => c.id !== end.checkpoint.id),
    serverPublicKey: signer.publicKey,
    retiredServerKeys: await retiredServerKeys(db, signer),
  };
  yield `${JSON.stringify(header)}\n`;
  const legacy = await db.query<{ data: unknown }>(
    `SELECT data FROM sync_documents WHERE collection = 'auditEvents' AND data->>'legacy' = 'true' ORDER BY id`,
  );
  for (const row of legacy) yield `${JSON.stringify(json(row.data))}\n`;
  const headSeq = new Map(end.checkpoint.heads.map((head) => [head.deviceId, head.seq]));
  let after: { deviceId: string; seq: number } = { deviceId: '00000000-0000-0000-0000-000000000000', seq: 0 };
  for (;;) {
    const rows = await db.query<{ device_id: string; seq: number; data: unknown }>(
      `SELECT c.device_id, c.seq, d.data FROM audit_chain c
         JOIN sync_documents d ON d.collection = 'auditEvents' AND d.id = c.entry_id::text
       WHERE (c.device_id, c.seq) > ($1::uuid, $2) ORDER BY c.device_id, c.seq LIMIT $3`,
      [after.deviceId, after.seq, PAGE],
    );
    if (rows.length === 0) break;
    let text = '';
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq <= (headSeq.get(row.device_id) ?? 0)) text += `${JSON.stringify(json(row.data))}\n`;
    }
    if (text) yield text;
    const last = rows[rows.length - 1]!;
    after = { deviceId: last.device_id, seq: Number(last.seq) };
  }
  yield `${JSON.stringify({ end })}\n`;
}

/** The export as a stream for a reply. */
export const auditExportStream = (db: Database, sodium: Sodium, signer: CheckpointSigner, now: number) =>
  Readable.from(auditExportLines(db, sodium, signer, now));
