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
  email: string;
  compactEmail: string;
  /** Names and e-mail joined by a character no query holds: one `includes` instead of four. */
  haystack: string;
  compactHaystack: string;
  /** Every field (and its compact form) preceded by the separator: `includes(separator + text)` is "a field starts with". */
  starts: string;
  /** The same for the words of names and e-mail. */
  wordStarts: string;
  /**
   * The first HEAD_LENGTH characters of each field of `starts` (and of each word of `wordStarts`), joined the
   * same way: a short string that rules most clients out of a rank before the long one is searched.
   */
  startHeads: string;
  wordHeads: string;
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
  /** Separator + the query (as typed, compact, phone digits): found in `Entry.starts` when a field starts with it. */
  startKeys: string[];
  /** Separator + each query word, for `Entry.wordStarts`. */
  wordKeys: string[];
  /** The keys cut to the separator and HEAD_LENGTH characters, for `Entry.startHeads` and `Entry.wordHeads`. */
  startHeadKeys: string[];
  wordHeadKeys: string[];
  compact: string;
  phoneDigits?: string;
}

/** How many leading characters of each field `Entry.startHeads` keeps. */
const HEAD_LENGTH = 2;
const headOf = (field: string) => field.slice(0, HEAD_LENGTH);

/** Joins the fields of a haystack; queries never contain it (parseQuery drops control characters). */
const SEPARATOR = '\u0001';

const PHONE_LIKE = /^[+\d\s().-]*\d[+\d\s().-]*$/;

function phoneDigitsOf(text: string): string | undefined {
  return PHONE_LIKE.test(text) ? text.replace(/\D/g, '').replace(/^0+/, '') : undefined;
}

function parseQuery(query: string): ParsedQuery {
  // eslint-disable-next-line no-control-regex
  const typed = query.slice(0, SEARCH_QUERY_MAX_LENGTH).replace(/[\u0000-\u001f\u007f]/g, '');
  const folded = foldForSearch(typed).replace(/^ /, '');
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
  const startKeys = [trimmed, compact, phoneDigits]
    .filter((key, i, keys): key is string => key !== undefined && key.length > 0 && keys.indexOf(key) === i)
    .map((key) => SEPARATOR + key);
  const wordKeys = words.map((word) => SEPARATOR + word);
  const head = (key: string) => key.slice(0, 1 + HEAD_LENGTH);
  const parsed: ParsedQuery = {
    folded,
    trimmed,
    terms,
    words,
    startKeys,
    wordKeys,
    startHeadKeys: startKeys.map(head),
    wordHeadKeys: wordKeys.map(head),
    compact,
  };
  if (phoneDigits !== undefined) parsed.phoneDigits = phoneDigits;
  return parsed;
}

function entryOf(client: Client): Entry {
  const names = [client.names.latin, client.names.katakana, client.names.kanji]
    .filter((name): name is string => name !== undefined && name.length > 0)
    .map(foldForSearch);
  const email = client.contact?.email === undefined ? '' : foldForSearch(client.contact.email);
  const phone = client.contact?.phone === undefined ? undefined : phoneSearchDigits(client.contact.phone);
  const passport =
    client.passport === undefined ? '' : lettersAndDigits(foldForSearch(client.passport.number));
  const startFields = [
    ...names,
    ...names.map(lettersAndDigits),
    email,
    lettersAndDigits(email),
    passport,
    phone?.full,
    phone?.national,
  ].filter((field): field is string => field !== undefined && field.length > 0);
  const words = [...names.flatMap(wordsOf), ...wordsOf(email)];
  return {
    client,
    id: client.id,
    names,
    compactNames: names.map(lettersAndDigits),
    email,
    compactEmail: lettersAndDigits(email),
    haystack: [...names, email].join(SEPARATOR),
    compactHaystack: [...names, email].map(lettersAndDigits).join(SEPARATOR),
    starts: SEPARATOR + startFields.join(SEPARATOR),
    wordStarts: SEPARATOR + words.join(SEPARATOR),
    startHeads: SEPARATOR + startFields.map(headOf).join(SEPARATOR),
    wordHeads: SEPARATOR + words.map(headOf).join(SEPARATOR),
    passport,
    phone,
    sortKey: names[0] ?? '',
  };
}

/** Digits (leading zeros removed) within the phone's E.164 digits; none left matches any phone. */
function phoneMatches(entry: Entry, digits: string): boolean {
  if (entry.phone === undefined) return false;
  return digits.length === 0 || entry.phone.full.includes(digits);
}

function anyIncludes(list: readonly string[], text: string): boolean {
  for (const item of list) if (item.includes(text)) return true;
  return false;
}

function anyStartsWith(list: readonly string[], text: string): boolean {
  for (const item of list) if (item.startsWith(text)) return true;
  return false;
}

// The functions below run for every candidate on every keystroke: plain loops, no closures or objects made.

function termMatches(entry: Entry, term: Term): boolean {
  if (entry.haystack.includes(term.text)) return true;
  if (entry.passport.length > 0 && entry.passport.includes(term.alnum)) return true;
  return term.phoneDigits !== undefined && phoneMatches(entry, term.phoneDigits);
}

function compactMatches(entry: Entry, query: ParsedQuery): boolean {
  const { compact } = query;
  if (entry.compactHaystack.includes(compact)) return true;
  if (entry.passport.length > 0 && entry.passport.includes(compact)) return true;
  return query.phoneDigits !== undefined && phoneMatches(entry, query.phoneDigits);
}

function matches(entry: Entry, query: ParsedQuery): boolean {
  const { terms } = query;
  if (terms.length === 0) return true;
  let every = true;
  for (const term of terms) {
    if (!termMatches(entry, term)) {
      every = false;
      break;
    }
  }
  return every || (query.compact.length > 0 && compactMatches(entry, query));
}

function startsField(entry: Entry, query: ParsedQuery): SearchField | undefined {
  const { trimmed, compact, phoneDigits } = query;
  if (anyStartsWith(entry.names, trimmed) || anyStartsWith(entry.compactNames, compact)) return 'name';
  if (entry.email.startsWith(trimmed) || entry.compactEmail.startsWith(compact)) return 'email';
  if (entry.passport.length > 0 && entry.passport.startsWith(compact)) return 'passport';
  if (
    phoneDigits !== undefined &&
    entry.phone !== undefined &&
    (entry.phone.full.startsWith(phoneDigits) || entry.phone.national.startsWith(phoneDigits))
  ) {
    return 'phone';
  }
  return undefined;
}

function rankOf(entry: Entry, query: ParsedQuery): SearchRank {
  if (query.terms.length === 0) return 0;
  const { startKeys, startHeadKeys, wordKeys, wordHeadKeys } = query;
  for (let i = 0; i < startKeys.length; i++) {
    if (entry.startHeads.includes(startHeadKeys[i]!) && entry.starts.includes(startKeys[i]!)) return 0;
  }
  for (let i = 0; i < wordKeys.length; i++) {
    if (!entry.wordHeads.includes(wordHeadKeys[i]!) || !entry.wordStarts.includes(wordKeys[i]!)) return 2;
  }
  return 1;
}

/** The field to highlight in a hit (worked out for the hits returned only). */
function fieldOf(entry: Entry, query: ParsedQuery, rank: SearchRank): SearchField | undefined {
  if (query.terms.length === 0) return undefined;
  if (rank === 0) return startsField(entry, query) ?? 'name';
  const term = query.terms[0]!;
  if (anyIncludes(entry.names, term.text) || anyIncludes(entry.compactNames, query.compact)) return 'name';
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
}

/** Whether (rank a, entry a) comes before (rank b, entry b): by rank, then Latin name, then id. */
function precedes(rankA: SearchRank, a: Entry, rankB: SearchRank, b: Entry): boolean {
  if (rankA !== rankB) return rankA < rankB;
  if (a.sortKey !== b.sortKey) return a.sortKey < b.sortKey;
  return a.id < b.id;
}

interface Narrowing {
  folded: string;
  filters: ClientSearchFilters | undefined;
  matched: Entry[];
}

/** Whether the last keystroke's matches hold every match of this one (same filters, the text extended). */
function narrows(last: Narrowing | undefined, parsed: ParsedQuery, filters: ClientSearchFilters | undefined) {
  return last !== undefined && parsed.folded.startsWith(last.folded) && sameFilters(last.filters, filters);
}

function bySortKey(a: Entry, b: Entry): number {
  if (a.sortKey !== b.sortKey) return a.sortKey < b.sortKey ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
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
