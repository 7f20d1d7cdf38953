import { describe, expect, it } from 'vitest';
import { authPaths, type DirectoryStaffView } from '../../shared/index';
import { identityServer } from '../../tests/support/server/identity-server';
import { testEngines } from '../../tests/support/server/engines';
import { addStaff, newDeviceKeys, setUpOrganisation } from '../../tests/support/server/staff';

for (const engine of testEngines) {
  describe(`identity and devices on ${engine.name}`, () => {
    const t = identityServer(engine);
    const { inject } = t;

    it('keeps the recovery public key given at setup and serves it, with the staff directory, to any device', async () => {
      const keys = newDeviceKeys();
      const setUp = (recoveryPublicKey?: string) =>
        inject('POST', authPaths.setup, undefined, {
          setupCode: t.setupCode,
          displayName: 'First admin',
          device: keys.registration,
          ...(recoveryPublicKey === undefined ? {} : { recoveryPublicKey }),
        });
      expect((await setUp()).statusCode).toBe(400);
      // 43 characters, but with trailing bits set: not the encoding of 32 bytes.
      const short = await setUp(`${'A'.repeat(42)}B`);
      expect(short.statusCode).toBe(400);
      expect(short.json()).toMatchObject({ reason: 'recovery-key-invalid' });
      expect(await t.handle.db.query('SELECT 1 FROM organisation')).toEqual([]);

      const admin = await setUpOrganisation(t.server.app, t.setupCode!);
      expect((await inject('GET', authPaths.organisation)).statusCode).toBe(401);
      expect((await inject('GET', authPaths.directory)).statusCode).toBe(401);
      const concierge = await addStaff(t.server.app, admin, 'concierge', 'Kenji Mori');
      const organisation = await inject('GET', authPaths.organisation, concierge);
      expect(organisation.statusCode).toBe(200);
      expect(organisation.json()).toEqual({ recoveryPublicKey: admin.recovery.publicKeyText });

      const directory = await inject('GET', authPaths.directory, concierge);
      expect(directory.statusCode).toBe(200);
      // The test clock stands still: both were created at the same time, so the order is the ids'.
      const entries = directory.json<DirectoryStaffView[]>();
      const of = (list: DirectoryStaffView[], id: string) => list.find((e) => e.id === id);
      expect(entries.map((e) => e.id).sort()).toEqual([admin.staffId, concierge.staffId].sort());
      expect(of(entries, admin.staffId)).toMatchObject({
        displayName: 'Test admin',
        role: 'admin',
        status: 'active',
      });
      expect(of(entries, concierge.staffId)).toEqual({
        id: concierge.staffId,
        displayName: 'Kenji Mori',
        role: 'concierge',
        status: 'active',
        devices: [
          {
            id: concierge.deviceId,
            status: 'active',
            boxPublicKey: concierge.keys.registration.boxPublicKey,
            signPublicKey: concierge.keys.registration.signPublicKey,
          },
        ],
      });
      // A revoked device stays listed, as revoked: its old signatures must still verify.
      expect((await inject('POST', authPaths.deviceRevoke(concierge.deviceId), admin, {})).statusCode).toBe(
        200,
      );
      const after = (await inject('GET', authPaths.directory, admin)).json<DirectoryStaffView[]>();
      expect(of(after, concierge.staffId)!.devices.map((d) => [d.id, d.status])).toEqual([
        [concierge.deviceId, 'revoked'],
      ]);
    });
  });
}
