import type { RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it, vi } from 'vitest';
import { generateIdentity, loadSodium, newDataKey } from '../../../../shared/crypto/index';
import { auditInputProblem, type AuditEvent } from '../../../../shared/domain/audit';
import { newClient } from '../../../../shared/index';
import { openLocalStore } from '../../store/local-store';
import { erasureLogger } from './erasure-data';
import { purgeErased } from './purge';

// The session module reads the host's bridge (a browser global); the purge needs neither.
vi.mock('../../session/index', () => ({ useSession: () => undefined }));

const ERASED = '00000000-0000-4000-8000-000000000001';
const ERASURE = '00000000-0000-4000-8200-000000000001';
const STAFF = '00000000-0000-4000-8000-0000000000a1';
const DEVICE = '00000000-0000-4000-8000-0000000000d1';

describe('an executed erasure purged, in the access log', () => {
  it('writes one `erased` entry naming the erasure (not the client) once the purge is confirmed', async () => {
    const sodium = await loadSodium();
    const key = newDataKey(sodium);
    const memory = getRxStorageMemory() as RxStorage<unknown, unknown>;
    const store = await openLocalStore(sodium, { vaultKey: () => key }, `purge-log-${Date.now()}`, memory);
    try {
      const session = {
        store,
        staffId: STAFF,
        deviceId: DEVICE,
        deviceKeys: () => generateIdentity(sodium, DEVICE),
      };
      const logged = async () =>
        (await store.auditEvents.find().exec()).map((doc) => doc.toJSON() as AuditEvent);
      const confirm = vi.fn(async () => undefined);
      const erasure = { id: ERASURE, clientId: ERASED, dueAt: 1, executed: true };
      await store.clients.insert(newClient(ERASED, { latin: 'Quillon Erasewell' }, 5));

      // The client still here (its tombstone not pulled yet): nothing purged, nothing logged.
      expect(await purgeErased(store, [erasure], confirm, erasureLogger(session))).toEqual([]);
      expect(await logged()).toEqual([]);

      await (await store.clients.findOne(ERASED).exec())!.remove();
      expect(await purgeErased(store, [erasure], confirm, erasureLogger(session))).toEqual([ERASURE]);
      const entries = await logged();
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        kind: 'erased',
        staffId: STAFF,
        deviceId: DEVICE,
        fields: ['purge'],
        target: `erasure:${ERASURE}`,
        seq: 1,
        assignedStaffIds: [STAFF],
      });
      // Without the client (in nobody's scope once erased), and loggable as the server's rule checks it.
      expect(entries[0]!.clientId).toBeUndefined();
      expect(auditInputProblem(entries[0]!)).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
