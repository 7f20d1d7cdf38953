import type { Client, ClientStatus } from './client';
import {
  bySortKey,
  entryOf,
  fieldOf,
  matches,
  narrows,
  parseQuery,
  passesFilters,
  precedes,
  rankOf,
  type ClientSearchFilters,
  type Entry,
  type Narrowing,
  type SearchField,
  type SearchRank,
} from './client-search-match';
import { addDays } from './dates';

export {
  SEARCH_QUERY_MAX_LENGTH,
  type ClientSearchFilters,
  type SearchField,
  type SearchRank,
} from './client-search-match';

/**
 * Search as you type over the clients a device holds. The store keeps personal fields sealed at rest and refuses
 * queries on them, so the renderer builds this index in memory from the decrypted records after unlock, and
 * keeps it current as documents change.
 *
 * What matches (text folded by `foldForSearch` in search-text.ts: case, diacritics, full/half width, katakana/hiragana):
 * - names in every script, as substrings (kanji too), and with separators ignored (`maryjane` finds Mary-Jane);
 * - the e-mail address;
 * - the passport number, ignoring case, spaces and dashes;
 * - the phone number by its digits, with or without the country code (`020 7946 0018`, `+44 20 7946 0018` and
 *   `0044 20 7946 0018` all find +442079460018).
 * A query of several words matches a client when every word matches one of these, or when the whole query,
 * spaces and punctuation removed, matches one.
 *
 * Ranking: prefix matches first (a name, e-mail, passport or phone starting with the query), then clients where
 * every word of the query starts a word of theirs, then the other substring matches; within a rank, by Latin name.
 *
 * Speed: each field is folded once, when a client is added or changed. Typing one more character narrows the
 * previous keystroke's matches instead of scanning everything again: matching is designed so that a longer query
 * (the folded text extended) can only match fewer clients (the tests check this property).
 *
 * How one client is indexed and matched against a query is client-search-match.ts; this file holds the index.
 */

export interface ClientSearchHit {
  client: Client;
  rank: SearchRank;
  /** The field that matched best, for highlighting. Undefined for an empty query. */
  field?: SearchField;
}

export interface ClientSearchResult {
  /** How many clients match (the hits are the first `limit` of them). */
  total: number;
  hits: ClientSearchHit[];
}

export interface ClientSearchOptions {
  filters?: ClientSearchFilters;
  /** How many hits to return, best first. Default 50. */
  limit?: number;
}

interface Ranked {
  entry: Entry;
  rank: SearchRank;
}

/** Every client matching, best first (see {@link ClientSearchIndex.searchAll}). */
export interface ClientListResult {
  total: number;
  clients: Client[];
}

export class ClientSearchIndex {
  private readonly entries = new Map<string, Entry>();
  /** The last search's query, filters and every client it matched: the next keystroke starts from these. */
  private last: Narrowing | undefined;
  /** The same for searchAll, whose matches are kept in name order. */
  private lastAll: Narrowing | undefined;
  /** Every entry by Latin name, then id; rebuilt on the first searchAll after a change. */
  private sorted: Entry[] | undefined;

  constructor(clients: Iterable<Client> = []) {
    for (const client of clients) this.entries.set(client.id, entryOf(client));
  }

  get size(): number {
    return this.entries.size;
  }

  /** Adds a client or replaces the one with its id. */
  upsert(client: Client): void {
    this.entries.set(client.id, entryOf(client));
    this.changed();
  }

  remove(id: string): void {
    if (this.entries.delete(id)) this.changed();
  }

  private changed(): void {
    this.last = undefined;
    this.lastAll = undefined;
    this.sorted = undefined;
  }

  /**
   * Every client matching, in the order of {@link search} (rank, then Latin name, then id): what a scrolling
   * list shows. Candidates are walked in name order and dealt into one bucket per rank, so no sort runs per
   * keystroke; typing one more character narrows the previous keystroke's matches, as search does.
   */
  searchAll(query: string, options: { filters?: ClientSearchFilters } = {}): ClientListResult {
    const parsed = parseQuery(query);
    const candidates = narrows(this.lastAll, parsed, options.filters)
      ? this.lastAll!.matched
      : (this.sorted ??= [...this.entries.values()].sort(bySortKey));
    const matched: Entry[] = [];
    const byRank: [Client[], Client[], Client[]] = [[], [], []];
    for (const entry of candidates) {
      if (!passesFilters(entry, options.filters) || !matches(entry, parsed)) continue;
      matched.push(entry);
      byRank[rankOf(entry, parsed)].push(entry.client);
    }
    this.lastAll = { folded: parsed.folded, filters: options.filters, matched };
    return { total: matched.length, clients: byRank[0].concat(byRank[1], byRank[2]) };
  }

  search(query: string, options: ClientSearchOptions = {}): ClientSearchResult {
    const limit = Math.max(0, options.limit ?? 50);
    const parsed = parseQuery(query);
    const candidates: Iterable<Entry> = narrows(this.last, parsed, options.filters)
      ? this.last!.matched
      : this.entries.values();
    const matched: Entry[] = [];
    // The best `limit` so far, in order; most candidates fall behind the last one and cost one comparison.
    const top: Ranked[] = [];
    for (const entry of candidates) {
      if (!passesFilters(entry, options.filters) || !matches(entry, parsed)) continue;
      matched.push(entry);
      if (limit === 0) continue;
      const worst = top[limit - 1];
      // Behind the last hit by name, only a better rank gets in, and none beats 0: skip ranking at all.
      if (worst !== undefined && worst.rank === 0 && !precedes(0, entry, 0, worst.entry)) continue;
      const rank = rankOf(entry, parsed);
      if (worst !== undefined && !precedes(rank, entry, worst.rank, worst.entry)) continue;
      let low = 0;
      let high = top.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (precedes(top[mid]!.rank, top[mid]!.entry, rank, entry)) low = mid + 1;
        else high = mid;
      }
      top.splice(low, 0, { entry, rank });
      if (top.length > limit) top.pop();
    }
    this.last = { folded: parsed.folded, filters: options.filters, matched };
    return {
      total: matched.length,
      hits: top.map(({ entry, rank }) => {
        const field = fieldOf(entry, parsed, rank);
        return field === undefined ? { client: entry.client, rank } : { client: entry.client, rank, field };
      }),
    };
  }
}

/**
 * The ids of clients with a trip under way on `today` or starting within `days` days after it (dates
 * YYYY-MM-DD in the office's zone), for the "upcoming trip" filter.
 */
export function clientsWithTripWithin(
  trips: Iterable<{ clientId: string; startDate: string; endDate: string }>,
  today: string,
  days: number,
): Set<string> {
  const horizon = addDays(today, days);
  const ids = new Set<string>();
  for (const trip of trips) {
    if (trip.startDate <= horizon && trip.endDate >= today) ids.add(trip.clientId);
  }
  return ids;
}

/** What a person chose in the client list's filter bar. */
export interface ClientListFilterChoice {
  status: ClientStatus | 'all';
  /** A staff id, or undefined for anyone. */
  assigneeId?: string;
  upcomingTripOnly: boolean;
}

/**
 * The search filters for the list's filter bar; `upcoming` is the set from {@link clientsWithTripWithin} (keep the
 * same set between keystrokes so that typing narrows).
 */
export function clientListFilters(
  choice: ClientListFilterChoice,
  upcoming: ReadonlySet<string>,
): ClientSearchFilters | undefined {
  const filters: ClientSearchFilters = {
    ...(choice.status === 'all' ? {} : { statuses: [choice.status] }),
    ...(choice.assigneeId === undefined ? {} : { assigneeId: choice.assigneeId }),
    ...(choice.upcomingTripOnly ? { upcomingTrip: upcoming } : {}),
  };
  return Object.keys(filters).length === 0 ? undefined : filters;
}
