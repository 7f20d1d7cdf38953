import { checkpointSequenceBreak, type CheckpointLink } from '../../shared/crypto/audit-verify';
import { decodeBase64Url } from '../../shared/crypto/encoding';
import type { Sodium } from '../../shared/crypto/index';
import type { LedgerBreak, ServerLedgersCheck } from '../../shared/domain/audit-api';
import type { Database, Queryable } from '../db/database';
import { listCheckpoints, retiredServerKeys } from './checkpoints';
import { walkChains } from './ledger-chains';
import { revisionRuleBreak } from './ledger-rules';
import { ledgerTableBreak } from './ledger-tables';
import type { CheckpointSigner } from './signer';

type Tx = Pick<Queryable, 'query'>;

export type { LedgerBreak } from '../../shared/domain/audit-api';

/**
 * Each incident's live row (what the console and the clocks read) against its last revision: the facts, the report
 * times and the discovery (in every revision since migration 27); and who recorded it, and when, against its first
 * (the API writes them together; migration 11's first revision took the time of the last change, never earlier).
 * An incident written around the API (a discovery moved forward, a report time set, facts changed, its recorder
 * changed) differs from it, and one with no revision at all is found too.
 */
async function liveRowBreak(tx: Tx): Promise<LedgerBreak | undefined> {
  const [row] = await tx.query<{ id: string; chain_seq: number | null }>(
    `SELECT i.id, r.chain_seq FROM ONLY public.incidents i
       LEFT JOIN LATERAL (SELECT * FROM ONLY public.incident_revisions
           WHERE incident_id = i.id ORDER BY revision DESC LIMIT 1) r
         ON true
       LEFT JOIN ONLY public.incident_revisions f ON f.incident_id = i.id AND f.revision = 1
       WHERE r.incident_id IS NULL
         OR i.facts IS DISTINCT FROM r.state->'facts'
         OR i.discovered_at IS DISTINCT FROM (r.state->>'discoveredAt')::bigint
         OR i.discovered_by::text IS DISTINCT FROM r.state->>'discoveredBy'
         OR i.ppc_preliminary_at IS DISTINCT FROM (r.state->>'ppcPreliminaryAt')::bigint
         OR i.ppc_final_at IS DISTINCT FROM (r.state->>'ppcFinalAt')::bigint
         OR i.gdpr_reported_at IS DISTINCT FROM (r.state->>'gdprReportedAt')::bigint
         OR i.closed_at IS DISTINCT FROM (r.state->>'closedAt')::bigint
         OR i.recorded_by IS DISTINCT FROM f.by_staff
         OR f.at IS NULL OR i.recorded_at > f.at
       ORDER BY r.chain_seq NULLS FIRST, i.id LIMIT 1`,
  );
  if (!row) return undefined;
  return { ledger: 'incidents', at: Number(row.chain_seq ?? 0), problem: 'live-row', incidentId: row.id };
}

/**
 * The server's ledgers re-checked, in one read-only snapshot (REPEATABLE READ) with the search path pinned to
 * pg_catalog, so that every operator, function and type the queries name is PostgreSQL's own and every table is
 * named `ONLY public.<table>` (not one of the owner's shadowing it: a schema named after the role, an operator in
 * public put first in the path; review18-s6b, m-A). First the tables themselves (ledger-tables.ts); then the three
 * chains row by row, a page at a time, each row's hash computed here from its columns (not by the database's
 * functions, which its owner could replace); each incident's live row against its revisions; every checkpoint's
 * signature and place in the sequence (checkpointSequenceBreak), and the sequence reaching the last checkpoint the
 * signer remembers (kept outside the database: a deleted tail is found); then every head a checkpoint signed; last
 * the API's rules (LedgerRule: server/audit/ledger-rules.ts, ledger-chains.ts). `checkpointsVerified` 0: no
 * checkpoint yet, the heads are not verified. A superuser is beyond any check run inside the database
 * (docs/audit.md).
 */
export async function verifyServerLedgers(
  db: Database,
  sodium: Sodium,
  signer: CheckpointSigner,
): Promise<ServerLedgersCheck> {
  // What the signer remembers, read before the snapshot: a checkpoint committed meanwhile is then in the snapshot
  // (or not yet remembered), never remembered but missing from it, which would read as one removed (m-C).
  const remembered = { head: signer.head(), publicKey: signer.publicKey, retired: signer.retired() };
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    // pg_temp last: not searched first for a table or a type, as it is when the path leaves it out.
    await tx.query('SET LOCAL search_path = pg_catalog, pg_temp');
    return checkLedgers(tx, sodium, remembered);
  });
}

async function checkLedgers(
  tx: Tx,
  sodium: Sodium,
  signer: { head: CheckpointLink | undefined; publicKey: string; retired: string[] },
): Promise<ServerLedgersCheck> {
  const fail = (broken: LedgerBreak): ServerLedgersCheck => ({ ok: false, checkpointsVerified: 0, broken });
  const table = await ledgerTableBreak(tx);
  if (table) return fail(table);
  const checkpoints = await listCheckpoints(tx);
  // Only the hashes at the places a checkpoint signed are kept: the chains are walked a page at a time.
  const heads = {
    staffEvents: new Set<number>(),
    incidentRevisions: new Set<number>(),
    incidentNotifications: new Set<number>(),
  };
  for (const checkpoint of checkpoints)
    for (const ledger of ['staffEvents', 'incidentRevisions', 'incidentNotifications'] as const) {
      const head = checkpoint.ledgers?.[ledger];
      if (head && head.at > 0) heads[ledger].add(head.at);
    }
  const walked = await walkChains(tx, heads);
  for (const chain of Object.values(walked)) if (chain.broken) return fail(chain.broken);
  const live = await liveRowBreak(tx);
  if (live) return fail(live);
  const retired = await retiredServerKeys(tx, { retired: () => signer.retired });
  const keys = {
    current: decodeBase64Url(signer.publicKey),
    retired: retired.map(decodeBase64Url).filter((key): key is Uint8Array => !!key),
  };
  const sequence = checkpointSequenceBreak(sodium, checkpoints, keys, signer.head);
  if (sequence) {
    const problem = sequence.problem === 'checkpoint' ? 'signature' : 'checkpoint-gap';
    const at = sequence.checkpointId ?? 0;
    return fail({ ledger: 'checkpoints', at, problem, checkpointId: at });
  }
  for (const checkpoint of checkpoints) {
    if (!checkpoint.ledgers) continue;
    for (const [ledger, chain] of [
      ['staffEvents', walked.staffEvents],
      ['incidentRevisions', walked.incidentRevisions],
      ['incidentNotifications', walked.incidentNotifications],
    ] as const) {
      // Checkpoints signed before migration 27 name no notifications' head.
      const head = checkpoint.ledgers[ledger];
      if (head && head.at > 0 && chain.hashes.get(head.at) !== head.hash)
        return fail({ ledger, at: head.at, problem: 'checkpoint', checkpointId: checkpoint.id });
    }
  }
  // Rows chained intact that the API would not have written (LedgerRule).
  const rule =
    (await revisionRuleBreak(tx)) ?? walked.incidentRevisions.rule ?? walked.incidentNotifications.rule;
  if (rule) return fail(rule);
  return { ok: true, checkpointsVerified: checkpoints.length };
}
