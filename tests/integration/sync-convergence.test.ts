import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
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
import { countPendingChanges } from '../../renderer/src/sync/pending-changes';
import { clientsConflictHandler } from '../../renderer/src/store/local-store';
import { loadSodium } from '../../shared/crypto/index';
import { openSyncWorld, SyncDevice, type SyncWorld } from '../support/sync-devices';

/**
 * Three devices replicate through the real server with the app's own replication code while going offline,
 * editing the same clients, and coming back in random orders. Whatever happens, they must end up holding
 * exactly the server's documents, and no value anybody wrote may vanish unless a person replaced it knowingly.
 */

const FIELDS: readonly (readonly string[])[] = [
  ['names', 'latin'],
  ['names', 'katakana'],
  ['names', 'kanji'],
  ['status'],
];
const STATUSES = ['prospect', 'active', 'archived'] as const;

/** One value written by one device, and the values at that field its local state held just before. */
interface Write {
  device: number;
  id: string;
  path: readonly string[];
  key: string;
  seen: Set<string>;
}

type Action =
  | { kind: 'edit'; doc: number; field: number; status: number }
  | { kind: 'resolve'; doc: number; choice: number }
  | { kind: 'create' };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      doc: fc.nat(),
      field: fc.nat(),
      status: fc.nat(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('resolve' as const), doc: fc.nat(), choice: fc.nat() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('create' as const) }) },
);

const roundArb = fc.record({
  offline: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
  actions: fc.tuple(
    fc.array(actionArb, { maxLength: 5 }),
    fc.array(actionArb, { maxLength: 5 }),
    fc.array(actionArb, { maxLength: 5 }),
  ),
  comeBackOrder: fc.shuffledSubarray([0, 1, 2], { minLength: 3, maxLength: 3 }),
});

const scenarioArb = fc.array(roundArb, { minLength: 2, maxLength: 3 });

let world: SyncWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

let uuidCounter = 0;
const nextId = () => `00000000-0000-4000-8000-${(++uuidCounter).toString(16).padStart(12, '0')}`;
let clock = Date.now();
const tick = () => ++clock;

function seenAt(doc: Client, path: readonly string[]): Set<string> {
  const seen = new Set([conflictValueKey(valueAtPath(doc as never, path))]);
  const open = conflictAt(doc, path);
  if (open) for (const value of open.values) seen.add(conflictValueKey(value.value));
  return seen;
}

async function perform(device: SyncDevice, index: number, action: Action, writes: Write[]): Promise<void> {
  if (action.kind === 'create') {
    const doc = newClient(nextId(), { latin: `created by ${index} at ${tick()}` }, clock);
    writes.push(
      ...FIELDS.map((path) => ({
        device: index,
        id: doc.id,
        path,
        key: conflictValueKey(valueAtPath(doc as never, path)),
        seen: new Set<string>(),
      })),
    );
    await device.store.clients.insert(doc);
    return;
  }
  const docs = await device.store.clients.find().exec();
  if (docs.length === 0) return;
  const target = docs[action.doc % docs.length]!;
  if (action.kind === 'resolve') {
    const open = target.conflicts ?? [];
    if (open.length === 0) return;
    let write: Write | undefined;
    await target.incrementalModify((data) => {
      const conflict = data.conflicts?.find((c) => c.path.join('.') === open[0]!.path.join('.'));
      if (!conflict) return data;
      const values = competingValues(data as never, conflict);
      const chosen = values[action.choice % values.length]!.value;
      write = {
        device: index,
        id: data.id,
        path: conflict.path,
        key: conflictValueKey(chosen),
        seen: seenAt(data, conflict.path),
      };
      return resolveConflict(data, conflict.path, chosen, tick());
    });
    if (write) writes.push(write);
    return;
  }
  const path = FIELDS[action.field % FIELDS.length]!;
  const value: JsonValue =
    path[0] === 'status'
      ? STATUSES[action.status % STATUSES.length]!
      : `${path.join('.')} by ${index} at ${tick()}`;
  let write: Write | undefined;
  await target.incrementalModify((data) => {
    write = { device: index, id: data.id, path, key: conflictValueKey(value), seen: seenAt(data, path) };
    return { ...withValueAtPath(data, path, value), updatedAt: tick() };
  });
  writes.push(write!);
}

/** Every write is the field's final value, or one of its open conflict values, or knowingly replaced. */
function lostWrites(writes: Write[], finals: Map<string, Client>): Write[] {
  return writes.filter((write) => {
    const doc = finals.get(write.id);
    if (!doc) return true;
    if (seenAt(doc, write.path).has(write.key)) return false;
    const replacedKnowingly = writes.some(
      (other) =>
        other !== write &&
        other.id === write.id &&
        other.path.join('.') === write.path.join('.') &&
        other.key !== write.key &&
        other.seen.has(write.key),
    );
    return !replacedKnowingly;
  });
}

describe('three devices editing offline through the real server', () => {
  it('converge on the server state and lose no value a person did not replace', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (rounds) => {
        await world?.close();
        world = await openSyncWorld(3);
        const { devices } = world;
        const writes: Write[] = [];

        for (let n = 0; n < 4; n++) await perform(devices[0]!, 0, { kind: 'create' }, writes);
        await world.settle();

        for (const round of rounds) {
          round.offline.forEach((offline, i) => offline && devices[i]!.goOffline());
          for (let i = 0; i < devices.length; i++) {
            for (const action of round.actions[i]!) await perform(devices[i]!, i, action, writes);
          }
          for (const i of round.comeBackOrder) {
            if (!devices[i]!.online) devices[i]!.goOnline();
            await devices[i]!.sync();
          }
          await world.settle();
        }

        const onServer = await world.serverDocuments();
        for (const device of devices) expect(await device.documents()).toEqual(onServer);
        const finals = new Map(onServer.map((doc) => [doc.id, doc]));
        expect(lostWrites(writes, finals)).toEqual([]);
      }),
      // Each run builds a server and three stores; a failure reports its seed and scenario (no shrinking, for time).
      { numRuns: 4, endOnFailure: true },
    );
    // Four whole worlds (server, enrolment, three stores): 17 s on a quiet 2-core machine, more when it is shared.
  }, 120_000);

  it('a conflict resolved on one device is resolved on all', async () => {
    world = await openSyncWorld(3);
    const [a, b, c] = world.devices as [SyncDevice, SyncDevice, SyncDevice];
    const client = newClient(nextId(), { latin: 'Amelia Hartley' }, tick());
    await a.store.clients.insert(client);
    await world.settle();

    a.goOffline();
    b.goOffline();
    await (await a.store.clients.findOne(client.id).exec())!.incrementalPatch({
      names: { latin: 'Amelia Hart' },
      updatedAt: tick(),
    });
    await (await b.store.clients.findOne(client.id).exec())!.incrementalPatch({
      names: { latin: 'Amelia Hartley-Smith' },
      updatedAt: tick(),
    });
    a.goOnline();
    await a.sync();
    b.goOnline();
    await b.sync();
    await world.settle();

    for (const device of [a, b, c]) {
      const [doc] = await device.documents();
      expect(doc!.names.latin).toBe('Amelia Hart');
      expect(conflictAt(doc!, ['names', 'latin'])!.values.map((v) => v.value)).toEqual([
        'Amelia Hart',
        'Amelia Hartley-Smith',
      ]);
    }

    const onC = (await c.store.clients.findOne(client.id).exec())!;
    await onC.incrementalModify((data) =>
      resolveConflict(data, ['names', 'latin'], 'Amelia Hartley-Smith', tick()),
    );
    await world.settle();
    for (const device of [a, b, c]) {
      const [doc] = await device.documents();
      expect(doc!.names.latin).toBe('Amelia Hartley-Smith');
      expect(doc!.conflicts).toBeUndefined();
    }
  });

  it('many parallel writes from several devices end with every device holding exactly the server state', async () => {
    world = await openSyncWorld(3);
    const { devices } = world;
    const shared = Array.from({ length: 5 }, () => newClient(nextId(), { latin: 'Shared' }, tick()));
    await devices[0]!.store.clients.bulkInsert(shared);
    await world.settle();

    // Every device writes at once, without waiting for sync: new clients and edits of the same shared ones,
    // each device to its own name field. The last value each device applied must survive the merges.
    const fieldOf = (i: number) => (i === 0 ? 'latin' : i === 1 ? 'katakana' : 'kanji');
    const lastApplied = new Map<string, string>();
    await Promise.all(
      devices.flatMap((device, i) =>
        Array.from({ length: 20 }, async (_, n) => {
          if (n % 2 === 0) {
            await device.store.clients.insert(
              newClient(nextId(), { latin: `Device ${i} client ${n}` }, tick()),
            );
            return;
          }
          const doc = (await device.store.clients.findOne(shared[n % shared.length]!.id).exec())!;
          await doc.incrementalModify((data) => {
            lastApplied.set(`${data.id} ${fieldOf(i)}`, `d${i}-${n}`);
            return { ...withValueAtPath(data, ['names', fieldOf(i)], `d${i}-${n}`), updatedAt: tick() };
          });
        }),
      ),
    );
    await world.settle();

    const onServer = await world.serverDocuments();
    expect(onServer).toHaveLength(5 + 3 * 10);
    for (const device of devices) expect(await device.documents()).toEqual(onServer);
    // Each device edited its own field of the shared clients: they merged without a conflict and kept every edit.
    expect(lastApplied.size).toBe(3 * shared.length);
    const byId = new Map(onServer.map((doc) => [doc.id, doc]));
    for (const [key, value] of lastApplied) {
      const [id, field] = key.split(' ') as [string, 'latin' | 'katakana' | 'kanji'];
      expect(byId.get(id)!.names[field]).toBe(value);
      expect(byId.get(id)!.conflicts).toBeUndefined();
    }
  });

  it('counts local changes the server has not acknowledged, down to zero once they are pushed', async () => {
    world = await openSyncWorld(1);
    const [device] = world.devices as [SyncDevice];
    await world.settle();
    device.goOffline();
    for (let n = 0; n < 3; n++)
      await device.store.clients.insert(newClient(nextId(), { latin: `Offline ${n}` }, tick()));
    const first = (await device.store.clients.find().exec())[0]!;
    await first.incrementalPatch({ status: 'active', updatedAt: tick() });
    expect(await countPendingChanges(device.replication.state, clientsConflictHandler)).toBe(3);
    device.goOnline();
    await world.settle();
    expect(await countPendingChanges(device.replication.state, clientsConflictHandler)).toBe(0);
    expect(await world.serverDocuments()).toHaveLength(3);
  });

  it('a device joining late pulls in batches and hears after each how many changes remain', async () => {
    world = await openSyncWorld(1);
    const [first] = world.devices as [SyncDevice];
    await first.store.clients.bulkInsert(
      Array.from({ length: 250 }, (_, n) => newClient(nextId(), { latin: `Client ${n}` }, tick())),
    );
    await world.settle();
    const late = await SyncDevice.open(
      `late-${Date.now()}`,
      await loadSodium(),
      world.serverUrl,
      (await world.newSession()).headers,
    );
    world.devices.push(late);
    await world.settle();
    expect(await late.documents()).toHaveLength(250);
    // Batches of 100: 150 left, then 50, then none.
    expect(late.pullRemaining.slice(0, 3)).toEqual([150, 50, 0]);
  });
});
