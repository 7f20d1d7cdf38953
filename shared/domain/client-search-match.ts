import type { Client, ClientStatus } from './client';
import { phoneSearchDigits } from './phone';
import { foldForSearch, lettersAndDigits, wordsOf } from './search-text';

/** How the client search (client-search.ts) indexes one client and matches, ranks and filters it against a query. */

export type SearchField = 'name' | 'email' | 'passport' | 'phone';

/** 0: a field starts with the query; 1: each query word starts a word; 2: substring. */
export type SearchRank = 0 | 1 | 2;

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

/** Longer queries are cut: nobody types more, and it bounds the work per keystroke. */
export const SEARCH_QUERY_MAX_LENGTH = 200;

export interface Entry {
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

export interface ParsedQuery {
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

export function parseQuery(query: string): ParsedQuery {
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

export function entryOf(client: Client): Entry {
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

export function matches(entry: Entry, query: ParsedQuery): boolean {
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

export function rankOf(entry: Entry, query: ParsedQuery): SearchRank {
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
export function fieldOf(entry: Entry, query: ParsedQuery, rank: SearchRank): SearchField | undefined {
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

export function passesFilters(entry: Entry, filters: ClientSearchFilters | undefined): boolean {
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

/** Whether (rank a, entry a) comes before (rank b, entry b): by rank, then Latin name, then id. */
export function precedes(rankA: SearchRank, a: Entry, rankB: SearchRank, b: Entry): boolean {
  if (rankA !== rankB) return rankA < rankB;
  if (a.sortKey !== b.sortKey) return a.sortKey < b.sortKey;
  return a.id < b.id;
}

export interface Narrowing {
  folded: string;
  filters: ClientSearchFilters | undefined;
  matched: Entry[];
}

/** Whether the last keystroke's matches hold every match of this one (same filters, the text extended). */
export function narrows(
  last: Narrowing | undefined,
  parsed: ParsedQuery,
  filters: ClientSearchFilters | undefined,
) {
  return last !== undefined && parsed.folded.startsWith(last.folded) && sameFilters(last.filters, filters);
}

export function bySortKey(a: Entry, b: Entry): number {
  if (a.sortKey !== b.sortKey) return a.sortKey < b.sortKey ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
