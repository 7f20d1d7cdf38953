import type { LedgerBreak, LedgerRule } from '../../shared/domain/audit-api';
import type { Queryable } from '../db/database';
import { PAGE } from './ledger-chains';

type Tx = Pick<Queryable, 'query'>;

interface RevisionRow {
  incident_id: string;
  revision: number;
  chain_seq: string | null;
  no_staff: boolean;
  changed: string;
  discovered_at: string | null;
  /** The state without the discovery, as PostgreSQL's canonical jsonb text. */
  rest: string;
}

const KEPT = '["discovery-kept"]';

/**
 * Each incident's revisions in order, against what the API and migration 27 write (LedgerRule): numbered 1, 2, 3…;
 * each naming a staff member but migration 27's `discovery-kept`, which follows revisions without a discovery
 * (those before it) and changes nothing but the discovery; the discovery never later than an earlier revision's
 * (the API corrects it only to an earlier time). Read a page at a time, by incident and revision.
 */
export async function revisionRuleBreak(tx: Tx): Promise<LedgerBreak | undefined> {
  let prev: RevisionRow | undefined;
  let discovery: number | undefined;
  for (;;) {
    const rows: RevisionRow[] = await tx.query<RevisionRow>(
      `SELECT incident_id::text AS incident_id, revision, chain_seq::text AS chain_seq, by_staff IS NULL AS no_staff,
          changed::text AS changed, state->>'discoveredAt' AS discovered_at,
          (state - 'discoveredAt' - 'discoveredBy')::text AS rest
        FROM ONLY public.incident_revisions
        WHERE $1::uuid IS NULL OR (incident_id, revision) > ($1::uuid, $2::int)
        ORDER BY incident_id, revision LIMIT ${PAGE}`,
      [prev?.incident_id ?? null, prev ? Number(prev.revision) : 0],
    );
    for (const row of rows) {
      const before = prev?.incident_id === row.incident_id ? prev : undefined;
      if (!before) discovery = undefined;
      const fail = (rule: LedgerRule): LedgerBreak => ({
        ledger: 'incidentRevisions',
        at: Number(row.chain_seq ?? 0),
        problem: 'rule',
        rule,
        incidentId: row.incident_id,
      });
      if (Number(row.revision) !== (before ? Number(before.revision) + 1 : 1)) return fail('revision-gap');
      const kept = row.changed === KEPT;
      if (kept !== row.no_staff || (kept && (!before || before.discovered_at !== null)))
        return fail('server-revision');
      if (kept && row.rest !== before!.rest) return fail('kept-changed');
      if (row.discovered_at !== null) {
        const at = Number(row.discovered_at);
        if (discovery !== undefined && at > discovery) return fail('discovery-later');
        discovery = at;
      }
      prev = row;
    }
    if (rows.length < PAGE) return undefined;
  }
}
