import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newClient, type Client, type ClientStatus } from './client';
import { ClientSearchIndex, clientListFilters, clientsWithTripWithin } from './client-search';
import { foldForSearch } from './search-text';

const STAFF_A = '00000000-0000-4000-8000-0000000000aa';
const STAFF_B = '00000000-0000-4000-8000-0000000000bb';
const idOf = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

function client(
  n: number,
  fields: Partial<Client> & { latin: string },
  status: ClientStatus = 'active',
): Client {
  const { latin, ...rest } = fields;
  return { ...newClient(idOf(n), { latin }, n, [STAFF_A]), status, ...rest, names: { latin, ...rest.names } };
}

const zoe = client(1, {
  latin: 'Zoë Hartley',
  names: { latin: 'Zoë Hartley', katakana: 'ゾーイ・ハートリー' },
  contact: { email: 'zoe.hartley@example.co.uk', phone: '+442079460018' },
  passport: { number: 'X1234567', country: 'GB', expiryDate: '2030-05-31' },
});
const hanako = client(
  2,
  {
    latin: 'Hanako Tanaka',
    names: { latin: 'Hanako Tanaka', katakana: 'タナカ ハナコ', kanji: '田中 花子' },
    contact: { phone: '+819012345678' },
    assignedStaffIds: [STAFF_B],
  },
  'prospect',
);
const maryJane = client(3, { latin: "Mary-Jane O'Neil", contact: { email: 'mj@oneil.ie' } });
const sharon = client(4, { latin: 'Sharon Blake', contact: { email: 'sharon@example.com' } }, 'archived');
const harald = client(5, {
  latin: 'Harald Ødegård',
  passport: { number: 'N98765432', country: 'NO', expiryDate: '2031-01-01' },
});
const all = [zoe, hanako, maryJane, sharon, harald];

const names = (
  index: ClientSearchIndex,
  query: string,
  options?: Parameters<ClientSearchIndex['search']>[1],
) => index.search(query, options).hits.map((hit) => hit.client.names.latin);

describe('foldForSearch', () => {
  it('folds case, diacritics, special Latin letters, widths and kana', () => {
    expect(foldForSearch('ZOË')).toBe('zoe');
    expect(foldForSearch('Łukasz Straße Ærø Ødegård')).toBe('lukasz strasse aero odegard');
    expect(foldForSearch('ｱﾒﾘｱ')).toBe('あめりあ');
    expect(foldForSearch('アメリア')).toBe(foldForSearch('あめりあ'));
    expect(foldForSearch('ガ')).toBe('が'); // voicing marks are kept
    expect(foldForSearch('ＡＢ　１２')).toBe('ab 12');
    expect(foldForSearch('田中　花子')).toBe('田中 花子');
    expect(foldForSearch('O’Neil')).toBe("o'neil");
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (text) => {
        expect(foldForSearch(foldForSearch(text))).toBe(foldForSearch(text));
      }),
    );
  });
});

describe('ClientSearchIndex', () => {
  const index = new ClientSearchIndex(all);

  it('finds names in any script, folded', () => {
    expect(names(index, 'zoe')).toEqual(['Zoë Hartley']);
    expect(names(index, 'ZOË HART')).toEqual(['Zoë Hartley']);
    expect(names(index, 'ぞーい')).toEqual(['Zoë Hartley']);
    expect(names(index, 'ﾀﾅｶ')).toEqual(['Hanako Tanaka']);
    expect(names(index, 'たなか')).toEqual(['Hanako Tanaka']);
    expect(names(index, '田中')).toEqual(['Hanako Tanaka']);
    expect(names(index, '花')).toEqual(['Hanako Tanaka']);
    expect(names(index, 'odegard')).toEqual(['Harald Ødegård']);
    expect(names(index, 'maryjane')).toEqual(["Mary-Jane O'Neil"]);
    expect(names(index, 'o’neil')).toEqual(["Mary-Jane O'Neil"]);
    expect(names(index, 'hartley zoe')).toEqual(['Zoë Hartley']);
  });

  it('finds e-mail addresses and passport numbers, ignoring case and spaces', () => {
    expect(names(index, 'zoe.hartley@ex')).toEqual(['Zoë Hartley']);
    expect(names(index, 'oneil.ie')).toEqual(["Mary-Jane O'Neil"]);
    expect(names(index, 'x 1234-567')).toEqual(['Zoë Hartley']);
    expect(names(index, 'n9876')).toEqual(['Harald Ødegård']);
  });

  it('finds phone numbers by their digits, with or without the country code', () => {
    for (const typed of [
      '020 7946 0018',
      '+44 20 7946',
      '0044 20 7946 0018',
      '7946 0018',
      '(020) 7946-0018',
    ]) {
      expect(names(index, typed), typed).toEqual(['Zoë Hartley']);
    }
    expect(names(index, '090-1234-5678')).toEqual(['Hanako Tanaka']);
    expect(names(index, '+81 90 1234')).toEqual(['Hanako Tanaka']);
    expect(names(index, '+44 90 1234')).toEqual([]);
  });

  it('ranks prefix matches first, then word starts, then other substrings, by name within each', () => {
    const result = index.search('har');
    expect(result.hits.map((hit) => [hit.client.names.latin, hit.rank, hit.field])).toEqual([
      ['Harald Ødegård', 0, 'name'],
      ['Zoë Hartley', 1, 'name'],
      ['Sharon Blake', 2, 'name'],
    ]);
    expect(index.search('7946').hits[0]).toMatchObject({ rank: 2, field: 'phone' });
    expect(index.search('020 7946').hits[0]).toMatchObject({ rank: 0, field: 'phone' });
    expect(index.search('x123').hits[0]).toMatchObject({ rank: 0, field: 'passport' });
    expect(index.search('sharon@').hits[0]).toMatchObject({ rank: 0, field: 'name' });
    expect(index.search('example.com').hits[0]).toMatchObject({ rank: 1, field: 'email' });
  });

  it('lets a better rank in even when its name sorts after the last hit', () => {
    const mary = client(10, { latin: 'Mary Blake' });
    const zed = client(11, { latin: 'Zed Person', contact: { email: 'bl@example.com' } });
    expect(names(new ClientSearchIndex([mary, zed]), 'bl', { limit: 1 })).toEqual(['Zed Person']);
    expect(names(new ClientSearchIndex([zed, mary]), 'bl', { limit: 1 })).toEqual(['Zed Person']);
  });

  it('lists everyone by name for an empty query, and counts beyond the limit', () => {
    expect(names(index, '  ')).toEqual([
      'Hanako Tanaka',
      'Harald Ødegård',
      "Mary-Jane O'Neil",
      'Sharon Blake',
      'Zoë Hartley',
    ]);
    const limited = index.search('a', { limit: 2 });
    expect(limited.total).toBe(5);
    expect(limited.hits).toHaveLength(2);
    expect(index.search('a', { limit: 0 })).toEqual({ total: 5, hits: [] });
  });

  it('filters by status, assignee and upcoming trip', () => {
    expect(names(index, 'a', { filters: { statuses: ['prospect', 'archived'] } })).toEqual([
      'Hanako Tanaka',
      'Sharon Blake',
    ]);
    expect(names(index, '', { filters: { assigneeId: STAFF_B } })).toEqual(['Hanako Tanaka']);
    expect(names(index, '', { filters: { upcomingTrip: new Set([zoe.id, sharon.id]) } })).toEqual([
      'Sharon Blake',
      'Zoë Hartley',
    ]);
    expect(names(index, 'h', { filters: { upcomingTrip: (id) => id === harald.id } })).toEqual([
      'Harald Ødegård',
    ]);
  });

  it('follows additions, changes and removals, also in the middle of typing', () => {
    const live = new ClientSearchIndex(all);
    expect(names(live, 'zo')).toEqual(['Zoë Hartley']);
    live.upsert(client(6, { latin: 'Zola Mbeki' }));
    expect(names(live, 'zol')).toEqual(['Zola Mbeki']);
    live.upsert({ ...zoe, names: { latin: 'Zoë Hart-Smith' } });
    expect(names(live, 'zo')).toEqual(['Zoë Hart-Smith', 'Zola Mbeki']);
    // The new name no longer has it; the e-mail address still does.
    expect(live.search('hartley').hits.map((hit) => hit.field)).toEqual(['email']);
    expect(names(live, 'ぞーい')).toEqual([]);
    live.remove(idOf(6));
    live.remove('not-there');
    expect(names(live, 'zo')).toEqual(['Zoë Hart-Smith']);
    expect(live.size).toBe(5);
  });
});

describe('searchAll, for the scrolling list', () => {
  it('returns every match best first, follows changes, and applies the filter bar', () => {
    const index = new ClientSearchIndex(all);
    const listed = (query: string, filters?: Parameters<typeof clientListFilters>[0]) =>
      index
        .searchAll(query, { filters: filters && clientListFilters(filters, new Set([zoe.id])) })
        .clients.map((c) => c.names.latin);
    expect(listed('')).toEqual([
      'Hanako Tanaka',
      'Harald Ødegård',
      "Mary-Jane O'Neil",
      'Sharon Blake',
      'Zoë Hartley',
    ]);
    // A prefix match (Harald) before a word start (Zoë Hartley) before other substrings.
    expect(listed('har')).toEqual(['Harald Ødegård', 'Zoë Hartley', 'Sharon Blake']);
    expect(listed('', { status: 'prospect', upcomingTripOnly: false })).toEqual(['Hanako Tanaka']);
    expect(listed('', { status: 'all', assigneeId: STAFF_B, upcomingTripOnly: false })).toEqual([
      'Hanako Tanaka',
    ]);
    expect(listed('', { status: 'all', upcomingTripOnly: true })).toEqual(['Zoë Hartley']);
    expect(clientListFilters({ status: 'all', upcomingTripOnly: false }, new Set())).toBeUndefined();
    index.upsert(client(7, { latin: 'Aaron Harper' }));
    expect(listed('har')[0]).toBe('Harald Ødegård');
    expect(listed('har')).toContain('Aaron Harper');
    index.remove(harald.id);
    expect(listed('har')).toEqual(['Aaron Harper', 'Zoë Hartley', 'Sharon Blake']);
  });
});

describe('search as you type', () => {
  const pools = {
    latin: [
      'Zoë Hartley',
      'Hanako Tanaka',
      "Mary-Jane O'Neil",
      'Harald Ødegård',
      'Åsa Öberg',
      'Zoe Hart',
      'Sharon Blake',
    ],
    katakana: ['ゾーイ・ハートリー', 'タナカ ハナコ', 'ハラルド', undefined],
    kanji: ['田中 花子', '張 美玲', undefined],
    email: ['zoe@example.co.uk', 'h.tanaka@example.jp', 'mj@oneil.ie', undefined],
    phone: ['+442079460018', '+819012345678', '+12125550100', '+33142685300', undefined],
    passport: ['X1234567', 'TK0012345', 'N98765432', undefined],
  };
  const arbitraryClient = fc
    .record({
      latin: fc.constantFrom(...pools.latin),
      katakana: fc.constantFrom(...pools.katakana),
      kanji: fc.constantFrom(...pools.kanji),
      email: fc.constantFrom(...pools.email),
      phone: fc.constantFrom(...pools.phone),
      passport: fc.constantFrom(...pools.passport),
      status: fc.constantFrom<ClientStatus>('prospect', 'active', 'archived'),
    })
    .map((r) => ({
      latin: r.latin,
      names: {
        latin: r.latin,
        ...(r.katakana ? { katakana: r.katakana } : {}),
        ...(r.kanji ? { kanji: r.kanji } : {}),
      },
      ...(r.email || r.phone
        ? { contact: { ...(r.email ? { email: r.email } : {}), ...(r.phone ? { phone: r.phone } : {}) } }
        : {}),
      ...(r.passport ? { passport: { number: r.passport, country: 'GB', expiryDate: '2030-01-01' } } : {}),
      status: r.status,
    }));
  // What people type: pieces of the stored values (in other widths, cases and kana), and some noise.
  const typed = fc.oneof(
    fc
      .constantFrom(
        ...Object.values(pools)
          .flat()
          .filter((v): v is string => v !== undefined),
      )
      .chain((value) =>
        fc
          .tuple(fc.nat(value.length), fc.nat(value.length))
          .map(([a, b]) => value.slice(Math.min(a, b), Math.max(a, b))),
      ),
    fc.constantFrom(
      '020 7946 0018',
      '0044 20',
      '+81 90',
      'ﾀﾅｶ',
      'ｿﾞｰｲ',
      'ZOË ',
      'x 1234',
      '00',
      '0',
      ' - ',
      'h t',
    ),
    fc.string({ maxLength: 4 }),
  );

  it('gives the same results keystroke by keystroke as a fresh search, and never more after a keystroke', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryClient, { minLength: 1, maxLength: 25 }),
        fc.array(typed, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(' ')),
        fc.constantFrom(undefined, ['active'] as ClientStatus[]),
        fc.integer({ min: 1, max: 6 }),
        (specs, query, statuses, limit) => {
          const clients = specs.map((spec, i) => {
            const { latin, status, ...rest } = spec;
            return client(i + 1, { latin, ...rest }, status);
          });
          const typing = new ClientSearchIndex(clients);
          const listing = new ClientSearchIndex(clients);
          const options = { limit, filters: statuses === undefined ? undefined : { statuses } };
          let previous: Set<string> | undefined;
          let previousFolded = '';
          for (let n = 0; n <= query.length; n++) {
            const prefix = query.slice(0, n);
            const incremental = typing.search(prefix, options);
            const fresh = new ClientSearchIndex(clients).search(prefix, options);
            expect(incremental).toEqual(fresh);
            const everything = new ClientSearchIndex(clients).search(prefix, { ...options, limit: 1000 });
            // The limited hits are the best of all, in order: rank, then Latin name (folded), then id.
            expect(incremental.hits).toEqual(everything.hits.slice(0, options.limit));
            // The list's search: every match, in the same order, also keystroke by keystroke.
            expect(listing.searchAll(prefix, { filters: options.filters })).toEqual({
              total: everything.total,
              clients: everything.hits.map((hit) => hit.client),
            });
            const order = everything.hits.map(
              (h) => [h.rank, foldForSearch(h.client.names.latin), h.client.id] as const,
            );
            for (let i = 1; i < order.length; i++) {
              const [a, b] = [order[i - 1]!, order[i]!];
              expect(a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2])))).toBe(
                true,
              );
            }
            const matched = new Set(everything.hits.map((h) => h.client.id));
            const folded = foldForSearch(prefix).replace(/^ /, '');
            if (previous !== undefined && folded.startsWith(previousFolded)) {
              for (const id of matched)
                expect(previous.has(id), `${prefix} after ${previousFolded}`).toBe(true);
            }
            previous = matched;
            previousFolded = folded;
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('clientsWithTripWithin', () => {
  it('takes trips under way today or starting within the days given', () => {
    const trips = [
      { clientId: 'under-way', startDate: '2026-03-28', endDate: '2026-04-02' },
      { clientId: 'ended', startDate: '2026-03-20', endDate: '2026-03-31' },
      { clientId: 'soon', startDate: '2026-04-15', endDate: '2026-04-20' },
      { clientId: 'later', startDate: '2026-04-16', endDate: '2026-04-20' },
    ];
    expect([...clientsWithTripWithin(trips, '2026-04-01', 14)].sort()).toEqual(['soon', 'under-way']);
  });
});
