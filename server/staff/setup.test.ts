import { describe, expect, it } from 'vitest';
import { authPaths } from '../../shared/index';
import { identityServer } from '../../tests/support/server/identity-server';
import { testEngines } from '../../tests/support/server/engines';
import { newDeviceKeys, newRecoveryKeys, setUpOrganisation } from '../../tests/support/server/staff';

for (const engine of testEngines) {
  describe(`identity and devices on ${engine.name}`, () => {
    const t = identityServer(engine);
    const { inject } = t;

    it('sets the organisation up once, with the one-time code it printed, and prints none after', async () => {
      expect(t.setupCode).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$/);
      const keys = newDeviceKeys();
      const wrong = await inject('POST', authPaths.setup, undefined, {
        setupCode: 'ABCD-EFGH-JKMN-PQRS-TUVW',
        displayName: 'Mallory',
        device: keys.registration,
        recoveryPublicKey: newRecoveryKeys().publicKeyText,
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json()).toMatchObject({ reason: 'setup-code-invalid' });
      const admin = await setUpOrganisation(t.server.app, t.setupCode!.toLowerCase().replaceAll('-', ' '));
      expect(admin.role).toBe('admin');
      const again = await inject('POST', authPaths.setup, undefined, {
        setupCode: t.setupCode,
        displayName: 'Second admin',
        device: newDeviceKeys().registration,
        recoveryPublicKey: newRecoveryKeys().publicKeyText,
      });
      expect(again.statusCode).toBe(409);
      await t.server.close();
      await t.start();
      expect(t.setupCode).toBeUndefined();
      // The code is stored as a hash only.
      const stored = await t.handle.db.query<{ code_hash: string }>('SELECT code_hash FROM setup_codes');
      expect(stored.every((row) => /^[0-9a-f]{64}$/.test(row.code_hash))).toBe(true);
    });
  });
}
