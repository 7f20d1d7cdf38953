import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../tests/support/server/engines';
import { deletedTripDetailsMigration } from './migration';

/** Migration 26 empties a deleted trip whose medical items (or a competing list of them) hold details in clear, and only those. */

const trip = (n: number, items: object[]) => ({
  id: `00000000-0000-4000-a900-${n.toString().padStart(12, '0')}`,
  clientId: '00000000-0000-4000-8000-000000000001',
  items,
});
const at = { start: '2026-04-03T09:00:00+09:00', end: '2026-04-03T12:00:00+09:00' };
const CLEAR = { id: 'p', kind: 'procedure', ...at, title: 'Xylocarpa knee arthroscopy' };
const SEALED = { id: 's', kind: 'therapy', ...at, sealedDetails: `1.k1.${'A'.repeat(60)}` };
const HOTEL = { id: 'h', kind: 'hotel', ...at, title: 'Hotel Okura' };

for (const engine of testEngines) {
  describe(`deleted trips lose medical details in clear (migration 26), on ${engine.name}`, () => {
    let handle: Awaited<ReturnType<typeof engine.open>>;
    beforeAll(async () => {
      handle = await engine.open();
    });
    afterAll(async () => handle?.drop());

    it('empties only deleted trips holding clear details, with a new sequence number', async () => {
      const { db } = handle;
      const rows: [Record<string, unknown> & { id: string }, boolean][] = [
        [trip(1, [HOTEL, CLEAR]), true],
        [trip(2, [HOTEL, SEALED]), true],
        [trip(3, [HOTEL, CLEAR]), false],
        [
          {
            ...trip(4, [HOTEL]),
            conflicts: [{ path: ['items'], values: [{ value: [HOTEL] }, { value: [CLEAR] }] }],
          },
          true,
        ],
      ];
      for (const [doc, deleted] of rows) {
        await db.query(
          `INSERT INTO sync_documents (collection, id, seq, deleted, data)
           VALUES ('trips', $1, nextval('sync_seq'), $2, $3::jsonb)`,
          [doc.id, deleted, JSON.stringify(doc)],
        );
      }
      const before = await db.query<{ id: string; seq: string }>(
        "SELECT id, seq::text FROM sync_documents WHERE collection = 'trips' ORDER BY id",
      );
      await db.query(deletedTripDetailsMigration.sql);
      const after = await db.query<{ id: string; seq: string; data: { items: unknown[] } }>(
        "SELECT id, seq::text, data FROM sync_documents WHERE collection = 'trips' ORDER BY id",
      );
      expect(after.map((row) => row.data.items)).toEqual([[], [HOTEL, SEALED], [HOTEL, CLEAR], []]);
      expect(JSON.stringify(after[3]!.data)).not.toContain(CLEAR.title);
      expect(after[0]!.seq).not.toBe(before[0]!.seq);
      expect(after[3]!.seq).not.toBe(before[3]!.seq);
      expect(after.slice(1, 3).map((row) => row.seq)).toEqual(before.slice(1, 3).map((row) => row.seq));
    });
  });
}
