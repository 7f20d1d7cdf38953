import type { Client, ClientStatus } from './client';
import { addDays } from './dates';
import { phoneSearchDigits } from './phone';
import { foldForSearch, lettersAndDigits, wordsOf } from './search-text';

/**
 * Search as you type over the clients a device holds. The store keeps personal fields sealed at rest and refuses
 * queries on them, so the renderer builds this index in memory from the decrypted records after unlock, and
 * keeps it current as documents change.
 *
 * What matches (text folded by {@link foldForSearch}: case, diacritics, full/half width, katakana/hiragana):
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
 */

export type SearchField = 'name' | 'email' | 'passport' | 'phone';

/** 0: a field starts with the query; 1: each query word starts a word; 2: substring. */
export type SearchRank = 0 | 1 | 2;

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

export interface ClientSearchFilters {
  /** Only clients with one of these statuses. */
  statuses?: readonly ClientStatus[];
  /** Only clients assigned to this staff member. */
  assigneeId?: string;
  /**
   * Only clients with an upcoming trip: the ids of such clients (see {@link clientsWithTripWithin}) or a
   * predicate. Keep the same set or function between keystrokes: a new one restarts the narrowing.
   */
  upcomingTrip?: ReadonlySet<string> | ((clientId: string) => boolean);
}

export interface ClientSearchOptions {
  filters?: ClientSearchFilters;
  /** How many hits to return, best first. Default 50. */
  limit?: number;
}

/** Longer queries are cut: nobody types more, and it bounds the work per keystroke. */
export const SEARCH_QUERY_MAX_LENGTH = 200;

interface Entry {
  client: Client;
  id: string;
  /** Folded names (Latin, katakana as hiragana, kanji). */
  names: string[];
  /** The same with only letters and digits. */
  compactNames: string[];
  words: string[];
  email: string;
  compactEmail: string;
  passport: string;
  /** E.164 digits and the national significant number. */
  phone: { full: string; national: string } | undefined;
  sortKey: string;
}

interface Term {
  text: string;
  alnum: string;
  /** Digits with leading zeros removed, when the term looks like (part of) a phone number. */
  phoneDigits?: string;
}

interface ParsedQuery {
  /** Folded, white space collapsed, leading space removed; trailing space kept (it matters for narrowing). */
  folded: string;
  trimmed: string;
  terms: Term[];
  /** The query split at the same separators as the stored words, for word-prefix ranking. */
  words: string[];
  compact: string;
  phoneDigits?: string;
}

const PHONE_LIKE = /^[+\d\s().-]*\d[+\d\s().-]*$/;

function phoneDigitsOf(text: string): string | undefined {
  return PHONE_LIKE.test(text) ? text.replace(/\D/g, '').replace(/^0+/, '') : undefined;
}

function parseQuery(query: string): ParsedQuery {
  const folded = foldForSearch(query.slice(0, SEARCH_QUERY_MAX_LENGTH)).replace(/^ /, '');
  const trimmed = folded.trimEnd();
  const terms: Term[] = [];
  for (const text of trimmed.split(' ')) {
    const alnum = lettersAndDigits(text);
    // A word without letters or digits ("-", "+") adds no condition.
    if (alnum.length === 0) continue;
    const phoneDigits = phoneDigitsOf(text);
    terms.push(phoneDigits === undefined ? { text, alnum } : { text, alnum, phoneDigits });
  }
  const compact = lettersAndDigits(trimmed);
  const phoneDigits = phoneDigitsOf(trimmed);
  const words = wordsOf(trimmed);
  return phoneDigits === undefined
    ? { folded, trimmed, terms, words, compact }
    : { folded, trimmed, terms, words, compact, phoneDigits };
}

function entryOf(client: Client): Entry {
  const names = [client.names.latin, client.names.katakana, client.names.kanji]
    .filter((name): name is string => name !== undefined && name.length > 0)
    .map(foldForSearch);
  const email = client.contact?.email === undefined ? '' : foldForSearch(client.contact.email);
  const phone = client.contact?.phone === undefined ? undefined : phoneSearchDigits(client.contact.phone);
  return {
    client,
    id: client.id,
    names,
    compactNames: names.map(lettersAndDigits),
    words: [...names.flatMap(wordsOf), ...wordsOf(email)],
    email,
    compactEmail: lettersAndDigits(email),
    passport: client.passport === undefined ? '' : lettersAndDigits(foldForSearch(client.passport.number)),
    phone,
    sortKey: names[0] ?? '',
  };
}

/** Digits (leading zeros removed) within the phone's E.164 digits; none left matches any phone. */
function phoneMatches(entry: Entry, digits: string): boolean {
  if (entry.phone === undefined) return false;
  return digits.length === 0 || entry.phone.full.includes(digits);
}

function termMatches(entry: Entry, term: Term): boolean {
  for (const name of entry.names) if (name.includes(term.text)) return true;
  if (entry.email.includes(term.text)) return true;
  if (entry.passport.length > 0 && entry.passport.includes(term.alnum)) return true;
  return term.phoneDigits !== undefined && phoneMatches(entry, term.phoneDigits);
}

function compactMatches(entry: Entry, query: ParsedQuery): boolean {
  const { compact } = query;
  for (const name of entry.compactNames) if (name.includes(compact)) return true;
  if (entry.compactEmail.includes(compact)) return true;
  if (entry.passport.length > 0 && entry.passport.includes(compact)) return true;
  return query.phoneDigits !== undefined && phoneMatches(entry, query.phoneDigits);
}

function matches(entry: Entry, query: ParsedQuery): boolean {
  if (query.terms.length === 0) return true;
  if (query.terms.every((term) => termMatches(entry, term))) return true;
  return query.compact.length > 0 && compactMatches(entry, query);
}

function rankOf(entry: Entry, query: ParsedQuery): { rank: SearchRank; field?: SearchField } {
  const { trimmed, compact, phoneDigits, terms } = query;
  if (terms.length === 0) return { rank: 0 };
  if (
    entry.names.some((name) => name.startsWith(trimmed)) ||
    entry.compactNames.some((n) => n.startsWith(compact))
  ) {
    return { rank: 0, field: 'name' };
  }
  if (entry.email.startsWith(trimmed) || entry.compactEmail.startsWith(compact))
    return { rank: 0, field: 'email' };
  if (entry.passport.length > 0 && entry.passport.startsWith(compact)) return { rank: 0, field: 'passport' };
  if (
    phoneDigits !== undefined &&
    entry.phone !== undefined &&
    (entry.phone.full.startsWith(phoneDigits) || entry.phone.national.startsWith(phoneDigits))
  ) {
    return { rank: 0, field: 'phone' };
  }
  if (query.words.every((queryWord) => entry.words.some((word) => word.startsWith(queryWord)))) {
    const first = terms[0]!.text;
    return { rank: 1, field: entry.names.some((name) => name.includes(first)) ? 'name' : 'email' };
  }
  return { rank: 2, field: substringField(entry, query) };
}

function substringField(entry: Entry, query: ParsedQuery): SearchField {
  const term = query.terms[0]!;
  if (
    entry.names.some((name) => name.includes(term.text)) ||
    entry.compactNames.some((n) => n.includes(query.compact))
  ) {
    return 'name';
  }
  if (entry.email.includes(term.text) || entry.compactEmail.includes(query.compact)) return 'email';
  if (
    entry.passport.length > 0 &&
    (entry.passport.includes(term.alnum) || entry.passport.includes(query.compact))
  ) {
    return 'passport';
  }
  return 'phone';
}

function passesFilters(entry: Entry, filters: ClientSearchFilters | undefined): boolean {
  if (filters === undefined) return true;
  if (filters.statuses !== undefined && !filters.statuses.includes(entry.client.status)) return false;
  if (filters.assigneeId !== undefined && !entry.client.assignedStaffIds.includes(filters.assigneeId))
    return false;
  const trip = filters.upcomingTrip;
  if (trip !== undefined && !(typeof trip === 'function' ? trip(entry.id) : trip.has(entry.id))) return false;
  return true;
}

function sameFilters(a: ClientSearchFilters | undefined, b: ClientSearchFilters | undefined): boolean {
  const statusesA = a?.statuses === undefined ? undefined : [...a.statuses].sort().join(',');
  const statusesB = b?.statuses === undefined ? undefined : [...b.statuses].sort().join(',');
  return statusesA === statusesB && a?.assigneeId === b?.assigneeId && a?.upcomingTrip === b?.upcomingTrip;
}

interface Ranked {
  entry: Entry;
  rank: SearchRank;
  field?: SearchField;
}

function before(a: Ranked, b: Ranked): boolean {
  if (a.rank !== b.rank) return a.rank < b.rank;
  if (a.entry.sortKey !== b.entry.sortKey) return a.entry.sortKey < b.entry.sortKey;
  return a.entry.id < b.entry.id;
}

export class ClientSearchIndex {
  private readonly entries = new Map<string, Entry>();
  /** The last search's query, filters and every client it matched: the next keystroke starts from these. */
  private last: { folded: string; filters: ClientSearchFilters | undefined; matched: Entry[] } | undefined;

  constructor(clients: Iterable<Client> = []) {
    for (const client of clients) this.entries.set(client.id, entryOf(client));
  }

  get size(): number {
    return this.entries.size;
  }

  /** Adds a client or replaces the one with its id. */
  upsert(client: Client): void {
    this.entries.set(client.id, entryOf(client));
    this.last = undefined;
  }

  remove(id: string): void {
    if (this.entries.delete(id)) this.last = undefined;
  }

  search(query: string, options: ClientSearchOptions = {}): ClientSearchResult {
    const limit = Math.max(0, options.limit ?? 50);
    const parsed = parseQuery(query);
    const last = this.last;
    const candidates: Iterable<Entry> =
      last !== undefined &&
      parsed.folded.startsWith(last.folded) &&
      sameFilters(last.filters, options.filters)
        ? last.matched
        : this.entries.values();
    const matched: Entry[] = [];
    // The best `limit` so far, in order; most candidates fall behind the last one and cost one comparison.
    const top: Ranked[] = [];
    for (const entry of candidates) {
      if (!passesFilters(entry, options.filters) || !matches(entry, parsed)) continue;
      matched.push(entry);
      if (limit === 0) continue;
      const ranked: Ranked = { entry, ...rankOf(entry, parsed) };
      if (top.length === limit && !before(ranked, top[limit - 1]!)) continue;
      let low = 0;
      let high = top.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (before(top[mid]!, ranked)) low = mid + 1;
        else high = mid;
      }
      top.splice(low, 0, ranked);
      if (top.length > limit) top.pop();
    }
    this.last = { folded: parsed.folded, filters: options.filters, matched };
    return {
      total: matched.length,
      hits: top.map(({ entry, rank, field }) =>
        field === undefined ? { client: entry.client, rank } : { client: entry.client, rank, field },
      ),
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
