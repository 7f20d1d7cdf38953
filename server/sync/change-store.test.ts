import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../tests/support/server/engines';
import { pullQuery } from './change-store';

for (const engine of testEngines) {
  describe(`a concierge's pull on ${engine.name}`, () => {
    let handle: Awaited<ReturnType<typeof engine.open>>;
    beforeAll(async () => {
      handle = await engine.open();
      // A hundred staff members with fifty documents each (of a realistic size), and the planner's statistics.
      await handle.db.exec(`
        INSERT INTO sync_documents (collection, id, seq, deleted, data)
        SELECT 'clients', 'client-' || g, g, false,
               jsonb_build_object('assignedStaffIds', jsonb_build_array('staff-' || (g % 100)),
                                  'notes', repeat('x', 800))
          FROM generate_series(1, 5000) AS g;
        ANALYZE sync_documents;
      `);
    });
    afterAll(async () => {
      await handle.drop();
    });

    it('is served by the assigned-scope indexes instead of reading every change', async () => {
      const rows = await handle.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${pullQuery(true)}`, [
        'clients',
        0,
        100,
        'staff-7',
      ]);
      const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(plan).toContain('sync_documents_assigned');
      expect(plan).toContain('sync_documents_former_assignees');
      expect(plan).not.toMatch(/Seq Scan/);
    });
  });
}
