import { checkpointSequenceBreak } from '../../shared/crypto/audit-verify';
import { decodeBase64Url } from '../../shared/crypto/encoding';
import type { Sodium } from '../../shared/crypto/index';
import type { ServerLedgersCheck } from '../../shared/domain/audit-api';
import type { Queryable } from '../db/database';
import { listCheckpoints, retiredServerKeys } from './checkpoints';
import type { CheckpointSigner } from './signer';

type Tx = Pick<Queryable, 'query'>;

export type LedgerBreak = NonNullable<ServerLedgersCheck['broken']>;

async function chainBreak(
  tx: Tx,
  ledger: LedgerBreak['ledger'],
  sql: string,
): Promise<{ broken?: LedgerBreak; hashes: Map<number, string> }> {
  const rows = await tx.query<{
    at: number;
    prev_hash: string | null;
    hash: string | null;
    recomputed: string;
  }>(sql);
  const hashes = new Map<number, string>();
  let last: string | null = null;
  for (const row of rows) {
    const at = Number(row.at);
    if ((row.prev_hash ?? null) !== last) return { broken: { ledger, at, problem: 'link' }, hashes };
    if (row.hash !== row.recomputed) return { broken: { ledger, at, problem: 'hash' }, hashes };
    hashes.set(at, row.hash);
    last = row.hash;
  }
  return { hashes };
}

/**
 * Each incident's live row (what the console and the clocks read) against its last revision: the facts, the report
 * times and the discovery (in every revision since migration 27). An incident written around the API (a discovery
 * moved forward, a report time set, facts changed) differs from it, and one with no revision at all is found too.
 */
async function liveRowBreak(tx: Tx): Promise<LedgerBreak | undefined> {
  const [row] = await tx.query<{ id: string; chain_seq: number | null }>(
    `SELECT i.id, r.chain_seq FROM incidents i
       LEFT JOIN LATERAL (SELECT * FROM incident_revisions WHERE incident_id = i.id ORDER BY revision DESC LIMIT 1) r
         ON true
       WHERE r.incident_id IS NULL
         OR i.facts IS DISTINCT FROM r.state->'facts'
         OR i.discovered_at IS DISTINCT FROM (r.state->>'discoveredAt')::bigint
         OR i.discovered_by::text IS DISTINCT FROM r.state->>'discoveredBy'
         OR i.ppc_preliminary_at IS DISTINCT FROM (r.state->>'ppcPreliminaryAt')::bigint
         OR i.ppc_final_at IS DISTINCT FROM (r.state->>'ppcFinalAt')::bigint
         OR i.gdpr_reported_at IS DISTINCT FROM (r.state->>'gdprReportedAt')::bigint
         OR i.closed_at IS DISTINCT FROM (r.state->>'closedAt')::bigint
       ORDER BY r.chain_seq NULLS FIRST, i.id LIMIT 1`,
  );
  if (!row) return undefined;
  return { ledger: 'incidents', at: Number(row.chain_seq ?? 0), problem: 'live-row', incidentId: row.id };
}

/**
 * The server's ledgers re-checked: the three chains row by row, each incident's live row against its last
 * revision; every checkpoint's signature and place in the
 * sequence (checkpointSequenceBreak), and the sequence reaching the last checkpoint the signer remembers (kept
 * outside the database: a deleted tail is found); then every head a checkpoint signed. `checkpointsVerified` 0:
 * no checkpoint yet, the heads are not verified.
 */
export async function verifyServerLedgers(
  tx: Tx,
  sodium: Sodium,
  signer: CheckpointSigner,
): Promise<ServerLedgersCheck> {
  const fail = (broken: LedgerBreak): ServerLedgersCheck => ({ ok: false, checkpointsVerified: 0, broken });
  const staff = await chainBreak(
    tx,
    'staffEvents',
    'SELECT id AS at, prev_hash, hash, staff_event_hash(prev_hash, e) AS recomputed FROM staff_events e ORDER BY id',
  );
  if (staff.broken) return fail(staff.broken);
  const incidents = await chainBreak(
    tx,
    'incidentRevisions',
    `SELECT chain_seq AS at, prev_hash, hash, incident_revision_hash(prev_hash, r) AS recomputed
       FROM incident_revisions r ORDER BY chain_seq`,
  );
  if (incidents.broken) return fail(incidents.broken);
  const notifications = await chainBreak(
    tx,
    'incidentNotifications',
    `SELECT chain_seq AS at, prev_hash, hash, incident_notification_hash(prev_hash, n) AS recomputed
       FROM incident_notifications n ORDER BY chain_seq`,
  );
  if (notifications.broken) return fail(notifications.broken);
  const live = await liveRowBreak(tx);
  if (live) return fail(live);
  const checkpoints = await listCheckpoints(tx);
  const retired = await retiredServerKeys(tx, signer);
  const keys = {
    current: decodeBase64Url(signer.publicKey),
    retired: retired.map(decodeBase64Url).filter((key): key is Uint8Array => !!key),
  };
  const sequence = checkpointSequenceBreak(sodium, checkpoints, keys, signer.head());
  if (sequence) {
    const problem = sequence.problem === 'checkpoint' ? 'signature' : 'checkpoint-gap';
    const at = sequence.checkpointId ?? 0;
    return fail({ ledger: 'checkpoints', at, problem, checkpointId: at });
  }
  for (const checkpoint of checkpoints) {
    if (!checkpoint.ledgers) continue;
    for (const [ledger, chain] of [
      ['staffEvents', staff],
      ['incidentRevisions', incidents],
      ['incidentNotifications', notifications],
    ] as const) {
      // Checkpoints signed before migration 27 name no notifications' head.
      const head = checkpoint.ledgers[ledger];
      if (head && head.at > 0 && chain.hashes.get(head.at) !== head.hash)
        return fail({ ledger, at: head.at, problem: 'checkpoint', checkpointId: checkpoint.id });
    }
  }
  return { ok: true, checkpointsVerified: checkpoints.length };
}
