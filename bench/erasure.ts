import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../server/db/database';
import { openDatabase } from '../server/db/open';
import { ErasureStore } from '../server/erasure/erasure-store';
import { ChangeStore } from '../server/sync/change-store';
import { checkTarget, ms, section } from './report';

/**
 * Erasing 1,000 clients through the retention job (server/erasure/erasure-store.ts), among 2,000, each with a
 * trip, a medical section, a consent and two key wraps: on real PostgreSQL when LUMINA_BENCH_DATABASE_URL or
 * LUMINA_TEST_DATABASE_URL names a server, else on PGlite. The device's purge over 10,000 clients is not
 * measured here (it needs the browser store bench: docs/erasure.md says so).
 */
const CLIENTS = 2_000;
const ERASED = 1_000;
const BUDGET_MS = 120_000;

async function seed(db: Database): Promise<string> {
  const staffId = randomUUID();
  await db.query(
    `INSERT INTO staff (id, display_name, role, status, created_at) VALUES ($1, 'Bench DPO', 'admin', 'active', 0)`,
    [staffId],
  );
  await db.query(
    `INSERT INTO sync_documents (collection, id, seq, deleted, data, former_assignees)
     SELECT c.collection, c.id, nextval('sync_seq'), false, c.data, '[]'::jsonb FROM (
       SELECT 'clients' AS collection, cid AS id,
              jsonb_build_object('id', cid, 'names', jsonb_build_object('latin', 'Bench Client ' || n), 'status', 'active',
                'passport', jsonb_build_object('number', 'BP' || n), 'assignedStaffIds', '[]'::jsonb,
                'createdAt', 1, 'updatedAt', 1) AS data, n, 0 AS k
         FROM (SELECT n, ('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0')) AS cid
                 FROM generate_series(1, $1::int) AS n) s
       UNION ALL
       SELECT x.collection, cid || '.' || x.collection || '.' || x.k, jsonb_build_object('id', cid || '.' || x.collection,
                'clientId', cid, 'title', 'Trip of Bench Client ' || n, 'recipientId', x.recipient,
                'assignedStaffIds', '[]'::jsonb), n, 1
         FROM (SELECT n, ('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0')) AS cid
                 FROM generate_series(1, $1::int) AS n) s
        CROSS JOIN (VALUES ('trips', 1, NULL), ('medical', 1, NULL), ('consents', 1, NULL),
                           ('keyWraps', 1, 'org-recovery'), ('keyWraps', 2, NULL)) AS x(collection, k, recipient)
     ) c ORDER BY c.n, c.k`,
    [CLIENTS],
  );
  await db.query(
    `INSERT INTO erasures (id, client_id, basis, scheduled_by, scheduled_at, due_at, status)
     SELECT gen_random_uuid(), ('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid, 'retention-rule', $2, 0, 0,
            'scheduled'
       FROM generate_series(1, $1::int) AS n`,
    [ERASED, staffId],
  );
  return staffId;
}

async function measure(name: string, db: Database): Promise<void> {
  await seed(db);
  const store = new ErasureStore(db, new ChangeStore(db));
  const started = performance.now();
  const run = await store.run(Date.now(), { batchSize: 100 });
  const elapsed = performance.now() - started;
  const [left] = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM sync_documents WHERE data::text LIKE '%Bench Client%' AND NOT deleted`,
  );
  console.log(
    `  ${name}: ${run.executed.length} erasures in ${ms(elapsed)} (${ms(elapsed / run.executed.length)} each); ` +
      `documents still naming a client: ${left!.n} (the ${CLIENTS - ERASED} kept clients' ${(CLIENTS - ERASED) * 6})`,
  );
  checkTarget(
    `erasing ${ERASED} clients through the retention job (${name})`,
    Math.round(elapsed),
    BUDGET_MS,
    ' ms',
  );
}

export async function runErasureBenchmark(): Promise<void> {
  section(`Erasure: ${ERASED} clients through the retention job, among ${CLIENTS}`);
  const adminUrl = process.env.LUMINA_BENCH_DATABASE_URL || process.env.LUMINA_TEST_DATABASE_URL;
  if (adminUrl) {
    const name = `lumina_bench_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const db = await openDatabase({ databaseUrl: url.toString() });
    try {
      await measure('PostgreSQL', db);
    } finally {
      await db.close();
      await admin.query(`DROP DATABASE ${name}`);
      await admin.end();
    }
  } else {
    console.log('  Neither LUMINA_BENCH_DATABASE_URL nor LUMINA_TEST_DATABASE_URL is set: PGlite only.');
    const db = await openDatabase({});
    try {
      await measure('PGlite', db);
    } finally {
      await db.close();
    }
  }
}
