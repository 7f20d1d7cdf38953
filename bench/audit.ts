import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxJsonSchema } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { loadSodium } from '../shared/crypto/index';

type KeyPair = { publicKey: Uint8Array; privateKey: Uint8Array };
import {
  AUDIT_GENESIS,
  auditEntryHash,
  signAuditEntry,
  type UnsignedAuditEntry,
} from '../shared/crypto/audit-chain';
import {
  AUDIT_NDJSON_FORMAT,
  legacySealOf,
  signCheckpoint,
  type AuditNdjsonHeader,
} from '../shared/crypto/audit-verify';
import { verifyAuditFile } from '../scripts/audit-verify-file';
import { toBase64Url } from '../shared/crypto/encoding';
import { generateIdentity } from '../shared/crypto/identity';
import { auditEventSchema, unsealEntry, type AuditEvent } from '../shared/domain/audit';
import { collectionRegistry } from '../shared/sync/registry';
import { logAccess } from '../renderer/src/core/audit/log-access';
import { checkTarget, percentile } from './report';

/**
 * The access log (issue 18):
 *   1. what logging adds to opening a medical section: logAccess (chain, sign, insert) against the insert of the
 *      same entry unchained, as the log did before (the in-run baseline), median per opening;
 *   2. verifying an exported log of AUDIT_BENCH_ENTRIES entries (default 1,000,000) over 20 devices, written as
 *      NDJSON and streamed back as `npm run audit:verify` does (every link, each device's last signature, the
 *      signed end): a million entries exceed one V8 string, so nothing reads the file whole.
 * CPU time is printed beside wall time: the build machine is shared, and wall time grows with its load.
 */

addRxPlugin(RxDBMigrationSchemaPlugin);
const sodium = await loadSodium();
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

async function loggingCost(): Promise<void> {
  const db = await createRxDatabase({ name: `bench-audit-${Date.now()}`, storage: getRxStorageMemory() });
  await db.addCollections({
    auditEvents: {
      schema: auditEventSchema as unknown as RxJsonSchema<AuditEvent>,
      migrationStrategies: collectionRegistry.auditEvents.migrations,
    },
  });
  const collection = db.collections.auditEvents as unknown as RxCollection<AuditEvent>;
  const device = generateIdentity(sodium, uuid(0xd1));
  const session = {
    store: { auditEvents: collection },
    staffId: uuid(0xaa),
    deviceId: device.staffId,
    deviceKeys: () => ({
      ...device,
      boxSecretKey: device.boxSecretKey.slice(),
      signSecretKey: device.signSecretKey.slice(),
    }),
  };
  const entry = unsealEntry(['history', 'currentMedications', 'allergies'], uuid(1));
  const logged: number[] = [];
  const plain: number[] = [];
  let n = 0;
  const cpu = { logged: 0, plain: 0 };
  for (let i = 0; i < 600; i++) {
    let t = performance.now();
    let c = cpuMs();
    await collection.insert({
      id: uuid(1_000_000 + ++n),
      ...entry,
      staffId: session.staffId,
      deviceId: session.deviceId,
      at: Date.now(),
      seq: 0,
      legacy: true,
      assignedStaffIds: [session.staffId],
    });
    if (i >= 100) {
      plain.push(performance.now() - t);
      cpu.plain += cpuMs() - c;
    }
    t = performance.now();
    c = cpuMs();
    await logAccess(session, entry, { assignedStaffIds: [session.staffId] });
    if (i >= 100) {
      logged.push(performance.now() - t);
      cpu.logged += cpuMs() - c;
    }
  }
  await db.remove();
  const medianLogged = percentile(logged, 50);
  const medianPlain = percentile(plain, 50);
  console.log(
    `access log: per opening, chained+signed ${medianLogged.toFixed(3)} ms median (CPU ${(cpu.logged / logged.length).toFixed(3)} ms mean)` +
      `, unchained insert ${medianPlain.toFixed(3)} ms (CPU ${(cpu.plain / plain.length).toFixed(3)} ms); ratio ${(medianLogged / medianPlain).toFixed(2)}`,
  );
  checkTarget(
    'access log: added per medical-section opening (median)',
    Math.max(0, medianLogged - medianPlain),
    1,
    ' ms',
  );
}

/**
 * Writes `count` entries over `devices` devices as an NDJSON export (header, entries, signed end) to `file`, one
 * line at a time; links are real, only each device's last entry is signed for real. Answers the bytes written.
 */
async function writeSyntheticLog(
  file: string,
  count: number,
  devices: number,
  server: KeyPair,
): Promise<number> {
  const ids = Array.from({ length: devices }, (_, d) => generateIdentity(sodium, uuid(0xd000 + d)));
  const heads = ids.map(() => ({ seq: 0, hash: AUDIT_GENESIS }));
  const filler = toBase64Url(sodium.randombytes_buf(64));
  const out = createWriteStream(file);
  let bytes = 0;
  const write = async (value: unknown) => {
    const line = `${JSON.stringify(value)}\n`;
    bytes += line.length;
    if (!out.write(line)) await once(out, 'drain');
  };
  const header: AuditNdjsonHeader = {
    format: AUDIT_NDJSON_FORMAT,
    exportedAt: Date.now(),
    devices: ids.map((id) => ({ deviceId: id.staffId, signPublicKey: toBase64Url(id.signPublicKey) })),
    checkpoints: [],
    serverPublicKey: toBase64Url(server.publicKey),
  };
  await write(header);
  for (let i = 0; i < count; i++) {
    const d = i % devices;
    const signer = ids[d]!;
    const head = heads[d]!;
    const unsigned: UnsignedAuditEntry = {
      id: uuid(i + 1),
      kind: 'medical-unsealed',
      staffId: uuid(0xaa + d),
      deviceId: signer.staffId,
      clientId: uuid(0xc0000 + (i % 5000)),
      fields: ['history', 'allergies'],
      at: 1_790_000_000_000 + i,
      seq: head.seq + 1,
      prevHash: head.hash,
      assignedStaffIds: [uuid(0xaa + d)],
    };
    const last = i >= count - devices;
    const entry = last ? signAuditEntry(sodium, unsigned, signer) : { ...unsigned, signature: filler };
    await write(entry);
    heads[d] = { seq: unsigned.seq, hash: auditEntryHash(sodium, entry) };
  }
  const checkpoint = signCheckpoint(
    sodium,
    {
      id: 1,
      at: Date.now(),
      heads: ids.map((id, d) => ({ deviceId: id.staffId, ...heads[d]! })),
      legacy: legacySealOf(sodium, []),
      // The first of the numbered sequence, as a fresh server's export end.
      prev: null,
    },
    server.privateKey,
  );
  await write({ end: { entries: count, checkpoint } });
  await new Promise((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve(0))),
  );
  return bytes;
}

/** The main thread's time on a core and waiting for one, in ns (Linux; zeros elsewhere). Read synchronously: an
 * asynchronous read opens the file on a libuv worker, whose thread-self is not the verifier's. */
function schedstat(): { runNs: number; waitNs: number } {
  let text = '0 0';
  try {
    text = readFileSync('/proc/thread-self/schedstat', 'utf8');
  } catch {
    // not Linux
  }
  const [runNs, waitNs] = text.trim().split(/\s+/).map(Number);
  return { runNs: runNs ?? 0, waitNs: waitNs ?? 0 };
}

async function verifyCost(): Promise<void> {
  const count = Number(process.env.AUDIT_BENCH_ENTRIES ?? 1_000_000);
  const server = sodium.crypto_sign_keypair();
  const dir = await mkdtemp(join(tmpdir(), 'audit-bench-'));
  const file = join(dir, 'access-log.ndjson');
  try {
    let t = performance.now();
    const bytes = await writeSyntheticLog(file, count, 20, server);
    console.log(
      `access log: wrote ${count} entries as NDJSON (${(bytes / 1e6).toFixed(0)} MB: beyond one V8 string at a million) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    t = performance.now();
    const c = cpuMs();
    const sched = schedstat();
    // What `npm run audit:verify <file> --server-key <key>` does: streamed line by line, links, heads, end.
    const { result } = await verifyAuditFile(sodium, file, { pinnedKey: toBase64Url(server.publicKey) });
    const wall = (performance.now() - t) / 1000;
    const cpu = (cpuMs() - c) / 1000;
    const waited = (schedstat().waitNs - sched.waitNs) / 1e9;
    if (!result.ok) throw new Error(`the synthetic log does not verify: ${JSON.stringify(result.broken)}`);
    console.log(
      `access log: verified ${count} entries streamed from NDJSON in ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU ` +
        `(reading and parsing included); peak RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
    );
    // Mostly synchronous: wall beyond CPU is time spent waiting for a core (or on the file).
    console.log(
      `access log: while verifying, the main thread waited ${waited.toFixed(1)} s for a core (run queue, /proc/self/schedstat; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`,
    );
    const scaled = (cpu * 1_000_000) / count;
    checkTarget('access log: verifying 1,000,000 entries (CPU)', scaled, 30, ' s');
    checkTarget(
      'access log: verifying 1,000,000 entries (wall, shared machine)',
      (wall * 1_000_000) / count,
      30,
      ' s',
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function runAuditBenchmark(): Promise<void> {
  await loggingCost();
  await verifyCost();
}
