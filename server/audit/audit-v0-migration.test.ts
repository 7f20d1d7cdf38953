import { describe, expect, it } from 'vitest';
import { loadSodium } from '../../shared/crypto/index';
import { legacyEntryHash, legacySealOf } from '../../shared/crypto/audit-verify';
import { legacySeal } from './checkpoints';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations/index';
import { openPglite } from '../db/pglite';

describe('migration 8: version 0 access-log events', () => {
  it('become legacy entries with a new seq, their content kept; other documents untouched', async () => {
    const db = await openPglite(undefined);
    try {
      await migrate(
        db,
        migrations.filter((m) => m.version < 8),
      );
      const v0 = {
        id: '00000000-0000-4000-8000-0000000000e1',
        kind: 'medical-unsealed',
        staffId: '00000000-0000-4000-8000-0000000000aa',
        deviceId: '00000000-0000-4000-8000-0000000000d1',
        clientId: '00000000-0000-4000-8000-000000000001',
        fields: ['history', 'allergies'],
        at: 1_700_000_000_000,
        assignedStaffIds: ['00000000-0000-4000-8000-0000000000aa'],
      };
      await db.query(
        `INSERT INTO sync_documents (collection, id, seq, data) VALUES
          ('auditEvents', $1, nextval('sync_seq'), $2), ('trips', 't1', nextval('sync_seq'), '{"id":"t1"}')`,
        [v0.id, JSON.stringify(v0)],
      );
      const before = await db.query<{ id: string; seq: number }>(
        'SELECT id, seq FROM sync_documents ORDER BY id',
      );
      expect(await migrate(db)).toEqual(migrations.filter((m) => m.version >= 8).map((m) => m.version));
      const after = await db.query<{ id: string; seq: number; data: unknown }>(
        'SELECT id, seq, data FROM sync_documents ORDER BY id',
      );
      const event = after.find((row) => row.id === v0.id)!;
      const data = typeof event.data === 'string' ? JSON.parse(event.data) : event.data;
      expect(data).toEqual({ ...v0, seq: 0, legacy: true });
      expect(Number(event.seq)).toBeGreaterThan(Math.max(...before.map((row) => Number(row.seq))));
      expect(after.find((row) => row.id === 't1')!.seq).toEqual(before.find((row) => row.id === 't1')!.seq);
      // Migration 13 seals the legacy set as it stands: the seal is of this entry, and of no altered copy.
      const sodium = await loadSodium();
      const seal = await legacySeal(db);
      expect(seal).toEqual(legacySealOf(sodium, [{ id: v0.id, hash: legacyEntryHash(sodium, data) }]));
      const altered = { ...data, fields: ['history'] };
      expect(seal).not.toEqual(legacySealOf(sodium, [{ id: v0.id, hash: legacyEntryHash(sodium, altered) }]));
    } finally {
      await db.close();
    }
  });
});
