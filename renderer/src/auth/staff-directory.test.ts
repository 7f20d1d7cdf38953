import { describe, expect, it } from 'vitest';
import { loadSodium, type SymmetricKey } from '../../../shared/crypto/index';
import { toBase64Url } from '../../../shared/crypto/encoding';
import type { DirectoryStaffView } from '../../../shared/index';
import { AuthClient, StaffClient } from './auth-client';
import {
  CachedStaffDirectory,
  directoryEntriesOf,
  STAFF_DIRECTORY_STORAGE_KEY,
  type DirectoryEntry,
} from './staff-directory';

const sodium = await loadSodium();
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const DEVICE = uuid(100);

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    items,
  };
}

function keysOf() {
  const box = sodium.crypto_box_keypair();
  const sign = sodium.crypto_sign_keypair();
  return { box: box.publicKey, sign: sign.publicKey };
}

const aiko = keysOf();
const aikoOld = keysOf();
const ken = keysOf();
const recovery = sodium.crypto_box_keypair();

const views: DirectoryStaffView[] = [
  {
    id: uuid(1),
    displayName: 'Aiko Tanaka',
    role: 'coordinator',
    status: 'active',
    devices: [
      {
        id: uuid(11),
        status: 'active',
        boxPublicKey: toBase64Url(aiko.box),
        signPublicKey: toBase64Url(aiko.sign),
      },
      {
        id: uuid(12),
        status: 'revoked',
        boxPublicKey: toBase64Url(aikoOld.box),
        signPublicKey: toBase64Url(aikoOld.sign),
      },
    ],
  },
  {
    id: uuid(2),
    displayName: 'Ken Mori',
    role: 'concierge',
    status: 'active',
    devices: [
      {
        id: uuid(21),
        status: 'pending',
        boxPublicKey: toBase64Url(ken.box),
        signPublicKey: toBase64Url(ken.sign),
      },
    ],
  },
];

/** A fake server behind the real auth client: counts requests, can go offline. */
function fakeServer(answer: () => DirectoryStaffView[] = () => views) {
  const state = { offline: false, requests: [] as string[] };
  const fetch: typeof globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    state.requests.push(`${init?.method ?? 'GET'} ${url.pathname}`);
    if (state.offline) throw new TypeError('Failed to fetch');
    const headers = new Headers(init?.headers);
    if (headers.get('authorization') !== 'Bearer token-1') {
      return new Response(JSON.stringify({ reason: 'invalid-token' }), { status: 401 });
    }
    const body =
      url.pathname === '/directory'
        ? answer()
        : url.pathname === '/organisation'
          ? { recoveryPublicKey: toBase64Url(recovery.publicKey) }
          : undefined;
    return new Response(JSON.stringify(body ?? { reason: 'not-found' }), { status: body ? 200 : 404 });
  };
  const client = new AuthClient({ serverUrl: 'http://lumina.test', fetch });
  const source = new StaffClient(client, { token: async () => 'token-1', invalidate: () => undefined });
  return { state, source };
}

function vaultKey(): SymmetricKey {
  return { id: 'vault1', bytes: sodium.crypto_aead_xchacha20poly1305_ietf_keygen() };
}

describe('the staff directory', () => {
  it('fetches staff, devices and the recovery key, and answers public keys of approved and revoked devices', async () => {
    const { source, state } = fakeServer();
    const key = vaultKey();
    const directory = new CachedStaffDirectory({
      sodium,
      vault: { vaultKey: () => key },
      storage: memoryStorage(),
      deviceId: DEVICE,
      source,
    });
    const seen: DirectoryEntry[][] = [];
    directory.entries$.subscribe((entries) => seen.push(entries));
    expect(directory.entries()).toEqual([]);
    expect(directory.recoveryRecipient()).toBeUndefined();

    await directory.refresh();
    expect(state.requests.sort()).toEqual(['GET /directory', 'GET /organisation']);
    expect(directory.entries().map((e) => [e.staffId, e.displayName, e.role, e.status])).toEqual([
      [uuid(1), 'Aiko Tanaka', 'coordinator', 'active'],
      [uuid(2), 'Ken Mori', 'concierge', 'active'],
    ]);
    // The server's 'active' device reads 'approved'.
    expect(directory.entries()[0]!.devices.map((d) => d.status)).toEqual(['approved', 'revoked']);
    const keys = directory.keyDirectory();
    expect(keys.get(uuid(11))).toEqual({ boxPublicKey: aiko.box, signPublicKey: aiko.sign });
    expect(keys.get(uuid(12))).toEqual({ boxPublicKey: aikoOld.box, signPublicKey: aikoOld.sign });
    expect(keys.get(uuid(21))).toBeUndefined();
    expect(directory.recoveryRecipient()).toEqual({ id: 'org-recovery', boxPublicKey: recovery.publicKey });
    expect(seen).toHaveLength(2);

    // The same answer again changes nothing and emits nothing.
    await directory.refresh();
    expect(seen).toHaveLength(2);
  });

  it('caches what it learnt sealed under the vault key, and opens with it offline', async () => {
    const { source, state } = fakeServer();
    const storage = memoryStorage();
    const key = vaultKey();
    const online = new CachedStaffDirectory({
      sodium,
      vault: { vaultKey: () => key },
      storage,
      deviceId: DEVICE,
      source,
    });
    await online.refresh();
    online.close();
    const sealed = storage.items.get(STAFF_DIRECTORY_STORAGE_KEY)!;
    expect(sealed).toBeDefined();
    expect(sealed).not.toContain('Aiko');
    expect(sealed).not.toContain(toBase64Url(aiko.box));

    state.offline = true;
    const offline = new CachedStaffDirectory({
      sodium,
      vault: { vaultKey: () => key },
      storage,
      deviceId: DEVICE,
      source,
    });
    expect(offline.entries().map((e) => e.displayName)).toEqual(['Aiko Tanaka', 'Ken Mori']);
    expect(offline.keyDirectory().get(uuid(11))).toEqual({
      boxPublicKey: aiko.box,
      signPublicKey: aiko.sign,
    });
    expect(offline.recoveryRecipient()?.boxPublicKey).toEqual(recovery.publicKey);
    await expect(offline.refresh()).rejects.toMatchObject({ kind: 'unreachable' });
    expect(offline.entries()).toHaveLength(2);

    // Another vault key (another enrolment) or another device reads nothing from it.
    const other = vaultKey();
    const stranger = new CachedStaffDirectory({
      sodium,
      vault: { vaultKey: () => other },
      storage,
      deviceId: DEVICE,
      source,
    });
    expect(stranger.entries()).toEqual([]);
    const elsewhere = new CachedStaffDirectory({
      sodium,
      vault: { vaultKey: () => key },
      storage,
      deviceId: uuid(999),
      source,
    });
    expect(elsewhere.entries()).toEqual([]);
  });

  it('follows changes on the server: a device revoked, a person added', async () => {
    let answer = views;
    const { source } = fakeServer(() => answer);
    const key = vaultKey();
    const directory = new CachedStaffDirectory({
      sodium,
      vault: { vaultKey: () => key },
      storage: memoryStorage(),
      deviceId: DEVICE,
      source,
    });
    await directory.refresh();
    answer = [
      { ...views[0]!, devices: views[0]!.devices.map((d) => ({ ...d, status: 'revoked' as const })) },
      views[1]!,
      { id: uuid(3), displayName: 'Mika Sato', role: 'manager', status: 'invited', devices: [] },
    ];
    const seen: string[][] = [];
    directory.entries$.subscribe((entries) => seen.push(entries.map((e) => e.displayName)));
    await directory.refresh();
    expect(seen.at(-1)).toEqual(['Aiko Tanaka', 'Ken Mori', 'Mika Sato']);
    expect(directory.entries()[0]!.devices.every((d) => d.status === 'revoked')).toBe(true);
  });

  it('leaves out what is malformed rather than trusting it', () => {
    const entries = directoryEntriesOf([
      { ...views[0]!, role: 'overlord' },
      {
        ...views[1]!,
        devices: [
          { ...views[1]!.devices[0]!, boxPublicKey: 'short' },
          { ...views[1]!.devices[0]!, id: uuid(22), status: 'active' },
        ],
      },
      'nonsense',
    ]);
    expect(entries.map((e) => e.staffId)).toEqual([uuid(2)]);
    expect(entries[0]!.devices.map((d) => d.id)).toEqual([uuid(22)]);
    expect(directoryEntriesOf({ not: 'a list' })).toEqual([]);
  });
});
