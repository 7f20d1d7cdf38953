import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/index';
import { DAY_MS } from '../../shared/domain/erasure';
import { createClientKeys, grant, type KeyDirectory } from '../../shared/crypto/client-keys';
import { openField, sealField } from '../../shared/crypto/field-envelope';
import type { StaffIdentity } from '../../shared/crypto/identity';
import { RECOVERY_RECIPIENT_ID, unwrapDataKey, type KeyWrap } from '../../shared/crypto/key-wrap';
import { loadSodium } from '../../shared/crypto/index';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import { clientId, pushAs, seedClients } from '../../tests/support/server/permission-documents';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import { ChangeStore } from '../sync/change-store';
import { ErasureStore } from './erasure-store';

const sodium = await loadSodium();
const PHRASE = 'Insulin-dependent diabetes since 2009';

function identity(staffId: string): StaffIdentity {
  const box = sodium.crypto_box_keypair();
  const sign = sodium.crypto_sign_keypair();
  return {
    staffId,
    boxPublicKey: box.publicKey,
    boxSecretKey: box.privateKey,
    signPublicKey: sign.publicKey,
    signSecretKey: sign.privateKey,
  };
}

for (const engine of testEngines) {
  describe(`crypto-shredding on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      await seedClients(server, staff.coordinator, [[1, [staff.concierge.staffId]]]);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    it('after the grace period, a ciphertext copied before opens with no key any device or the recovery sheet holds', async () => {
      // Keys as the devices and the printed sheet hold them (device ids as the wraps' recipients).
      const granter = identity(staff.coordinator.deviceId);
      const other = identity(staff.concierge.deviceId);
      const recovery = identity(RECOVERY_RECIPIENT_ID);
      const directory: KeyDirectory = new Map([[granter.staffId, granter]]);
      const id = clientId(1);
      const made = createClientKeys(sodium, id, granter, {
        id: RECOVERY_RECIPIENT_ID,
        boxPublicKey: recovery.boxPublicKey,
      });
      const granted = grant(
        sodium,
        made.state,
        granter,
        {
          id: other.staffId,
          boxPublicKey: other.boxPublicKey,
        },
        directory,
      );
      const context = { collection: 'medical', documentId: 'section-1', fieldPath: 'conditions' };
      const copied = sealField(sodium, made.dataKey, sodium.from_string(PHRASE), context);
      const wraps = granted.current.wraps.map((wrap) => ({
        ...wrap,
        id: `${wrap.clientId}.${wrap.keyId}.${wrap.recipientId}`,
        assignedStaffIds: [staff.concierge.staffId],
        createdAt: 1,
        updatedAt: 1,
        _deleted: false,
      }));
      const pushed = await pushAs(server, staff.coordinator, 'keyWraps', wraps);
      expect(pushed.json()).toEqual([]);

      const holders = [granter, other, recovery];
      const heldWraps = async () =>
        (
          await server.app.inject({
            method: 'GET',
            url: '/sync/keyWraps/pull?after=0&limit=100',
            headers: staff.coordinator.headers,
          })
        )
          .json<{ documents: Array<KeyWrap & { id: string }> }>()
          .documents.filter((wrap) => wrap.id.startsWith(id));
      const opens = (wrap: KeyWrap, holder: StaffIdentity) => {
        try {
          const key = unwrapDataKey(sodium, wrap, holder, granter.signPublicKey);
          return sodium.to_string(openField(sodium, key, copied, context)) === PHRASE;
        } catch {
          return false;
        }
      };
      // Before: every holder, the recovery sheet included, opens the copy through the wrap the server serves.
      const before = await heldWraps();
      expect(before).toHaveLength(3);
      for (const holder of holders)
        expect(
          before.some((wrap) => opens(wrap, holder)),
          holder.staffId,
        ).toBe(true);

      const store = new ErasureStore(handle.db, new ChangeStore(handle.db));
      const t0 = Date.now();
      await store.schedule(staff.admin.staffId, { clientId: id, basis: 'request' }, t0);
      expect((await store.run(t0 + 30 * DAY_MS)).executed).toHaveLength(1);

      // After: the server serves only tombstones, and no private key any holder has opens the copy by itself.
      const after = await heldWraps();
      expect(after.map((wrap) => wrap.id).sort()).toEqual(before.map((wrap) => wrap.id).sort());
      for (const wrap of after) {
        expect(wrap).toMatchObject({ _deleted: true, sealed: 'A', keyId: '-' });
        for (const holder of holders) expect(opens(wrap, holder)).toBe(false);
      }
      for (const holder of holders) {
        for (const bytes of [holder.boxSecretKey, holder.signSecretKey.subarray(0, 32)]) {
          expect(() => openField(sodium, { id: made.state.current.keyId, bytes }, copied, context)).toThrow();
        }
      }
      const stored = await handle.db.query(
        `SELECT 1 FROM sync_documents WHERE collection = 'keyWraps' AND data->>'sealed' <> 'A' AND id LIKE $1`,
        [`${id}%`],
      );
      expect(stored).toEqual([]);
    });
  });
}
