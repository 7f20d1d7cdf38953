import { DAY_MS, type ErasureScope } from './erasure';

/**
 * The retention schedule (docs/erasure.md, "Retention rules"): one rule per data category, set by the admin (the
 * DPO, `runRetention`) and stored on the server, which enforces the bounds. A rule the DPO has not switched on
 * acts on nothing (erasing is irreversible: the defaults are proposals until confirmed). The retention job turns a
 * due item of an active rule into a scheduled erasure (basis `retention-rule`, the grace period of any erasure),
 * of the whole client or only a part of it (`ErasureScope`).
 */
export const retentionPaths = {
  rules: '/retention/rules',
  rule: (category: string) => `/retention/rules/${encodeURIComponent(category)}`,
  due: '/retention/due',
} as const;

export const RETENTION_CATEGORIES = [
  'passport',
  'medical',
  'client-record',
  'consent-records',
  'access-log',
  'provision-records',
  'receipts',
] as const;
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number];

export interface RetentionPolicy {
  unit: 'days' | 'years';
  /** The proposed value (docs/erasure.md justifies each). */
  default: number;
  min: number;
  max: number;
  /** The erasure a due item becomes; absent: nothing on which the job acts yet (documented only). */
  scope?: ErasureScope;
}

/** Per category: its unit, default and bounds (the law's minimum where there is one). */
export const RETENTION_POLICIES: Readonly<Record<RetentionCategory, RetentionPolicy>> = {
  passport: { unit: 'days', default: 90, min: 1, max: 3650, scope: 'passport' },
  medical: { unit: 'days', default: 365, min: 1, max: 3650, scope: 'medical' },
  'client-record': { unit: 'years', default: 5, min: 1, max: 20, scope: 'client' },
  // Erased with the client (their content) today; kept as long as the data they cover, then this long.
  'consent-records': { unit: 'years', default: 3, min: 1, max: 20 },
  // A chained, signed log: pruned whole and oldest first, not built yet.
  'access-log': { unit: 'years', default: 5, min: 1, max: 20 },
  // APPI Art. 29, 30; Enforcement Rules Art. 14, 18: at least 3 years.
  'provision-records': { unit: 'years', default: 3, min: 3, max: 20 },
  // Corporation Tax Act Art. 126: 7 years; receipts are not built yet.
  receipts: { unit: 'years', default: 7, min: 7, max: 20 },
};

export interface RetentionRule {
  category: RetentionCategory;
  /** In the category's unit. */
  period: number;
  /** Switched on by the admin: only an active rule schedules erasures. */
  active: boolean;
  /** Absent while the rule is its default, never saved. */
  updatedBy?: string;
  updatedAt?: number;
}

export interface SetRetentionRuleRequest {
  period: number;
  active: boolean;
}

export const setRetentionRuleRequestSchema = {
  type: 'object',
  properties: {
    period: { type: 'integer', minimum: 1, maximum: 3650 },
    active: { type: 'boolean' },
  },
  required: ['period', 'active'],
  additionalProperties: false,
} as const;

export const retentionCategoryParamsSchema = {
  type: 'object',
  properties: { category: { type: 'string', enum: [...RETENTION_CATEGORIES] } },
  required: ['category'],
  additionalProperties: false,
} as const;

/** Why a rule cannot be saved, or undefined: within its category's bounds. */
export function retentionRuleProblem(
  category: RetentionCategory,
  request: SetRetentionRuleRequest,
): 'below-minimum' | 'above-maximum' | 'not-an-integer' | undefined {
  const policy = RETENTION_POLICIES[category];
  if (!Number.isInteger(request.period)) return 'not-an-integer';
  if (request.period < policy.min) return 'below-minimum';
  if (request.period > policy.max) return 'above-maximum';
  return undefined;
}

export const defaultRetentionRules = (): RetentionRule[] =>
  RETENTION_CATEGORIES.map((category) => ({
    category,
    period: RETENTION_POLICIES[category].default,
    active: false,
  }));

/** A rule's period in ms (a year is 365.25 days). */
export function retentionPeriodMs(rule: Pick<RetentionRule, 'category' | 'period'>): number {
  const days = RETENTION_POLICIES[rule.category].unit === 'years' ? rule.period * 365.25 : rule.period;
  return Math.round(days * DAY_MS);
}

/** What the server knows of a client for the schedule: times only, no content. */
export interface ClientRetentionFacts {
  clientId: string;
  /** The last change to the client's record (the app's "contact": no separate contact log exists). */
  updatedAt: number;
  hasPassport: boolean;
  hasMedical: boolean;
  /** The end of the client's last trip (epoch ms, the end of its end date in UTC). */
  lastTripEnd?: number;
  /** The end of the client's last medical itinerary item (epoch ms). */
  lastTreatment?: number;
}

/** An item the schedule makes due: a client, a rule, from when (the anchor) and when it falls due. */
export interface RetentionDueItem {
  clientId: string;
  category: RetentionCategory;
  scope: ErasureScope;
  anchorAt: number;
  dueAt: number;
}

/**
 * The items an active rule makes due for a client: passport data N days after the last trip ended (no trip:
 * after the record's last change); the medical section N days after the last treatment (no treatment: after the
 * last trip, else the record's last change); the whole record N years after the last trip or change, whichever is
 * later. Pure: the server feeds it facts from its documents.
 */
export function dueItemsOf(facts: ClientRetentionFacts, rules: readonly RetentionRule[]): RetentionDueItem[] {
  const items: RetentionDueItem[] = [];
  for (const rule of rules) {
    if (!rule.active) continue;
    const scope = RETENTION_POLICIES[rule.category].scope;
    let anchorAt: number | undefined;
    if (scope === 'passport' && facts.hasPassport) anchorAt = facts.lastTripEnd ?? facts.updatedAt;
    else if (scope === 'medical' && facts.hasMedical)
      anchorAt = facts.lastTreatment ?? facts.lastTripEnd ?? facts.updatedAt;
    else if (scope === 'client') anchorAt = Math.max(facts.updatedAt, facts.lastTripEnd ?? 0);
    if (anchorAt === undefined || scope === undefined) continue;
    items.push({
      clientId: facts.clientId,
      category: rule.category,
      scope,
      anchorAt,
      dueAt: anchorAt + retentionPeriodMs(rule),
    });
  }
  return items;
}

/** One line of the due-list: an item and what has become of it. */
export interface RetentionDueEntry extends RetentionDueItem {
  /** `upcoming`: the job schedules it once due; `scheduled`: its erasure waits for its grace period to end. */
  state: 'upcoming' | 'scheduled';
  erasureId?: string;
  /** When the erasure is carried out: the scheduled erasure's due time, or due time plus the grace period. */
  erasesAt: number;
  hold?: { reason: string; appliedBy: string; appliedAt: number };
}

/** How far ahead the due-list looks for upcoming items. */
export const DUE_LIST_HORIZON_DAYS = 90;
