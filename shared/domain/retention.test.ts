import { describe, expect, it } from 'vitest';
import { DAY_MS } from './erasure';
import {
  defaultRetentionRules,
  dueItemsOf,
  RETENTION_CATEGORIES,
  RETENTION_POLICIES,
  retentionRuleProblem,
  type RetentionRule,
} from './retention';

const active = (category: RetentionRule['category'], period: number): RetentionRule => ({
  category,
  period,
  active: true,
});

describe('the retention schedule', () => {
  it('starts every rule inactive at its documented default', () => {
    expect(defaultRetentionRules().map((rule) => [rule.category, rule.period, rule.active])).toEqual(
      RETENTION_CATEGORIES.map((category) => [category, RETENTION_POLICIES[category].default, false]),
    );
  });

  it('refuses provision records under 3 years and receipts under 7', () => {
    expect(retentionRuleProblem('provision-records', { period: 2, active: true })).toBe('below-minimum');
    expect(retentionRuleProblem('provision-records', { period: 3, active: true })).toBeUndefined();
    expect(retentionRuleProblem('receipts', { period: 6, active: false })).toBe('below-minimum');
    expect(retentionRuleProblem('receipts', { period: 7, active: true })).toBeUndefined();
    expect(retentionRuleProblem('passport', { period: 3651, active: true })).toBe('above-maximum');
    expect(retentionRuleProblem('passport', { period: 1.5, active: true })).toBe('not-an-integer');
  });

  it('counts passport data from the last trip, the medical section from the last treatment', () => {
    const facts = {
      clientId: 'c',
      updatedAt: 1_000,
      hasPassport: true,
      hasMedical: true,
      lastTripEnd: 50 * DAY_MS,
      lastTreatment: 40 * DAY_MS,
    };
    const rules = [active('passport', 90), active('medical', 10), active('client-record', 5)];
    expect(dueItemsOf(facts, rules)).toEqual([
      { clientId: 'c', category: 'passport', scope: 'passport', anchorAt: 50 * DAY_MS, dueAt: 140 * DAY_MS },
      { clientId: 'c', category: 'medical', scope: 'medical', anchorAt: 40 * DAY_MS, dueAt: 50 * DAY_MS },
      {
        clientId: 'c',
        category: 'client-record',
        scope: 'client',
        anchorAt: 50 * DAY_MS,
        dueAt: 50 * DAY_MS + Math.round(5 * 365.25 * DAY_MS),
      },
    ]);
  });

  it('makes nothing due from an inactive rule, a missing part, or a category with nothing to act on', () => {
    const facts = { clientId: 'c', updatedAt: 1_000, hasPassport: false, hasMedical: false };
    expect(dueItemsOf(facts, [active('passport', 1), active('medical', 1)])).toEqual([]);
    expect(
      dueItemsOf({ ...facts, hasPassport: true }, [{ ...active('passport', 1), active: false }]),
    ).toEqual([]);
    expect(
      dueItemsOf(facts, [active('receipts', 7), active('access-log', 5), active('provision-records', 3)]),
    ).toEqual([]);
    expect(dueItemsOf({ ...facts, hasPassport: true }, [active('passport', 1)])[0]!.anchorAt).toBe(1_000);
  });
});
