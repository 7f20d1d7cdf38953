import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  DELETED_PATH,
  competingValues,
  conflictAt,
  conflictValueKey,
  newClient,
  resolveConflict,
  valueAtPath,
  withValueAtPath,
  type Client,
  type JsonValue,
} from '../../shared/index';
import { openSyncWorld, type SyncDevice, type SyncWorld } from '../support/sync-devices';

/**
 * Issue 22, finding 8: people resolving conflicts (deletion conflicts above all) offline on several devices,
 * through the real server. Every device works offline and comes back one by one, so what each device knew when
 * it wrote is exact: what the server held when it last synced, and its own writes. A value or choice may end up
 * elsewhere than in the final document (its value or an open conflict's) only if a write by someone who knew it
 * replaced it.
 */

const FIELDS: readonly (readonly string[])[] = [['names', 'latin'], ['status']];
const STATUSES = ['prospect', 'active', 'archived'] as const;
// SYNC_CHOICES_ROUNDS=200 runs about that many rounds (runs of 5) for the acceptance figure; npm test keeps its 6 runs
// of three devices, one document and up to 3 actions per device and round (about 15 s).
const ROUNDS = Number(process.env.SYNC_CHOICES_ROUNDS) || 0;
const setting = (name: string, fallback: number) => Number(process.env[name]) || fallback;
// The acceptance run's load, as the run had it (3,308 writes over 200 rounds on four devices): four devices,
// 8 actions each per round, over 4 documents, new ones created as others are deleted. Each can be set.
const DEVICES = setting('SYNC_CHOICES_DEVICES', ROUNDS ? 4 : 3);
const ACTIONS = setting('SYNC_CHOICES_ACTIONS', ROUNDS ? 8 : 3);
const DOCS = setting('SYNC_CHOICES_DOCS', ROUNDS ? 4 : 1);
/** Creations keep the documents coming when deletions win; off in the default run (its scenarios stay as they were). */
const CREATES = DOCS > 1;
const ROUNDS_PER_RUN = ROUNDS ? { minLength: 5, maxLength: 5 } : { minLength: 4, maxLength: 5 };
const RUNS = ROUNDS ? Math.ceil(ROUNDS / 5) : 6;
const SEED = Number(process.env.SYNC_CHOICES_SEED) || 22;

interface Write {
  n: number;
  id: string;
  path: readonly string[];
  key: string;
  knew: Set<number>;
  /** A person's pick in a conflict: known only by knowing this write (an edit, by knowing its value). */
  choice: boolean;
  /**
   * An edit putting back the value the field held when its device last synced (after another edit of it in
   * between): the merge sees no edit of the field, so it is not a value to keep (a deletion it meets wins, as for
   * a write of the value a field already holds), though it does replace the device's edit before it.
   */
  revert?: boolean;
}

type Action =
  | { kind: 'edit'; doc: number; field: number; value: number }
  | { kind: 'delete'; doc: number }
  | { kind: 'resolve'; doc: number; which: number; choice: number }
  | { kind: 'create' };

const actionArbs = [
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      doc: fc.nat(),
      field: fc.nat(),
      value: fc.nat(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), doc: fc.nat() }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('resolve' as const),
      doc: fc.nat(),
      which: fc.nat(),
      choice: fc.nat(),
    }),
  },
];
const actionArb: fc.Arbitrary<Action> = CREATES
  ? fc.oneof(...actionArbs, { weight: 1, arbitrary: fc.constant({ kind: 'create' as const }) })
  : fc.oneof(...actionArbs);

const DEVICE_INDEXES = Array.from({ length: DEVICES }, (_, i) => i);
const roundArb = fc.record({
  // fast-check keeps arrays short by default (at most 10, mostly fewer): a longer load asks for its length outright.
  actions: fc.array(
    fc.array(actionArb, ACTIONS > 3 ? { minLength: ACTIONS, maxLength: ACTIONS } : { maxLength: ACTIONS }),
    {
      minLength: DEVICES,
      maxLength: DEVICES,
    },
  ),
  comeBackOrder: fc.shuffledSubarray(DEVICE_INDEXES, { minLength: DEVICES, maxLength: DEVICES }),
});

let world: SyncWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

let uuidCounter = 0;
const nextId = () => `00000000-0000-4000-9000-${(++uuidCounter).toString(16).padStart(12, '0')}`;
let clock = Date.now();
const tick = () => ++clock;

/** The values a document holds for a field: its own and those of an open conflict on it. */
function heldAt(doc: Client & { _deleted: boolean }, path: readonly string[]): Set<string> {
  const current = path[0] === '_deleted' ? doc._deleted : valueAtPath(doc as never, path);
  const held = new Set([conflictValueKey(current)]);
  for (const value of conflictAt(doc, path)?.values ?? []) held.add(conflictValueKey(value.value));
  return held;
}

class Knowledge {
  private count = 0;
  readonly writes: Write[] = [];
  private readonly server = new Set<number>();
  private readonly devices = Array.from({ length: DEVICES }, () => new Set<number>());
  private readonly unsynced = Array.from({ length: DEVICES }, () => new Set<number>());

  record(
    device: number,
    id: string,
    path: readonly string[],
    value: JsonValue | undefined,
    choice = false,
    revert = false,
  ): void {
    const n = ++this.count;
    this.writes.push({
      n,
      id,
      path,
      key: conflictValueKey(value),
      knew: new Set(this.devices[device]),
      choice,
      ...(revert ? { revert } : {}),
    });
    this.devices[device]!.add(n);
    this.unsynced[device]!.add(n);
  }

  /** A device synced on its own: it pushed its writes and learnt what the server held. */
  synced(device: number): void {
    for (const n of this.unsynced[device]!) this.server.add(n);
    this.unsynced[device]!.clear();
    for (const n of this.server) this.devices[device]!.add(n);
  }

  /** Every device synced until all converged: each knows everything. */
  settled(): void {
    for (let i = 0; i < DEVICES; i++) this.synced(i);
    for (let i = 0; i < DEVICES; i++) this.synced(i);
  }
}

/** Each device's documents as of its last sync: what the server held then, the base its next push merges from. */
type Bases = Map<string, Client>[];

async function snapshot(bases: Bases, device: SyncDevice, index: number): Promise<void> {
  bases[index] = new Map((await device.documents()).map((doc) => [doc.id, doc]));
}

async function perform(
  device: SyncDevice,
  index: number,
  action: Action,
  known: Knowledge,
  bases: Bases,
): Promise<void> {
  if (action.kind === 'create') {
    const id = nextId();
    known.record(index, id, ['names', 'latin'], `new ${id.slice(-4)}`);
    await device.store.clients.insert(newClient(id, { latin: `new ${id.slice(-4)}` }, tick()));
    return;
  }
  const docs = await device.store.clients.find().exec();
  if (docs.length === 0) return;
  const target = docs[action.doc % docs.length]!;
  if (action.kind === 'delete') {
    known.record(index, target.id, DELETED_PATH, true);
    await target.remove();
    return;
  }
  if (action.kind === 'resolve') {
    const open = target.conflicts ?? [];
    if (open.length === 0) return;
    const path = open[action.which % open.length]!.path;
    let chosen: JsonValue | undefined;
    await target.incrementalModify((data) => {
      const conflict = conflictAt(data, path)!;
      const values = competingValues(data as never, conflict);
      chosen = values[action.choice % values.length]!.value;
      return resolveConflict(data, path, chosen, tick());
    });
    known.record(index, target.id, path, chosen, true);
    return;
  }
  const path = FIELDS[action.field % FIELDS.length]!;
  const value: JsonValue =
    path[0] === 'status'
      ? STATUSES[action.value % STATUSES.length]!
      : `latin ${action.value % 3} by ${index}`;
  const before = conflictValueKey(valueAtPath(target.toJSON() as never, path));
  await target.incrementalModify((data) => ({ ...withValueAtPath(data, path, value), updatedAt: tick() }));
  // Writing the value the field already holds changes nothing a merge could keep or lose (the merge sees no edit of
  // the field, so a deletion it meets wins, as designed); only a write that changes the value is a person's edit.
  if (conflictValueKey(value) === before) return;
  const base = bases[index]?.get(target.id);
  const revert =
    base !== undefined && conflictValueKey(valueAtPath(base as never, path)) === conflictValueKey(value);
  known.record(index, target.id, path, value, false, revert);
}

/** Writes neither in the final state nor replaced by a write whose author knew them. */
function lostWrites(writes: Write[], finals: Map<string, Client & { _deleted: boolean }>): Write[] {
  const isDeletion = (w: Write) => w.path[0] === '_deleted' && w.key === 'true';
  const samePlace = (a: Write, b: Write) => a.id === b.id && a.path.join('.') === b.path.join('.');
  // Knowing an edit is knowing its value, whoever wrote it; knowing a choice is knowing that very choice.
  const knows = (other: Write, write: Write) =>
    other.knew.has(write.n) ||
    (!write.choice &&
      writes.some((w) => !w.choice && samePlace(w, write) && w.key === write.key && other.knew.has(w.n)));
  return writes.filter((write) => {
    if (write.revert) return false;
    const doc = finals.get(write.id)!;
    const aliveOrAboutDeletion = !doc._deleted || write.path[0] === '_deleted';
    if (aliveOrAboutDeletion && heldAt(doc, write.path).has(write.key)) return false;
    return !writes.some(
      (other) =>
        other.id === write.id &&
        knows(other, write) &&
        ((other.path.join('.') === write.path.join('.') && other.key !== write.key) ||
          (doc._deleted && isDeletion(other))),
    );
  });
}

describe('people resolving conflicts offline on several devices, through the real server', () => {
  const totals = { rounds: 0, writes: 0, choices: 0, reverts: 0, lost: 0 };
  afterAll(() => {
    if (ROUNDS) {
      const load = { devices: DEVICES, actions: ACTIONS, docs: DOCS };
      console.log(`sync choices (seed ${SEED}, ${JSON.stringify(load)}): ${JSON.stringify(totals)}`);
    }
  });

  it(
    'lose no choice and no value: whatever a write overrides, its author had seen',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(roundArb, ROUNDS_PER_RUN), async (rounds) => {
          await world?.close();
          world = await openSyncWorld(DEVICES);
          const { devices } = world;
          const known = new Knowledge();
          const ids = Array.from({ length: DOCS }, nextId);
          for (const id of ids)
            await devices[0]!.store.clients.insert(newClient(id, { latin: 'Original' }, tick()));
          await world.settle();
          const bases: Bases = [];
          for (let i = 0; i < DEVICES; i++) await snapshot(bases, devices[i]!, i);

          for (const round of rounds) {
            for (const device of devices) device.goOffline();
            for (let i = 0; i < DEVICES; i++) {
              for (const action of round.actions[i]!) await perform(devices[i]!, i, action, known, bases);
            }
            for (const i of round.comeBackOrder) {
              devices[i]!.goOnline();
              await devices[i]!.sync();
              known.synced(i);
              await snapshot(bases, devices[i]!, i);
            }
            await world.settle();
            known.settled();
            for (let i = 0; i < DEVICES; i++) await snapshot(bases, devices[i]!, i);
          }

          const rows = await world.db.query<{ id: string; deleted: boolean; data: Client }>(
            "SELECT id, deleted, data FROM sync_documents WHERE collection = 'clients'",
          );
          const finals = new Map(rows.map((row) => [row.id, { ...row.data, _deleted: row.deleted }]));
          const lost = lostWrites(known.writes, finals);
          totals.rounds += rounds.length;
          totals.writes += known.writes.length;
          totals.choices += known.writes.filter((w) => w.choice).length;
          totals.reverts += known.writes.filter((w) => w.revert).length;
          totals.lost += lost.length;
          if (lost.length > 0 && process.env.DEBUG_CHOICES) {
            for (const w of known.writes)
              console.log(w.n, w.id.slice(-2), w.path.join('.'), w.key, w.choice, [...w.knew].join(','));
            console.log(JSON.stringify([...finals.values()], null, 1));
          }
          expect(lost).toEqual([]);
        }),
        // Bounded and seeded: the same scenarios every run (each builds a server and three stores).
        // SYNC_CHOICES_PATH replays one failing run (fast-check's `path`, with the same SYNC_CHOICES_ROUNDS).
        { numRuns: RUNS, seed: SEED, path: process.env.SYNC_CHOICES_PATH, endOnFailure: true },
      );
    },
    Math.max(180_000, ROUNDS * 15_000),
  );
});
