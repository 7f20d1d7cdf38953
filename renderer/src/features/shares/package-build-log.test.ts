import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateIdentity, loadSodium, newDataKey, type Sodium } from '../../../../shared/crypto/index';
import type { AuditEvent } from '../../../../shared/domain/audit';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import type { Partner } from '../../../../shared/domain/partner';
import { partnerFingerprint, partnerKeyText } from '../../../../shared/domain/partner-public-key';
import type { ShareRequest } from '../../../../shared/domain/share-request';
import { newClient } from '../../../../shared/index';
import { openLocalStore, type LocalStore } from '../../store/local-store';
import { buildSharePackage, PackageRefused, type PackageBuildDeps } from './package-build';

// The access log for real (package-build.test.ts mocks it): a package built is an entry of this device's chain.
vi.mock('../../core/medical/index', () => ({ unsealMedical: vi.fn() }));

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const NOW = Date.UTC(2026, 11, 7, 3, 0);
const CONCIERGE = uuid(30);
const MANAGER = uuid(40);
const DEVICE = uuid(31);
const client = newClient(uuid(1), { latin: 'Zoë Hartley' }, 1, [CONCIERGE]);

describe('a share package built, in the access log', () => {
  let sodium: Sodium;
  let store: LocalStore | undefined;
  let partner: Partner;
  beforeAll(async () => {
    sodium = await loadSodium();
    const key = sodium.crypto_box_keypair().publicKey;
    const text = partnerKeyText(key);
    partner = {
      id: uuid(77),
      names: { en: 'Kyoto Clinic', ja: '京都クリニック' },
      kind: 'clinic',
      country: 'JP',
      city: 'Kyoto',
      vetting: { status: 'vetted', by: MANAGER, at: NOW - 10_000 },
      agreement: { signedOn: '2026-01-01', expiresOn: '2027-12-31' },
      key: {
        publicKey: text,
        fingerprint: partnerFingerprint(sodium, key),
        confirmedBy: MANAGER,
        confirmedAt: NOW - 9000,
        confirmedKey: text,
      },
      assignedStaffIds: [],
      createdAt: 1,
      updatedAt: 1,
    };
  });
  afterEach(async () => {
    await store?.remove();
    store = undefined;
  });

  const consent = {
    id: uuid(2),
    clientId: client.id,
    action: 'given',
    purpose: 'provision',
    partnerId: uuid(77),
    statedPurpose: 'Admission',
    noticeId: uuid(900),
    noticeVersion: '1',
    noticeHash: '0'.repeat(64),
    language: 'en',
    method: 'signed-paper',
    at: NOW - 5000,
    recordedBy: CONCIERGE,
    deviceId: DEVICE,
    recordedAt: NOW - 5000,
    assignedStaffIds: [CONCIERGE],
  } as ConsentRecord;
  const share: ShareRequest = {
    id: uuid(500),
    clientId: client.id,
    partnerName: 'Kyoto Clinic',
    partnerId: uuid(77),
    partnerCountry: 'JP',
    purpose: 'Admission',
    fields: ['names'],
    tripId: uuid(600),
    tripItemId: uuid(601),
    status: 'approved',
    requestedBy: CONCIERGE,
    requestedAt: NOW - 3000,
    decidedBy: MANAGER,
    decidedAt: NOW - 2000,
  };

  async function deps(register: PackageBuildDeps['register']): Promise<PackageBuildDeps> {
    const key = newDataKey(sodium);
    store = await openLocalStore(
      sodium,
      { vaultKey: () => key },
      `package-build-log-${crypto.randomUUID()}`,
      getRxStorageMemory(),
    );
    await store.clients.insert(client);
    const keys = () => generateIdentity(sodium, DEVICE);
    return {
      store,
      ctx: { sodium, actor: { deviceId: DEVICE, deviceKeys: keys } } as unknown as PackageBuildDeps['ctx'],
      audit: { store, staffId: MANAGER, deviceId: DEVICE, deviceKeys: keys },
      staffName: 'Mina Manager',
      register,
      save: vi.fn(async () => ({ saved: true as const, location: 'Downloads' })),
      now: () => NOW,
    };
  }
  const logged = async () =>
    (await store!.auditEvents.find().exec()).map((doc) => doc.toJSON() as AuditEvent);

  it('logs the package built, naming the client, the sections and the package, scoped to the client', async () => {
    const built = await deps(async () => ({}) as never);
    const result = await buildSharePackage(built, { share, partners: [partner], ledger: [consent], days: 7 });
    const entries = await logged();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: 'share-package-built',
      staffId: MANAGER,
      deviceId: DEVICE,
      clientId: client.id,
      fields: ['names'],
      target: result.packageId,
      seq: 1,
      assignedStaffIds: [CONCIERGE],
    });
  });

  it('logs nothing when the server refuses the delivery (nothing is built)', async () => {
    const built = await deps(async () => {
      throw new PackageRefused('offline');
    });
    await expect(
      buildSharePackage(built, { share, partners: [partner], ledger: [consent], days: 7 }),
    ).rejects.toBeInstanceOf(PackageRefused);
    expect(await logged()).toEqual([]);
  });
});
