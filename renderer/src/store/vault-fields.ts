import type { FilledMangoQuery } from 'rxdb';
import { canonicalJson } from '../../../shared/index';

/** What the vault wrapper (vault-storage.ts) reads of a query and binds of a row. */

/** Every field a Mango selector or sort touches, including inside $and / $or / $nor. */
export function fieldsOfQuery(query: Pick<FilledMangoQuery<unknown>, 'selector' | 'sort'>): string[] {
  const fields: string[] = [];
  const visit = (selector: unknown) => {
    if (!selector || typeof selector !== 'object') return;
    for (const [key, value] of Object.entries(selector)) {
      if (key === '$and' || key === '$or' || key === '$nor') {
        for (const part of value as unknown[]) visit(part);
      } else if (!key.startsWith('$')) {
        fields.push(key.split('.')[0]!);
      }
    }
  };
  visit(query.selector);
  for (const part of query.sort ?? []) fields.push(...Object.keys(part).map((key) => key.split('.')[0]!));
  return fields;
}

/**
 * The canonical JSON (shared/sync/canonical.ts) of the bound fields' values, `bound` sorted, missing ones as null.
 * Written out by hand for the usual case of scalar values because it runs for every document read.
 */
export function boundValuesJson(
  doc: Record<string, unknown>,
  bound: readonly string[],
  boundKeys: readonly string[],
): string {
  let out = '{';
  for (let i = 0; i < bound.length; i++) {
    const value = doc[bound[i]!] ?? null;
    if (value !== null && typeof value === 'object') {
      return canonicalJson(Object.fromEntries(bound.map((field) => [field, doc[field] ?? null])));
    }
    out += `${i === 0 ? '' : ','}${boundKeys[i]!}:${JSON.stringify(value)}`;
  }
  return `${out}}`;
}
