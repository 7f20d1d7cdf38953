import {
  checkpointLink,
  signCheckpoint,
  verifyCheckpoint,
  type AuditCheckpoint,
  type CheckpointLink,
  type LedgerHeads,
  type LegacySeal,
} from '../../shared/crypto/audit-verify';
import { decodeBase64Url } from '../../shared/crypto/encoding';
import type { Sodium } from '../../shared/crypto/index';
import type { Database, Queryable } from '../db/database';
import { chainHeads } from './chain-store';
import { ledgerHeads } from './ledgers';
import type { CheckpointSigner } from './signer';

type Tx = Pick<Queryable, 'query'>;

/** How often the server signs the chain heads (docs/crypto-spec.md, "Access log", checkpoints). */
export const CHECKPOINT_INTERVAL_MS = 60 * 60_000;

/**
 * The public halves of the keys no longer in use: those that signed checkpoints before migration 21, when the key
 * sat in the database (table audit_server_key; the migration erased its secret half), which verify the unlinked
 * checkpoints only; and the keys the signer rotated out, each verifying the linked checkpoints up to its handover.
 */
export async function retiredServerKeys(
  db: Tx,
  signer?: Pick<CheckpointSigner, 'retired'>,
): Promise<string[]> {
  const rows = await db.query<{ public_key: string }>('SELECT public_key FROM ONLY public.audit_server_key');
  return [...rows.map((row) => row.public_key), ...(signer?.retired() ?? [])];
}

interface CheckpointRow {
  id: number;
  at: number;
  heads: unknown;
  legacy: unknown;
  ledgers: unknown;
  link: unknown;
  signature: string;
}
const COLUMNS = 'id, at, heads, legacy, ledgers, link, signature';
const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as unknown;
const toCheckpoint = (row: CheckpointRow): AuditCheckpoint => ({
  id: Number(row.id),
  at: Number(row.at),
  heads: json(row.heads) as AuditCheckpoint['heads'],
  ...(row.legacy ? { legacy: json(row.legacy) as LegacySeal } : {}),
  ...(row.ledgers ? { ledgers: json(row.ledgers) as LedgerHeads } : {}),
  // Linked checkpoints (migration 21) store { prev } (prev null for the first), a handover { prev, nextKey };
  // earlier ones SQL NULL.
  ...(row.link ? { prev: (json(row.link) as { prev: CheckpointLink | null }).prev } : {}),
  ...((json(row.link) as { nextKey?: string } | null)?.nextKey
    ? { nextKey: (json(row.link) as { nextKey: string }).nextKey }
    : {}),
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
    `SELECT ${COLUMNS} FROM ONLY public.audit_checkpoints ORDER BY id`,
  );
  return rows.map(toCheckpoint);
}

/**
 * What the next checkpoint names: the last one the signer remembers (kept outside the database), so that a
 * database whose last checkpoints were deleted gets the next one numbered past them, a gap the verifier reports.
 * The database's last is taken when the signer remembers none yet (first start with this key directory), or
 * when it is a later linked one this key signed (another server instance made it).
 */
function nextPrev(sodium: Sodium, signer: CheckpointSigner, last: AuditCheckpoint | undefined) {
  const kept = signer.head();
  const lastLink = last && checkpointLink(sodium, last);
  if (!kept) return lastLink ?? null;
  const ours = (c: AuditCheckpoint) =>
    c.prev !== undefined && verifyCheckpoint(sodium, c, decodeBase64Url(signer.publicKey)!);
  if (last && lastLink && last.id > kept.id && ours(last)) return lastLink;
  return kept;
}

/**
 * Signs every device's chain head now, unless nothing moved since the last checkpoint (then answers that one).
 * Answers undefined while no device has pushed a chained entry (unless `evenEmpty`: an export's end). With
 * `rotate`, the checkpoint is the handover of a key rotation (docs/audit.md): signed by the current key, it names
 * the next one (`nextKey`, kept by the signer first), which signs every checkpoint after it.
 */
export async function makeCheckpoint(
  db: Database,
  sodium: Sodium,
  signer: CheckpointSigner,
  now: number,
  options: { evenEmpty?: boolean; rotate?: boolean } = {},
): Promise<AuditCheckpoint | undefined> {
  let nextKey: string | undefined;
  const made = await db.transaction(async (tx) => {
    // One checkpoint at a time, across server instances: each is numbered one past the one before.
    await tx.query('LOCK TABLE audit_checkpoints IN EXCLUSIVE MODE');
    signer.refresh();
    const heads = await chainHeads(tx);
    if (heads.length === 0 && !options.evenEmpty && !options.rotate) return undefined;
    const legacy = await legacySeal(tx);
    const ledgers = await ledgerHeads(tx);
    const lastRow = (
      await tx.query<CheckpointRow>(`SELECT ${COLUMNS} FROM audit_checkpoints ORDER BY id DESC LIMIT 1`)
    )[0];
    const last = lastRow && toCheckpoint(lastRow);
    // A handover committed, the server stopped before its signer took the next key: it takes it now.
    if (
      last?.nextKey &&
      last.nextKey !== signer.publicKey &&
      verifyCheckpoint(sodium, last, decodeBase64Url(signer.publicKey)!)
    )
      signer.rotated(last.nextKey);
    // Named under the lock, after any handover above was taken: two rotations at once hand over old→N, then N→M,
    // never N→N (a handover signed by the key it names).
    nextKey = options.rotate ? signer.nextKey() : undefined;
    const prev = nextPrev(sodium, signer, last);
    const key = (c: Pick<AuditCheckpoint, 'heads' | 'legacy' | 'ledgers'>) =>
      JSON.stringify([
        [...c.heads].map((h) => `${h.deviceId}:${h.seq}:${h.hash}:${h.key ?? ''}`).sort(),
        c.legacy ? `${c.legacy.count}:${c.legacy.digest}` : '',
        c.ledgers
          ? [c.ledgers.staffEvents, c.ledgers.incidentRevisions, c.ledgers.incidentNotifications ?? null]
          : '',
      ]);
    const lastIsPrev =
      !!last && !!prev && prev.id === last.id && prev.digest === checkpointLink(sodium, last).digest;
    if (
      !nextKey &&
      !last?.nextKey &&
      last &&
      lastIsPrev &&
      last.prev !== undefined &&
      key(last) === key({ heads, legacy, ledgers })
    )
      return { checkpoint: last, fresh: false };
    const id = prev ? prev.id + 1 : 1;
    const secretKey = signer.secretKey();
    const checkpoint = signCheckpoint(
      sodium,
      { id, at: now, heads, ...(legacy ? { legacy } : {}), ledgers, prev, ...(nextKey ? { nextKey } : {}) },
      secretKey,
    );
    sodium.memzero(secretKey);
    await tx.query(`INSERT INTO audit_checkpoints (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      id,
      now,
      JSON.stringify(checkpoint.heads),
      legacy ? JSON.stringify(legacy) : null,
      JSON.stringify(ledgers),
      JSON.stringify({ prev, ...(nextKey ? { nextKey } : {}) }),
      checkpoint.signature,
    ]);
    return { checkpoint, fresh: true };
  });
  // Remembered once committed: a checkpoint rolled back must not be named by the next.
  if (made?.fresh) signer.signed(checkpointLink(sodium, made.checkpoint));
  if (made?.fresh && nextKey) signer.rotated(nextKey);
  return made?.checkpoint;
}
