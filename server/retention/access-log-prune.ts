import { auditEntryHash } from '../../shared/crypto/audit-chain';
import { signedStarts, type AuditCheckpoint, type ChainStart } from '../../shared/crypto/audit-verify';
import type { Sodium } from '../../shared/crypto/index';
import type { AuditEvent } from '../../shared/domain/audit';
import { DAY_MS } from '../../shared/domain/erasure';
import {
  DUE_LIST_HORIZON_DAYS,
  retentionPeriodMs,
  type AccessLogOutlook,
} from '../../shared/domain/retention';
import { listCheckpoints, makeCheckpoint, signedByServer } from '../audit/checkpoints';
import type { CheckpointSigner } from '../audit/signer';
import type { Database, Queryable } from '../db/database';
import { retentionRules } from './retention-store';

type Tx = Pick<Queryable, 'query'>;

/** What pruning the access log needs beyond the database: the server's checkpoint key. */
export interface LedgerSigning {
  sodium: Sodium;
  signer: CheckpointSigner;
}

const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as AuditEvent;

/** A chain's next start: the last entry the rule lets go, and how many entries go with it. */
interface PruneTarget extends ChainStart {
  count: number;
  /** The chain stops short of what is due at an entry naming a client under a legal hold. */
  heldAt?: number;
}

/**
 * How far each checkpointed chain may be pruned at `cutoff` (docs/audit.md, "Pruning the access log"): the oldest
 * entries after its current start, received by the server at or before the cutoff, up to (not past) the head the
 * last checkpoint signed, stopping at the first entry naming a client under a legal hold, and always keeping the
 * chain's newest entry (the device's next push links to it). The hash of the new start is computed from the
 * stored entry and must be the one the server recorded and the next kept entry names; otherwise the chain is
 * left alone (something was altered: the verifier reports it).
 */
async function pruneTargets(
  sodium: Sodium,
  tx: Tx,
  last: AuditCheckpoint,
  current: readonly ChainStart[],
  cutoff: number,
): Promise<PruneTarget[]> {
  const held = (
    await tx.query<{ client_id: string }>(
      'SELECT DISTINCT client_id::text FROM legal_holds WHERE lifted_at IS NULL',
    )
  ).map((row) => row.client_id);
  const startOf = new Map(current.map((start) => [start.deviceId, start.seq]));
  const targets: PruneTarget[] = [];
  for (const head of last.heads) {
    const from = startOf.get(head.deviceId) ?? 0;
    const [bound] = await tx.query<{ newest: number | null; stop: number | null; held_at: number | null }>(
      `SELECT (SELECT max(seq) FROM audit_chain WHERE device_id = $1) AS newest,
              (SELECT min(c.seq) FROM audit_chain c
                 JOIN sync_documents d ON d.collection = 'auditEvents' AND d.id = c.entry_id::text
                WHERE c.device_id = $1 AND c.seq > $2
                  AND (c.received_at > $3 OR d.data->>'clientId' = ANY($4::text[]))) AS stop,
              (SELECT min(c.seq) FROM audit_chain c
                 JOIN sync_documents d ON d.collection = 'auditEvents' AND d.id = c.entry_id::text
                WHERE c.device_id = $1 AND c.seq > $2 AND c.received_at <= $3
                  AND d.data->>'clientId' = ANY($4::text[])) AS held_at`,
      [head.deviceId, from, cutoff, held],
    );
    const limit = Math.min(Number(bound?.newest ?? 0), Number(bound?.stop ?? Infinity), head.seq + 1);
    const [row] = await tx.query<{ seq: number; hash: string; data: unknown; n: number }>(
      `SELECT c.seq, c.hash, d.data, (SELECT count(*) FROM audit_chain WHERE device_id = $1 AND seq > $2 AND seq <= c.seq) AS n
         FROM audit_chain c JOIN sync_documents d ON d.collection = 'auditEvents' AND d.id = c.entry_id::text
        WHERE c.device_id = $1 AND c.seq > $2 AND c.seq < $3 ORDER BY c.seq DESC LIMIT 1`,
      [head.deviceId, from, limit],
    );
    const heldAt = bound?.held_at != null ? { heldAt: Number(bound.held_at) } : {};
    if (!row) {
      // Nothing to prune: reported only when a hold is what stops it (a count of 0 moves no start).
      if (bound?.held_at != null)
        targets.push({ deviceId: head.deviceId, seq: from, hash: '', count: 0, ...heldAt });
      continue;
    }
    const hash = auditEntryHash(sodium, json(row.data));
    const [next] = await tx.query<{ data: unknown }>(
      `SELECT d.data FROM audit_chain c
         JOIN sync_documents d ON d.collection = 'auditEvents' AND d.id = c.entry_id::text
        WHERE c.device_id = $1 AND c.seq > $2 ORDER BY c.seq LIMIT 1`,
      [head.deviceId, Number(row.seq)],
    );
    if (hash !== row.hash || !next || json(next.data).prevHash !== hash) continue;
    targets.push({
      deviceId: head.deviceId,
      seq: Number(row.seq),
      hash,
      count: Number(row.n),
      ...heldAt,
    });
  }
  return targets;
}

/** The starts after moving those the targets move; undefined when none moves. */
function withTargets(
  current: readonly ChainStart[],
  targets: readonly PruneTarget[],
): ChainStart[] | undefined {
  const moving = targets.filter((target) => target.count > 0);
  if (moving.length === 0) return undefined;
  const starts = new Map(current.map((start) => [start.deviceId, start]));
  for (const { deviceId, seq, hash } of moving) starts.set(deviceId, { deviceId, seq, hash });
  return [...starts.values()];
}

/**
 * Deletes every entry at or before its chain's start as the newest checkpoint carrying starts signed it (only
 * if the server signed it), `batchSize` entries a transaction, the entry's document and its chain row together.
 * What a run killed halfway left is deleted by the next; nothing past a start is ever touched (the tables'
 * triggers refuse it too, migration 28). `afterBatch` is the tests' hook (it may throw, as a crash would).
 */
async function deletePruned(
  db: Database,
  ledger: LedgerSigning,
  batchSize: number,
  afterBatch?: (deleted: number) => void,
): Promise<number> {
  const checkpoints = await listCheckpoints(db);
  const newest = checkpoints.filter((c) => c.starts).at(-1);
  if (!newest || !signedByServer(ledger.sodium, ledger.signer, newest)) return 0;
  let deleted = 0;
  for (const start of signedStarts([newest])) {
    for (;;) {
      const n = await db.transaction(async (tx) => {
        const ids = (
          await tx.query<{ entry_id: string }>(
            'SELECT entry_id::text FROM audit_chain WHERE device_id = $1 AND seq <= $2 ORDER BY seq LIMIT $3',
            [start.deviceId, start.seq, batchSize],
          )
        ).map((row) => row.entry_id);
        if (ids.length === 0) return 0;
        await tx.query(
          `DELETE FROM sync_documents WHERE collection = 'auditEvents' AND id = ANY($1::text[])`,
          [ids],
        );
        await tx.query('DELETE FROM audit_chain WHERE entry_id = ANY($1::uuid[])', [ids]);
        return ids.length;
      });
      if (n === 0) break;
      deleted += n;
      afterBatch?.(n);
    }
  }
  return deleted;
}

/**
 * The access-log rule's part of the retention job: when the rule is active, signs the chains' new starts in a
 * checkpoint (one per run that moves any: the prune point), then deletes what lies before them. Idempotent and
 * resumable: the prune point is signed once (a run at the same time finds nothing more to move), and entries
 * already deleted are not there to delete again. Answers how many entries it deleted.
 */
export async function pruneAccessLog(
  db: Database,
  ledger: LedgerSigning,
  now: number,
  options: { batchSize?: number; afterBatch?: (deleted: number) => void } = {},
): Promise<number> {
  const rule = (await retentionRules(db)).find((r) => r.category === 'access-log');
  if (rule?.active) {
    const cutoff = now - retentionPeriodMs(rule);
    await makeCheckpoint(db, ledger.sodium, ledger.signer, now, {
      advance: async (tx, last, current) =>
        withTargets(current, await pruneTargets(ledger.sodium, tx, last, current, cutoff)),
    });
  }
  return deletePruned(db, ledger, options.batchSize ?? 1000, options.afterBatch);
}

/**
 * What the access-log rule will prune (GET /retention/access-log, the admin's due-list): at the next run, and
 * within the due-list's horizon; the chains a legal hold stops short; where pruned chains start now.
 */
export async function accessLogOutlook(
  db: Database,
  ledger: LedgerSigning,
  now: number,
): Promise<AccessLogOutlook> {
  const rule = (await retentionRules(db)).find((r) => r.category === 'access-log')!;
  const checkpoints = await listCheckpoints(db);
  const last = checkpoints.at(-1);
  const trusted = !!last && signedByServer(ledger.sodium, ledger.signer, last);
  const current = trusted ? (last.starts ?? []) : [];
  const period = retentionPeriodMs(rule);
  const outlook: AccessLogOutlook = {
    active: rule.active,
    period: rule.period,
    cutoff: now - period,
    dueNow: 0,
    dueWithinHorizon: 0,
    heldBack: 0,
    prunedChains: current.length,
  };
  if (!trusted) return outlook;
  const targets = await pruneTargets(ledger.sodium, db, last, current, now - period);
  outlook.dueNow = targets.reduce((sum, t) => sum + t.count, 0);
  outlook.heldBack = targets.filter((t) => t.heldAt !== undefined).length;
  const horizon = now + DUE_LIST_HORIZON_DAYS * DAY_MS - period;
  const [later] = await db.query<{ n: number; next: number | null }>(
    `SELECT count(*) AS n, min(c.received_at) FILTER (WHERE c.received_at > $2) AS next
       FROM audit_chain c LEFT JOIN jsonb_to_recordset($1::jsonb) AS s(device_id uuid, seq integer)
         ON s.device_id = c.device_id
      WHERE c.seq > coalesce(s.seq, 0) AND c.received_at <= $3`,
    [
      JSON.stringify(current.map((start) => ({ device_id: start.deviceId, seq: start.seq }))),
      now - period,
      horizon,
    ],
  );
  outlook.dueWithinHorizon = Number(later?.n ?? 0);
  if (later?.next != null) outlook.nextDueAt = Number(later.next) + period;
  return outlook;
}
