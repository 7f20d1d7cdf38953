import { describe, expect, it } from 'vitest';
import { EMPTY_CHAIN, auditEntryHash, chainNextEntry, type ChainHead } from '../crypto/audit-chain';
import { toBase64Url } from '../crypto/encoding';
import { generateIdentity } from '../crypto/identity';
import { loadSodium } from '../crypto/sodium';
import type { AuditEvent } from '../domain/audit';
import { auditChainOf } from '../../tests/support/audit-log';
import { auditEventRule, type AuditChainFacts } from './audit-push-rule';
import type { AnyDocument, PushCaller, PushFacts } from './push-rules';

const sodium = await loadSodium();
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const CLIENT = uuid(1);
const device = generateIdentity(sodium, uuid(11));
const concierge: PushCaller = { staffId: uuid(10), deviceId: device.staffId, role: 'concierge' };
const admin: PushCaller = { staffId: uuid(30), deviceId: uuid(31), role: 'admin' };
const { entries } = auditChainOf(sodium, device, 4, { staffId: concierge.staffId, clientId: CLIENT });
const wire = (entry: AuditEvent, overrides: Record<string, unknown> = {}): AnyDocument => ({
  ...entry,
  _deleted: false,
  ...overrides,
});

/** Facts holding `head` for the device; `accepted` collects what the rule records. */
function facts(head: ChainHead = EMPTY_CHAIN, accepted: { seq: number; hash: string }[] = []) {
  const chain: AuditChainFacts['auditChain'] = {
    head: async () => accepted.at(-1) ?? head,
    signKey: async (deviceId) =>
      deviceId === device.staffId ? toBase64Url(device.signPublicKey) : undefined,
    accept: async (entry) => {
      accepted.push({ seq: entry.seq, hash: entry.hash });
    },
    // No refusal recorded: a resume (chain-resumed) is refused; server/audit/audit-resume.test.ts has the rest.
    openStop: async () => undefined,
    resume: async () => undefined,
  };
  return { auditChain: chain } as unknown as PushFacts;
}
const rule = (
  next: AnyDocument,
  options: { master?: AnyDocument; head?: ChainHead; caller?: PushCaller } = {},
) =>
  auditEventRule({
    caller: options.caller ?? concierge,
    master: options.master,
    next,
    facts: facts(options.head),
  });
const headAfter = (n: number): ChainHead => ({ seq: n, hash: auditEntryHash(sodium, entries[n - 1]!) });

describe('access log push rule', () => {
  it('accepts the next link of the caller’s own chain and records the new head', async () => {
    const accepted: { seq: number; hash: string }[] = [];
    for (const entry of entries) {
      expect(
        await auditEventRule({
          caller: concierge,
          master: undefined,
          next: wire(entry),
          facts: facts(EMPTY_CHAIN, accepted),
        }),
      ).toBeUndefined();
    }
    expect(accepted.map((head) => head.seq)).toEqual([1, 2, 3, 4]);
    expect(accepted.at(-1)!.hash).toBe(auditEntryHash(sodium, entries[3]!));
  });

  it('refuses an entry in someone else’s name or from another device', async () => {
    for (const next of [
      wire(entries[0]!, { staffId: uuid(99) }),
      wire(entries[0]!, { deviceId: uuid(41) }),
    ]) {
      expect(await rule(next)).toEqual({ rule: 'actor', reason: 'audit-actor-not-caller' });
    }
  });

  it('refuses a flipped byte, a gap, a replay and a fork', async () => {
    const flipped = wire(entries[1]!, { at: entries[1]!.at + 1 });
    expect(await rule(flipped, { head: headAfter(1) })).toEqual({ rule: 'chain', reason: 'audit-signature' });
    expect(await rule(wire(entries[2]!), { head: headAfter(1) })).toEqual({
      rule: 'chain',
      reason: 'audit-gap',
    });
    expect(await rule(wire(entries[1]!), { head: headAfter(3) })).toEqual({
      rule: 'chain',
      reason: 'audit-replay',
    });
    const fork = auditChainOf(sodium, device, 2, {
      staffId: concierge.staffId,
      kind: 'unlocked',
      start: { seq: 1, hash: toBase64Url(new Uint8Array(32).fill(9)) },
      idOf: (seq) => uuid(900 + seq),
    }).entries[0]!;
    expect(await rule(wire(fork), { head: headAfter(1) })).toEqual({ rule: 'chain', reason: 'audit-fork' });
  });

  it('refuses changes and deletions, and accepts a retry of the same entry (its scope aside)', async () => {
    const master = wire(entries[0]!);
    const refusal = { rule: 'insert-only', reason: 'audit-event-immutable' };
    expect(await rule(wire(entries[0]!, { fields: ['allergies'] }), { master })).toEqual(refusal);
    expect(await rule(wire(entries[0]!, { _deleted: true }), { master })).toEqual(refusal);
    expect(await rule(wire(entries[0]!, { _deleted: true }), { caller: admin })).toEqual(refusal);
    expect(await rule(wire(entries[0]!), { master })).toBeUndefined();
    expect(await rule(wire(entries[0]!, { assignedStaffIds: [] }), { master })).toBeUndefined();
  });

  it('refuses a field name outside the catalogue and a target that is not an id (a passport number)', async () => {
    expect(await rule(wire(entries[0]!, { fields: ['TZ1234567'] }))).toEqual({
      rule: 'names',
      reason: 'audit-field-unknown',
    });
    expect(await rule(wire(entries[0]!, { target: 'TZ1234567' }))).toEqual({
      rule: 'names',
      reason: 'audit-target-format',
    });
  });

  it('refuses any new legacy entry: legacy entries exist only as migration 8 converted them', async () => {
    const { signature, prevHash, ...rest } = entries[0]!;
    void signature;
    void prevHash;
    const refusal = { rule: 'chain', reason: 'audit-legacy-refused' };
    expect(await rule(wire({ ...rest, seq: 0, legacy: true }))).toEqual(refusal);
    expect(await rule(wire(entries[0]!, { legacy: true }))).toEqual(refusal);
    expect(await rule(wire({ ...rest, seq: 0, legacy: true, kind: 'unlocked' }))).toEqual(refusal);
    expect(await rule(wire({ ...rest, seq: 0 }))).toEqual(refusal);
  });

  it('refuses a chained entry of a device the server does not know, or without the chain facts', async () => {
    const stranger = generateIdentity(sodium, uuid(77));
    const theirs = auditChainOf(sodium, stranger, 1, { staffId: concierge.staffId }).entries[0]!;
    const caller = { ...concierge, deviceId: stranger.staffId };
    expect(await rule(wire(theirs), { caller })).toEqual({ rule: 'chain', reason: 'audit-device' });
    const bare = { document: async () => undefined } as unknown as PushFacts;
    expect(
      await auditEventRule({ caller: concierge, master: undefined, next: wire(entries[0]!), facts: bare }),
    ).toEqual({
      rule: 'chain',
      reason: 'audit-chain-unavailable',
    });
  });

  it('refuses a review mark from a role that may not review, and accepts the DPO’s', async () => {
    // A signed review entry of the caller's own device: only the role decides.
    const reviewBy = (staffId: string) =>
      wire(
        chainNextEntry(
          sodium,
          EMPTY_CHAIN,
          {
            id: uuid(500),
            kind: 'review',
            staffId,
            deviceId: device.staffId,
            target: 'week:2026-12-07',
            fields: [`out-of-hours:${uuid(99)}`],
            at: 1_790_000_000_000,
            assignedStaffIds: [staffId],
          },
          device,
        ).entry,
      );
    for (const role of ['concierge', 'coordinator', 'manager'] as const) {
      expect(await rule(reviewBy(concierge.staffId), { caller: { ...concierge, role } })).toEqual({
        rule: 'role',
        reason: 'audit-review-not-permitted',
      });
    }
    const dpo: PushCaller = { ...concierge, staffId: admin.staffId, role: 'admin' };
    expect(await rule(reviewBy(admin.staffId), { caller: dpo })).toBeUndefined();
  });
});
