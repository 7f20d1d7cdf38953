/**
 * The sync server as the fault suite runs it: a process of its own that the suite kills with SIGKILL and starts
 * again on the same data (PGlite directory or PostgreSQL database) and port. On its first start it sets the
 * organisation up and writes the device keys and sessions of FAULT_STAFF coordinators to FAULT_STAFF_FILE (sessions live in the
 * database, so they survive the kills).
 */
import { writeFileSync } from 'node:fs';
import { buildServer } from '../../server/app';
import { openDatabase } from '../../server/db/open';
import { addStaff, setUpOrganisation } from '../support/server/staff';
import { toBase64Url } from '../../shared/crypto/encoding';
import { LOOPBACK_AUTH_RATE_LIMIT } from '../support/server/limits';

const env = process.env;
const db = await openDatabase(
  env.FAULT_DATABASE_URL ? { databaseUrl: env.FAULT_DATABASE_URL } : { dataDir: env.FAULT_DATA_DIR },
);
let setupCode = '';
const server = await buildServer({
  db,
  authRateLimit: LOOPBACK_AUTH_RATE_LIMIT,
  allowedOrigins: [],
  logLevel: 'silent',
  onSetupCode: (code) => (setupCode = code),
});
if (setupCode) {
  const admin = await setUpOrganisation(server.app, setupCode);
  const staff = [];
  for (let i = 0; i < Number(env.FAULT_STAFF ?? 3); i++) {
    const member = await addStaff(server.app, admin, 'coordinator');
    // The device's signing key too: sessions last 15 minutes, and the suite renews them as the app does.
    staff.push({
      deviceId: member.deviceId,
      signSecretKey: toBase64Url(member.keys.signSecretKey),
      token: member.token,
    });
  }
  writeFileSync(env.FAULT_STAFF_FILE!, JSON.stringify(staff));
}
await server.app.listen({ host: '127.0.0.1', port: Number(env.FAULT_PORT) });
console.log('fault-server ready');
