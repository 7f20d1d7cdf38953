import { randomUUID } from 'node:crypto';
import { DAY_MS, ERASURE_GRACE_DAYS_DEFAULT } from '../../shared/domain/erasure';
import {
  defaultRetentionRules,
  DUE_LIST_HORIZON_DAYS,
  dueItemsOf,
  RETENTION_CATEGORIES,
  retentionRuleProblem,
  type ClientRetentionFacts,
  type RetentionCategory,
  type RetentionDueEntry,
  type RetentionDueItem,
  type RetentionRule,
  type SetRetentionRuleRequest,
} from '../../shared/domain/retention';
import { MEDICAL_TRIP_ITEM_KINDS } from '../../shared/domain/trip';
import { badRequest } from '../auth/api-error';
import type { Database } from '../db/database';

type Queryable = Pick<Database, 'query'>;

interface RuleRow {
  category: RetentionCategory;
  period: number;
  active: boolean;
  updated_by: string;
  updated_at: string | number;
}

/** Every rule: the saved ones, the others at their default (inactive). */
export async function retentionRules(db: Queryable): Promise<RetentionRule[]> {
  const rows = await db.query<RuleRow>(
    'SELECT category, period, active, updated_by, updated_at FROM retention_rules',
  );
  const saved = new Map(rows.map((row) => [row.category, row]));
  return defaultRetentionRules().map((rule) => {
    const row = saved.get(rule.category);
    return row
      ? {
          category: rule.category,
          period: Number(row.period),
          active: row.active,
          updatedBy: row.updated_by,
          updatedAt: Number(row.updated_at),
        }
      : rule;
  });
}

/** Saves a rule (the route checks the admin); 400 outside its category's bounds (the law's minimum included). */
export async function setRetentionRule(
  db: Queryable,
  staffId: string,
  category: RetentionCategory,
  request: SetRetentionRuleRequest,
  now: number,
): Promise<RetentionRule> {
  if (!RETENTION_CATEGORIES.includes(category)) throw badRequest('unknown-category');
  const problem = retentionRuleProblem(category, request);
  if (problem) throw badRequest(problem);
  await db.query(
    `INSERT INTO retention_rules (category, period, active, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (category) DO UPDATE SET period = EXCLUDED.period, active = EXCLUDED.active,
       updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
    [category, request.period, request.active, staffId, now],
  );
  return { category, ...request, updatedBy: staffId, updatedAt: now };
}

const endOfDay = (date: string) => Date.parse(`${date}T00:00:00Z`) + DAY_MS;
const latest = (values: readonly number[]) => (values.length > 0 ? Math.max(...values) : undefined);

/**
 * What the schedule needs of every live client not being erased whole: times only (the last change, the ends of
 * its trips and of its medical items) and whether it has passport data or a medical section.
 */
async function clientFacts(db: Queryable): Promise<ClientRetentionFacts[]> {
  const rows = await db.query<{
    id: string;
    updated_at: string | number;
    has_passport: boolean;
    has_medical: boolean;
    trip_ends: string[] | null;
    treatment_ends: string[] | null;
  }>(
    `SELECT c.id, (c.data->>'updatedAt')::bigint AS updated_at, c.data ? 'passport' AS has_passport,
            EXISTS (SELECT 1 FROM sync_documents m WHERE m.collection = 'medical' AND NOT m.deleted
                       AND m.data->>'clientId' = c.id) AS has_medical,
            (SELECT jsonb_agg(t.data->>'endDate') FROM sync_documents t
              WHERE t.collection = 'trips' AND NOT t.deleted AND t.data->>'clientId' = c.id) AS trip_ends,
            (SELECT jsonb_agg(i->>'end') FROM sync_documents t, jsonb_array_elements(t.data->'items') i
              WHERE t.collection = 'trips' AND NOT t.deleted AND t.data->>'clientId' = c.id
                AND i->>'kind' IN (SELECT jsonb_array_elements_text($1::jsonb))) AS treatment_ends
       FROM sync_documents c
      WHERE c.collection = 'clients' AND NOT c.deleted
        AND NOT EXISTS (SELECT 1 FROM erasures e WHERE e.client_id::text = c.id AND e.scope = 'client'
                           AND e.status IN ('scheduled', 'executed'))
      ORDER BY c.id`,
    [JSON.stringify(MEDICAL_TRIP_ITEM_KINDS)],
  );
  return rows.map((row) => {
    const lastTripEnd = latest((row.trip_ends ?? []).map(endOfDay).filter(Number.isFinite));
    const lastTreatment = latest(
      (row.treatment_ends ?? []).map((end) => Date.parse(end)).filter(Number.isFinite),
    );
    return {
      clientId: row.id,
      updatedAt: Number(row.updated_at),
      hasPassport: row.has_passport,
      hasMedical: row.has_medical,
      ...(lastTripEnd !== undefined ? { lastTripEnd } : {}),
      ...(lastTreatment !== undefined ? { lastTreatment } : {}),
    };
  });
}

interface ErasureOfItem {
  id: string;
  client_id: string;
  scope: string;
  status: string;
  due_at: string | number;
  anchor_at: string | number | null;
}

/** The erasures that already answer an item: one scheduled for its part, or one done or cancelled for its anchor. */
function answering(erasures: readonly ErasureOfItem[], item: RetentionDueItem): ErasureOfItem | undefined {
  return erasures.find(
    (e) =>
      e.client_id === item.clientId &&
      e.scope === item.scope &&
      (e.status === 'scheduled' || (e.anchor_at !== null && Number(e.anchor_at) >= item.anchorAt)),
  );
}

async function itemsAndErasures(db: Queryable, horizon: number) {
  const rules = await retentionRules(db);
  const items = (await clientFacts(db))
    .flatMap((facts) => dueItemsOf(facts, rules))
    .filter((i) => i.dueAt <= horizon);
  const erasures = await db.query<ErasureOfItem>(
    `SELECT id, client_id::text, scope, status, due_at, anchor_at FROM erasures WHERE scope <> 'client' OR status = 'scheduled'`,
  );
  const holds = await db.query<{
    client_id: string;
    reason: string;
    applied_by: string;
    applied_at: string | number;
  }>(
    `SELECT DISTINCT ON (client_id) client_id::text, reason, applied_by, applied_at FROM legal_holds
      WHERE lifted_at IS NULL ORDER BY client_id, applied_at`,
  );
  return { rules, items, erasures, holds: new Map(holds.map((h) => [h.client_id, h])) };
}

/**
 * The due-list: every item an active rule makes due within the horizon, still to be scheduled or scheduled and
 * waiting for its grace period, soonest first, with the legal hold standing on its client (a held client's item
 * is not scheduled until the hold is lifted).
 */
export async function retentionDueList(db: Queryable, now: number): Promise<RetentionDueEntry[]> {
  const { items, erasures, holds } = await itemsAndErasures(db, now + DUE_LIST_HORIZON_DAYS * DAY_MS);
  const entries: RetentionDueEntry[] = [];
  for (const item of items) {
    const erasure = answering(erasures, item);
    if (erasure && erasure.status !== 'scheduled') continue;
    const hold = holds.get(item.clientId);
    entries.push({
      ...item,
      state: erasure ? 'scheduled' : 'upcoming',
      ...(erasure ? { erasureId: erasure.id } : {}),
      erasesAt: erasure
        ? Number(erasure.due_at)
        : Math.max(item.dueAt, now) + ERASURE_GRACE_DAYS_DEFAULT * DAY_MS,
      ...(hold
        ? { hold: { reason: hold.reason, appliedBy: hold.applied_by, appliedAt: Number(hold.applied_at) } }
        : {}),
    });
  }
  return entries.sort((a, b) => a.erasesAt - b.erasesAt || a.clientId.localeCompare(b.clientId));
}

/**
 * The job's first step: every item due at `now` of a client under no hold, not yet answered, becomes a scheduled
 * erasure (basis `retention-rule`, reference the rule, by the admin who set the rule, the default grace period),
 * in batches of `batchSize`, each one transaction. Idempotent: an item is answered once scheduled (one pending
 * erasure per client and part, enforced by a unique index) and, once done or cancelled, for its anchor.
 */
export async function planRetention(db: Database, now: number, batchSize = 100): Promise<number> {
  const { rules, items, erasures, holds } = await itemsAndErasures(db, now);
  const due = items.filter((item) => !holds.has(item.clientId) && !answering(erasures, item));
  const by = new Map(rules.map((rule) => [rule.category, rule.updatedBy]));
  let scheduled = 0;
  for (let start = 0; start < due.length; start += batchSize) {
    const batch = due.slice(start, start + batchSize);
    scheduled += await db.transaction(async (tx) => {
      let n = 0;
      for (const item of batch) {
        const inserted = await tx.query(
          `INSERT INTO erasures (id, client_id, basis, reference, scheduled_by, scheduled_at, due_at, status, scope, anchor_at)
           SELECT $1, $2, 'retention-rule', $3, $4, $5, $6, 'scheduled', $7, $8
            WHERE NOT EXISTS (SELECT 1 FROM erasures WHERE client_id = $2 AND scope = $7
                                 AND (status = 'scheduled' OR anchor_at >= $8))
           ON CONFLICT DO NOTHING RETURNING id`,
          [
            randomUUID(),
            item.clientId,
            `rule:${item.category}`,
            by.get(item.category),
            now,
            now + ERASURE_GRACE_DAYS_DEFAULT * DAY_MS,
            item.scope,
            item.anchorAt,
          ],
        );
        n += inserted.length;
      }
      return n;
    });
  }
  return scheduled;
}
