import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateIdentity, loadSodium, newDataKey, type Sodium } from '../../../../shared/crypto/index';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import type { PrivacyNotice } from '../../../../shared/domain/privacy-notice';
import type { DataSubjectRequest } from '../../../../shared/domain/request';
import { newClient } from '../../../../shared/index';
import type { AnyDocument, PushFacts } from '../../../../shared/sync/push-rules';
import { requestRule } from '../../../../shared/sync/request-push-rule';
import { openLocalStore, type LocalStore } from '../../store/local-store';
import { consentCommands } from './consent-data';
import { erasureRequestOf } from './erasure-request';
import { ERASURE_PENDING_NOTE } from './labels';

/**
 * A medical-data withdrawal that asks for erasure logs an erasure request in the request register (not a note):
 * the request the server's request rule accepts, named by the signed withdrawal.
 */

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 7, 9, 0);
const CONCIERGE = uuid(30);
const client = newClient(uuid(1), { latin: 'Zoë Hartley' }, 1, [CONCIERGE]);

describe('a withdrawal with erasure', () => {
  let sodium: Sodium;
  let store: LocalStore | undefined;
  beforeAll(async () => {
    sodium = await loadSodium();
  });
  afterEach(async () => {
    await store?.remove();
    store = undefined;
  });

  async function open(staffId = CONCIERGE, role: 'concierge' | 'coordinator' = 'concierge') {
    const key = newDataKey(sodium);
    const local = await openLocalStore(
      sodium,
      { vaultKey: () => key },
      `withdraw-erasure-${crypto.randomUUID()}`,
      getRxStorageMemory(),
    );
    store = local;
    await local.clients.insert(client);
    const text = 'notice en';
    const notice: PrivacyNotice = {
      id: uuid(900),
      kind: 'privacy-notice',
      version: '2026.1',
      effectiveAt: NOW - 100 * DAY,
      summary: 'first',
      substantial: false,
      texts: [{ language: 'en', text, sha256: sodium.to_hex(sodium.crypto_hash_sha256(text)) }],
      publishedBy: uuid(10),
      assignedStaffIds: [],
      createdAt: 1,
      updatedAt: 1,
    };
    await local.orgSettings.insert(notice);
    const keys = generateIdentity(sodium, uuid(31));
    const commands = consentCommands({
      sodium: async () => sodium,
      store: local,
      staffId,
      deviceId: uuid(31),
      role,
      deviceKeys: () => ({ ...keys, signSecretKey: keys.signSecretKey.slice() }),
      now: () => NOW,
    });
    return { local, commands };
  }

  const given = (purpose: 'medical-data' | 'marketing') => ({
    clientId: client.id,
    action: 'given' as const,
    purpose,
    noticeId: uuid(900),
    language: 'en',
    method: 'signed-paper' as const,
    at: NOW - DAY,
  });
  const withdrawalOf = (refersTo: string) => ({
    clientId: client.id,
    refersTo,
    requestedBy: 'client' as const,
    method: 'email' as const,
    at: NOW - 60_000,
    notes: 'Asked by e-mail',
    erasure: true,
  });

  it('logs an erasure request in the register, named by the signed withdrawal', async () => {
    const { local, commands } = await open();
    const consent = await commands.record(given('medical-data'));
    if (!consent.ok) throw new Error(consent.problem);
    const result = await commands.withdraw(withdrawalOf(consent.record.id));
    if (!result.ok) throw new Error(result.problem);
    const requests = (await local.requests.find().exec()).map((doc) => doc.toJSON() as DataSubjectRequest);
    expect(requests).toHaveLength(1);
    const request = requests[0]!;
    expect(result.erasureRequest).toEqual(request);
    expect(request).toMatchObject({
      clientId: client.id,
      type: 'erasure',
      channel: 'email',
      status: 'received',
      receivedBy: CONCIERGE,
      receivedAt: NOW,
      requester: { kind: 'client' },
      assignedStaffIds: [CONCIERGE],
    });
    expect(request.dueAt).toBeGreaterThan(NOW);
    const stored = (await local.consents.findOne(result.record.id).exec())!.toJSON() as ConsentRecord;
    expect(erasureRequestOf(stored.notes)).toEqual({ requestId: request.id, rest: 'Asked by e-mail' });
    // The server's rule for the register takes it from the concierge who logged it.
    const facts = { now: () => NOW, client: async () => ({ client, formerAssignees: [] }) };
    expect(
      await requestRule({
        caller: { staffId: CONCIERGE, deviceId: uuid(31), role: 'concierge' },
        master: undefined,
        next: { ...request, _deleted: false } as unknown as AnyDocument,
        facts: facts as unknown as PushFacts,
      }),
    ).toBeUndefined();
  });

  it('logs nothing for a withdrawal of another purpose, or without erasure', async () => {
    const { local, commands } = await open();
    const marketing = await commands.record(given('marketing'));
    const medical = await commands.record(given('medical-data'));
    if (!marketing.ok || !medical.ok) throw new Error('not recorded');
    const other = await commands.withdraw(withdrawalOf(marketing.record.id));
    const plain = await commands.withdraw({ ...withdrawalOf(medical.record.id), erasure: false });
    expect(other.ok && plain.ok).toBe(true);
    expect(other.ok && other.erasureRequest).toBeUndefined();
    expect(await local.requests.find().exec()).toEqual([]);
    expect(other.ok && other.record.notes).toBe('Asked by e-mail');
  });

  it('notes the erasure as pending when the recorder may not log requests for the client', async () => {
    // A coordinator writes every client's consents but logs requests only for the clients assigned to them.
    const { local, commands } = await open(uuid(40), 'coordinator');
    const consent = await commands.record(given('medical-data'));
    if (!consent.ok) throw new Error(consent.problem);
    const result = await commands.withdraw(withdrawalOf(consent.record.id));
    expect(result).toMatchObject({ ok: true, erasurePending: true });
    expect(result.ok && result.erasureRequest).toBeUndefined();
    expect(result.ok && result.record.notes).toBe(`${ERASURE_PENDING_NOTE}\nAsked by e-mail`);
    expect(await local.requests.find().exec()).toEqual([]);
  });
});
