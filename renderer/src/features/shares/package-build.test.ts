import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateIdentity, loadSodium, newDataKey, type Sodium } from '../../../../shared/crypto/index';
import { sharePackageHash } from '../../../../shared/crypto/share-package';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import type { Partner } from '../../../../shared/domain/partner';
import { partnerFingerprint, partnerKeyText } from '../../../../shared/domain/partner-public-key';
import type { ShareRequest } from '../../../../shared/domain/share-request';
import { newClient } from '../../../../shared/index';
import { openLocalStore, type LocalStore } from '../../store/local-store';
import { buildSharePackage, PackageRefused, type PackageBuildDeps } from './package-build';

// The medical core and the access log are the device's own modules, tested elsewhere: here, what the builder does
// with their answers. A device without a grant is told `no-access` by the medical core.
const unseal = vi.hoisted(() => vi.fn());
vi.mock('../../core/medical/index', () => ({ unsealMedical: unseal }));
vi.mock('../../core/audit/log-access', () => ({ logAccess: vi.fn(async () => undefined) }));

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const NOW = Date.UTC(2026, 11, 7, 3, 0);
const CONCIERGE = uuid(30);
const MANAGER = uuid(40);
const client = newClient(uuid(1), { latin: 'Zoë Hartley' }, 1, [CONCIERGE]);

describe('building a share package on the device', () => {
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
    unseal.mockReset();
  });

  const consent = (id: number, fields: Partial<ConsentRecord> = {}): ConsentRecord =>
    ({
      id: uuid(id),
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
      deviceId: uuid(31),
      recordedAt: NOW - 5000,
      assignedStaffIds: [CONCIERGE],
      ...fields,
    }) as ConsentRecord;
  const share = (fields: ShareRequest['fields'] = ['names', 'medical.allergies']): ShareRequest => ({
    id: uuid(500),
    clientId: client.id,
    partnerName: 'Kyoto Clinic',
    partnerId: uuid(77),
    partnerCountry: 'JP',
    purpose: 'Admission',
    fields,
    tripId: uuid(600),
    tripItemId: uuid(601),
    status: 'approved',
    requestedBy: CONCIERGE,
    requestedAt: NOW - 3000,
    decidedBy: MANAGER,
    decidedAt: NOW - 2000,
  });

  async function deps() {
    const key = newDataKey(sodium);
    store = await openLocalStore(
      sodium,
      { vaultKey: () => key },
      `package-build-${crypto.randomUUID()}`,
      getRxStorageMemory(),
    );
    await store.clients.insert(client);
    const calls: string[] = [];
    const built: PackageBuildDeps = {
      store,
      ctx: {
        sodium,
        actor: { deviceId: uuid(31), deviceKeys: () => generateIdentity(sodium, MANAGER) },
      } as unknown as PackageBuildDeps['ctx'],
      audit: {
        store,
        staffId: MANAGER,
        deviceId: uuid(31),
        deviceKeys: () => generateIdentity(sodium, MANAGER),
      },
      staffName: 'Mina Manager',
      register: vi.fn(async () => {
        calls.push('register');
        return {} as never;
      }),
      save: vi.fn(async () => {
        calls.push('save');
        return { saved: true as const, location: 'Downloads' };
      }),
      now: () => NOW,
    };
    return { built, calls };
  }

  const refusal = async (run: Promise<unknown>) => {
    const error = await run.then(
      () => undefined,
      (cause: unknown) => cause,
    );
    expect(error).toBeInstanceOf(PackageRefused);
    return (error as PackageRefused).reason;
  };

  it('refuses, registering and saving nothing, a partner suspended or past its agreement since the approval', async () => {
    const { built } = await deps();
    const cases: Array<[Partner, string]> = [
      [{ ...partner, vetting: { status: 'suspended', by: MANAGER, at: NOW - 1000 } }, 'partner-not-vetted'],
      [
        { ...partner, agreement: { signedOn: '2025-01-01', expiresOn: '2026-12-06' } },
        'partner-agreement-expired',
      ],
      [{ ...partner, agreement: undefined }, 'partner-agreement-missing'],
      [
        { ...partner, key: { ...partner.key!, confirmedKey: undefined, confirmedAt: undefined } },
        'partner-key-unconfirmed',
      ],
    ];
    for (const [held, reason] of cases) {
      const input = { share: share(), partners: [held], ledger: [consent(1)], days: 7 };
      expect(await refusal(buildSharePackage(built, input)), reason).toBe(reason);
    }
    expect(built.register).not.toHaveBeenCalled();
    expect(built.save).not.toHaveBeenCalled();
    expect(unseal).not.toHaveBeenCalled();
  });

  it('refuses once the consent is withdrawn, and on a device without a grant to the medical items', async () => {
    const { built } = await deps();
    const withdrawn = [consent(1), consent(2, { action: 'withdrawn', refersTo: uuid(1), at: NOW - 100 })];
    const input = { share: share(), partners: [partner], ledger: withdrawn, days: 7 };
    expect(await refusal(buildSharePackage(built, input))).toBe('consent-missing');
    unseal.mockResolvedValue({ status: 'no-access' });
    const noGrant = { ...input, ledger: [consent(1)] };
    expect(await refusal(buildSharePackage(built, noGrant))).toBe('no-access');
    unseal.mockResolvedValue({ status: 'none' });
    expect(await refusal(buildSharePackage(built, noGrant))).toBe('no-section');
    expect(
      await refusal(buildSharePackage(built, { ...noGrant, share: { ...share(), status: 'cancelled' } })),
    ).toBe('not-approved');
    expect(built.register).not.toHaveBeenCalled();
    expect(built.save).not.toHaveBeenCalled();
  });

  it('registers the delivery, with the file’s hash, before saving; without the server nothing is saved', async () => {
    const { built, calls } = await deps();
    const input = { share: share(['names']), partners: [partner], ledger: [consent(1)], days: 7 };
    const result = await buildSharePackage(built, input);
    expect(calls).toEqual(['register', 'save']);
    const bytes = sodium.from_base64(result.file.contents, sodium.base64_variants.ORIGINAL);
    expect(built.register).toHaveBeenCalledWith({
      packageId: result.packageId,
      packageHash: await sharePackageHash(bytes),
    });
    expect(result.location).toBe('Downloads');

    const offline: PackageBuildDeps = {
      ...built,
      register: vi.fn(async () => {
        throw new PackageRefused('offline');
      }),
      save: vi.fn(),
    };
    expect(await refusal(buildSharePackage(offline, input))).toBe('offline');
    expect(offline.save).not.toHaveBeenCalled();
  });
});
