import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadSodium, newDataKey, type Sodium } from '../../../../shared/crypto/index';
import { newClient, type Client } from '../../../../shared/index';
import { openLocalStore, type LocalStore } from '../../store/local-store';
import { chooseClientValue } from './conflict-data';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

describe('the conflicts data layer', () => {
  let sodium: Sodium;
  let store: LocalStore | undefined;
  beforeAll(async () => {
    sodium = await loadSodium();
  });
  afterEach(async () => {
    await store?.remove();
    store = undefined;
  });

  async function withClient(client: Client): Promise<LocalStore> {
    const key = newDataKey(sodium);
    store = await openLocalStore(
      sodium,
      { vaultKey: () => key },
      `conflict-data-test-${crypto.randomUUID()}`,
      getRxStorageMemory(),
    );
    await store.clients.insert(client);
    return store;
  }

  it('keeps the chosen value and closes the conflict', async () => {
    const client: Client = {
      ...newClient(uuid(1), { latin: 'Zoe Hartley' }, 1),
      conflicts: [
        { path: ['names', 'latin'], values: [{ value: 'Zoë Hartley', at: 2 }, { value: 'Zoe Hartley' }] },
      ],
    };
    const local = await withClient(client);
    const conflict = client.conflicts![0]!;
    expect(await chooseClientValue(local, client.id, conflict, conflict.values[0]!)).toEqual({ ok: true });
    const stored = (await local.clients.findOne(client.id).exec())!.toJSON();
    expect(stored.names.latin).toBe('Zoë Hartley');
    expect(stored.conflicts).toBeUndefined();
  });

  it('removes the client when "deleted" is chosen, and leaves a client no longer stored alone', async () => {
    const client: Client = {
      ...newClient(uuid(2), { latin: 'Ann' }, 1),
      conflicts: [{ path: ['_deleted'], values: [{ value: true, at: 3 }, { value: false }] }],
    };
    const local = await withClient(client);
    const conflict = client.conflicts![0]!;
    expect(await chooseClientValue(local, client.id, conflict, conflict.values[0]!)).toEqual({ ok: true });
    expect(await local.clients.findOne(client.id).exec()).toBeNull();
    expect(await chooseClientValue(local, client.id, conflict, conflict.values[0]!)).toEqual({ ok: true });
  });
});
