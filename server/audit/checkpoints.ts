import {
  signCheckpoint,
  type AuditCheckpoint,
  type LedgerHeads,
  type LegacySeal,
} from '../../shared/crypto/audit-verify';
import { decodeBase64Url, toBase64Url } from '../../shared/crypto/encoding';
import type { Sodium } from '../../shared/crypto/index';
import type { Database, Queryable } from '../db/database';
import { chainHeads } from './chain-store';
import { ledgerHeads } from './ledgers';

type Tx = Pick<Queryable, 'query'>;

/** How often the server signs the chain heads (docs/crypto-spec.md, "Access log", checkpoints). */
export const CHECKPOINT_INTERVAL_MS = 60 * 60_000;

/**
 * The server's checkpoint key (Ed25519), made on first use and kept in the database (table audit_server_key).
 * Its public half is served (GET /audit/server-key) and shown in the console for the DPO to note down: an export
 * verified against a noted key cannot have been re-signed by someone who later took the database.
 */
export async function serverCheckpointKey(
  db: Tx,
  sodium: Sodium,
  now: number,
): Promise<{ publicKey: string; secretKey: Uint8Array }> {
  const read = async () =>
    (
      await db.query<{ public_key: string; secret_key: string }>(
        'SELECT public_key, secret_key FROM audit_server_key',
      )
    )[0];
  let row = await read();
  if (!row) {
    const pair = sodium.crypto_sign_keypair();
    await db.query(
      'INSERT INTO audit_server_key (public_key, secret_key, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [toBase64Url(pair.publicKey), toBase64Url(pair.privateKey), now],
    );
    row = (await read())!;
  }
  return { publicKey: row.public_key, secretKey: decodeBase64Url(row.secret_key)! };
}

interface CheckpointRow {
  id: number;
  at: number;
  heads: unknown;
  legacy: unknown;
  ledgers: unknown;
  signature: string;
}
const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as unknown;
const toCheckpoint = (row: CheckpointRow): AuditCheckpoint => ({
  id: Number(row.id),
  at: Number(row.at),
  heads: json(row.heads) as AuditCheckpoint['heads'],
  ...(row.legacy ? { legacy: json(row.legacy) as LegacySeal } : {}),
  ...(row.ledgers ? { ledgers: json(row.ledgers) as LedgerHeads } : {}),
  signature: row.signature,
});

/** The legacy entries' seal recorded by migration 13 (migration.ts). */
export async function legacySeal(db: Tx): Promise<LegacySeal | undefined> {
  const row = (
    await db.query<{ count: number; digest: string }>('SELECT count, digest FROM audit_legacy_seal')
  )[0];
  return row ? { count: Number(row.count), digest: row.digest } : undefined;
}

export async function listCheckpoints(db: Tx): Promise<AuditCheckpoint[]> {
  const rows = await db.query<CheckpointRow>(
    'SELECT id, at, heads, legacy, ledgers, signature FROM audit_checkpoints ORDER BY id',
  );
  return rows.map(toCheckpoint);
}

/**
 * Signs every device's chain head now, unless nothing moved since the last checkpoint (then answers that one).
 * Answers undefined while no device has pushed a chained entry (unless `evenEmpty`: an export's end).
 */
export async function makeCheckpoint(
  db: Database,
  sodium: Sodium,
  now: number,
  options: { evenEmpty?: boolean } = {},
): Promise<AuditCheckpoint | undefined> {
  return db.transaction(async (tx) => {
    const { secretKey } = await serverCheckpointKey(tx, sodium, now);
    const heads = await chainHeads(tx);
    if (heads.length === 0 && !options.evenEmpty) return undefined;
    const legacy = await legacySeal(tx);
    const ledgers = await ledgerHeads(tx);
    const last = (
      await tx.query<CheckpointRow>(
        'SELECT id, at, heads, legacy, ledgers, signature FROM audit_checkpoints ORDER BY id DESC LIMIT 1',
      )
    )[0];
    const key = (c: Pick<AuditCheckpoint, 'heads' | 'legacy' | 'ledgers'>) =>
      JSON.stringify([
        [...c.heads].map((h) => `${h.deviceId}:${h.seq}:${h.hash}`).sort(),
        c.legacy ? `${c.legacy.count}:${c.legacy.digest}` : '',
        c.ledgers ? [c.ledgers.staffEvents, c.ledgers.incidentRevisions] : '',
      ]);
    if (last && key(toCheckpoint(last)) === key({ heads, legacy, ledgers })) return toCheckpoint(last);
    const id = Number(
      (
        await tx.query<{ id: number }>(
          `SELECT nextval(pg_get_serial_sequence('audit_checkpoints', 'id')) AS id`,
        )
      )[0]!.id,
    );
    const checkpoint = signCheckpoint(
      sodium,
      { id, at: now, heads, ...(legacy ? { legacy } : {}), ledgers },
      secretKey,
    );
    sodium.memzero(secretKey);
    await tx.query(
      'INSERT INTO audit_checkpoints (id, at, heads, legacy, ledgers, signature) VALUES ($1, $2, $3, $4, $5, $6)',
      [
        id,
        now,
        JSON.stringify(checkpoint.heads),
        legacy ? JSON.stringify(legacy) : null,
        JSON.stringify(ledgers),
        checkpoint.signature,
      ],
    );
    return checkpoint;
  });
}
