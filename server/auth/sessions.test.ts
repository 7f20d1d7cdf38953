import { describe, expect, it } from 'vitest';
import { authPaths, SESSION_TTL_MS } from '../../shared/index';
import { loadSodium, signAuthChallenge } from '../../shared/crypto/index';
import { identityServer } from '../../tests/support/server/identity-server';
import { testEngines } from '../../tests/support/server/engines';
import { newDeviceKeys, setUpOrganisation } from '../../tests/support/server/staff';

const sodium = await loadSodium();

for (const engine of testEngines) {
  describe(`identity and devices on ${engine.name}`, () => {
    const t = identityServer(engine);
    const { inject } = t;

    it('gives a session only for a fresh challenge signed by the device key, and ends it when it expires', async () => {
      const admin = await setUpOrganisation(t.server.app, t.setupCode!);
      const challenge = (
        await inject('POST', authPaths.challenge, undefined, { deviceId: admin.deviceId })
      ).json();
      const forged = signAuthChallenge(
        sodium,
        newDeviceKeys().signSecretKey,
        challenge.challenge,
        admin.deviceId,
      );
      const bad = await inject('POST', authPaths.session, undefined, {
        challengeId: challenge.challengeId,
        deviceId: admin.deviceId,
        signature: forged,
      });
      expect([bad.statusCode, bad.json().reason]).toEqual([401, 'signature-invalid']);
      // The challenge was used up by the failed attempt.
      const replay = await inject('POST', authPaths.session, undefined, {
        challengeId: challenge.challengeId,
        deviceId: admin.deviceId,
        signature: signAuthChallenge(sodium, admin.keys.signSecretKey, challenge.challenge, admin.deviceId),
      });
      expect([replay.statusCode, replay.json().reason]).toEqual([401, 'challenge-invalid']);
      expect((await inject('GET', authPaths.me, admin)).json()).toMatchObject({
        staffId: admin.staffId,
        role: 'admin',
      });
      t.now += SESSION_TTL_MS + 1;
      const expired = await inject('GET', authPaths.me, admin);
      expect([expired.statusCode, expired.json().reason]).toEqual([401, 'session-expired']);
      const stored = await t.handle.db.query<{ token_hash: string }>('SELECT token_hash FROM sessions');
      expect(stored.some((row) => row.token_hash === admin.token)).toBe(false);
    });
  });
}
