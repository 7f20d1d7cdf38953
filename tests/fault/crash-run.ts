import { loadSodium } from '../../shared/crypto/index';
import {
  canonicalJson,
  conflictAt,
  newClient,
  valueAtPath,
  withValueAtPath,
  type Client,
  type PullResponse,
} from '../../shared/index';
import { FaultDevice, Session } from './fault-device';
import { ServerHandle, type Engine } from './server-handle';

/**
 * One fault run: devices edit clients at random, online and offline, through a server in a child process that is
 * killed with SIGKILL while pushes are in flight and started again, `kills` times (and, on PostgreSQL, the
 * database restarted once half way). Then every device comes online, all settle, and the ledger is checked.
 */
export interface CrashRunOptions {
  engine: Engine;
  kills: number;
  devices?: number;
  /** PostgreSQL server to make the throwaway database on (LUMINA_TEST_DATABASE_URL). */
  adminUrl?: string;
  /** Restart the whole PostgreSQL cluster instead of cutting the run's database off. */
  restartCluster?: boolean;
  seed?: number;
  /** Clients the first device writes before the others start (300). */
  seedDocuments?: number;
  /** Each request's delay is random up to this (100 ms): the window a real network leaves. */
  latencyMs?: number;
  /** No new kill (after the first) starts after this many milliseconds of killing. */
  budgetMs?: number;
  log?: (line: string) => void;
}

export interface CrashFigures {
  engine: Engine;
  kills: number;
  databaseRestart?: string;
  localEdits: number;
  acknowledged: number;
  /** Acknowledged writes neither on the server and every device nor knowingly replaced. */
  lost: number;
  /** Written values found in more than one document, or documents held twice. */
  duplicated: number;
  /** Local edits (acknowledged or not) neither on the server nor pending, nor knowingly replaced. */
  localEditsDropped: number;
  /** Devices whose documents differ from the server's after settling. */
  divergentDevices: number;
  seconds: number;
  examples: string[];
}

const PATHS = [
  ['names', 'latin'],
  ['names', 'katakana'],
  ['names', 'kanji'],
] as const;

interface Write {
  id: string;
  path: string;
  value: string;
  /** The values at that field (value and open conflict values) on the writer's device just before. */
  seen: Set<string>;
}

function valuesAt(doc: Client, path: readonly string[]): Set<string> {
  const values = new Set<string>();
  const value = valueAtPath(doc as never, path);
  if (typeof value === 'string') values.add(value);
  for (const competing of conflictAt(doc, path)?.values ?? []) {
    if (typeof competing.value === 'string') values.add(competing.value);
  }
  return values;
}

/** A small seeded generator (mulberry32): the same seed makes the same choices (timings still vary). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const key = (id: string, path: string, value: string) => `${id}\u0000${path}\u0000${value}`;

async function pullAll(serverUrl: string, session: Session): Promise<Client[]> {
  const docs = new Map<string, Client & { _deleted: boolean }>();
  let after = 0;
  for (;;) {
    const res = await fetch(`${serverUrl}/sync/clients/pull?after=${after}&limit=1000`, {
      headers: session.headers(),
    });
    if (res.status === 401) {
      await session.logIn();
      continue;
    }
    if (!res.ok) throw new Error(`pull: HTTP ${res.status}`);
    const page = (await res.json()) as PullResponse<Client>;
    for (const doc of page.documents) docs.set(doc.id, doc);
    if (page.documents.length === 0) break;
    after = page.checkpoint.seq;
  }
  return [...docs.values()]
    .filter((doc) => !doc._deleted)
    .map((doc) => {
      const { _deleted: deleted, ...content } = doc;
      void deleted;
      return content as Client;
    })
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

export async function runCrashScenario(options: CrashRunOptions): Promise<CrashFigures> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const rand = random(options.seed ?? 1);
  const deviceCount = options.devices ?? 3;
  const server = await ServerHandle.create(options.engine, deviceCount, options.adminUrl);
  const devices: FaultDevice[] = [];
  const writes: Write[] = [];
  const acknowledged = new Set<string>();
  let pushSent: (() => void) | undefined;
  let databaseRestart: string | undefined;
  let killsDone = 0;
  try {
    await server.start();
    const sodium = await loadSodium();
    const sessions = (await server.staff()).map((staff) => new Session(sodium, server.url, staff));
    // The renewal a long run needs, proved at once.
    for (const session of sessions) await session.logIn();
    const observer = {
      sent: () => pushSent?.(),
      acknowledged(rows: { newDocumentState: Client }[], conflicts: Client[]) {
        const refused = new Set(conflicts.map((doc) => doc.id));
        for (const { newDocumentState: doc } of rows) {
          if (refused.has(doc.id)) continue;
          for (const path of PATHS) {
            const value = valueAtPath(doc as never, path);
            if (typeof value === 'string') acknowledged.add(key(doc.id, path.join('.'), value));
          }
        }
        // What the live stream does: the other devices hear of the change and pull.
        for (const device of devices)
          if (device.online) device.events$.next({ collection: 'clients', seq: 0 });
      },
    };
    devices.push(await FaultDevice.open(0, sodium, server.url, sessions[0]!, observer));
    // Clients enough for several pages, so that the others' first sync is the bulk one (first-sync.ts) and
    // their upstream reads the store in several batches.
    const seeded = Array.from({ length: options.seedDocuments ?? 300 }, (_, n) => {
      const id = crypto.randomUUID();
      writes.push({ id, path: 'names.latin', value: `c0.s${n}`, seen: new Set() });
      return newClient(id, { latin: `c0.s${n}` }, Date.now());
    });
    await devices[0]!.store.clients.bulkInsert(seeded);
    await devices[0]!.sync();
    for (let i = 1; i < deviceCount; i++) {
      devices.push(await FaultDevice.open(i, sodium, server.url, sessions[i]!, observer));
    }
    for (const device of devices) device.latencyMs = options.latencyMs ?? 100;

    let editing = true;
    let counter = 0;
    const edit = async (device: FaultDevice) => {
      const roll = rand();
      if (roll < 0.01) {
        await device.restart();
        return;
      }
      if (roll < 0.05) {
        if (device.online) device.goOffline();
        else device.goOnline();
        return;
      }
      const docs = await device.store.clients.find().exec();
      if (roll < 0.03 || docs.length === 0) {
        const id = crypto.randomUUID();
        const value = `c${device.index}.${++counter}`;
        writes.push({ id, path: 'names.latin', value, seen: new Set() });
        await device.store.clients.insert(newClient(id, { latin: value }, Date.now()));
        return;
      }
      const target = docs[Math.floor(rand() * docs.length)]!;
      const path = PATHS[Math.floor(rand() * PATHS.length)]!;
      const value = `w${device.index}.${++counter}`;
      await target.incrementalModify((data) => {
        writes.push({ id: data.id, path: path.join('.'), value, seen: valuesAt(data as Client, path) });
        return { ...withValueAtPath(data, path, value), updatedAt: Date.now() };
      });
    };
    const editors = devices.map(async (device) => {
      while (editing) {
        await edit(device);
        await sleep(10 + rand() * 50);
      }
    });

    const budget = options.budgetMs ?? Number.POSITIVE_INFINITY;
    const restartAt = Math.max(1, Math.floor(options.kills / 2));
    const killing = Date.now();
    // At least one kill, whatever the machine's speed.
    for (let kill = 1; kill <= options.kills && (kill === 1 || Date.now() - killing < budget); kill++) {
      // Wait for a push to be on the wire (or give up waiting after a few seconds), then kill mid-flight.
      await Promise.race([new Promise<void>((resolve) => (pushSent = resolve)), sleep(3_000)]);
      pushSent = undefined;
      await sleep(rand() * 15);
      await server.kill();
      killsDone = kill;
      await sleep(rand() * 300);
      await server.start();
      for (const device of devices) if (device.online) device.events$.next('reconnected');
      log(`  kill ${kill}/${options.kills}: ${writes.length} local edits, ${acknowledged.size} acknowledged`);
      // Let the devices push for a moment on the restarted server.
      await sleep(500 + rand() * 2_000);
      if (options.engine === 'postgres' && kill === restartAt && options.adminUrl) {
        // Under the running server, while devices push.
        databaseRestart = await server.restartDatabase(options.adminUrl, 2_000, options.restartCluster);
        log(`  ${databaseRestart}`);
        await sleep(1_000);
      }
    }
    editing = false;
    await Promise.all(editors);

    // Settle: everybody online, syncing round after round until all hold the server's documents.
    for (const device of devices) if (!device.online) device.goOnline();
    let serverDocs: Client[] = [];
    let divergent = devices.length;
    for (let round = 0; round < 15 && divergent > 0; round++) {
      for (const device of devices) await device.sync();
      serverDocs = await pullAll(server.url, sessions[0]!);
      const expected = canonicalJson(serverDocs);
      const held = await Promise.all(devices.map(async (d) => canonicalJson(await d.documents())));
      divergent = held.filter((docs) => docs !== expected).length;
    }

    // The ledger.
    const finals = new Map(serverDocs.map((doc) => [doc.id, doc]));
    const replacedKnowingly = new Set<string>();
    for (const write of writes) {
      for (const value of write.seen) {
        if (value !== write.value) replacedKnowingly.add(key(write.id, write.path, value));
      }
    }
    const examples: string[] = [];
    let lost = 0;
    let dropped = 0;
    for (const write of writes) {
      const doc = finals.get(write.id);
      const here = doc ? valuesAt(doc, write.path.split('.')).has(write.value) : false;
      const k = key(write.id, write.path, write.value);
      if (here || replacedKnowingly.has(k)) continue;
      dropped += 1;
      if (acknowledged.has(k)) lost += 1;
      if (examples.length < 10) {
        examples.push(
          `${acknowledged.has(k) ? 'acknowledged' : 'local'} ${write.value} at ${write.path} of ${write.id}: ` +
            `the server holds ${JSON.stringify(doc ? valueAtPath(doc as never, write.path.split('.')) : null)}`,
        );
      }
    }
    let duplicated = 0;
    const holders = [serverDocs, ...(await Promise.all(devices.map((d) => d.documents())))];
    for (const docs of holders) {
      if (new Set(docs.map((doc) => doc.id)).size !== docs.length) duplicated += 1;
      const where = new Map<string, Set<string>>();
      for (const doc of docs) {
        for (const path of PATHS) {
          for (const value of valuesAt(doc, path)) {
            const ids = where.get(value) ?? new Set<string>();
            ids.add(doc.id);
            where.set(value, ids);
          }
        }
      }
      for (const [value, ids] of where) {
        if (ids.size > 1 && /^[cw]\d+\.s?\d+$/.test(value)) duplicated += 1;
      }
    }
    return {
      engine: options.engine,
      kills: killsDone,
      databaseRestart,
      localEdits: writes.length,
      acknowledged: writes.filter((w) => acknowledged.has(key(w.id, w.path, w.value))).length,
      lost,
      duplicated,
      localEditsDropped: dropped,
      divergentDevices: divergent,
      seconds: Math.round((Date.now() - started) / 1000),
      examples,
    };
  } finally {
    for (const device of devices) await device.close().catch(() => undefined);
    await server.dispose();
  }
}
