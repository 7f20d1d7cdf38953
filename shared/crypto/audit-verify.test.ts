import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../domain/audit';
import { migrateAuditEventV0 } from '../domain/audit';
import { auditEntryHash } from './audit-chain';
import {
  AUDIT_EXPORT_FORMAT,
  legacyEntryHash,
  legacySealOf,
  signCheckpoint,
  verifyAuditExport,
  verifyCheckpoint,
  type AuditCheckpoint,
  type AuditExport,
} from './audit-verify';
import { toBase64Url } from './encoding';
import { generateIdentity } from './identity';
import { loadSodium } from './sodium';
import { auditChainOf } from '../../tests/support/audit-log';

const sodium = await loadSodium();
const STAFF = '00000000-0000-4000-8000-0000000000aa';
const CLIENT = '00000000-0000-4000-8000-000000000001';
const d1 = generateIdentity(sodium, '00000000-0000-4000-8000-0000000000d1');
const d2 = generateIdentity(sodium, '00000000-0000-4000-8000-0000000000d2');
const server = sodium.crypto_sign_keypair();

const chain1 = auditChainOf(sodium, d1, 6, { staffId: STAFF, clientId: CLIENT });
const chain2 = auditChainOf(sodium, d2, 3, { staffId: STAFF });
const legacy = migrateAuditEventV0({
  id: '00000000-0000-4000-8000-00000000ffff',
  kind: 'medical-unsealed',
  staffId: STAFF,
  deviceId: d1.staffId,
  clientId: CLIENT,
  fields: ['history'],
  at: 1_700_000_000_000,
  assignedStaffIds: [STAFF],
});

/** The seal migration 13 records of the legacy set: here, the one legacy entry. */
const sealOf = (entries: AuditEvent[]) =>
  legacySealOf(
    sodium,
    entries.map((e) => ({ id: e.id, hash: legacyEntryHash(sodium, e) })),
  );

function checkpointAt(seq1: number, seq2: number, id = 1): AuditCheckpoint {
  return signCheckpoint(
    sodium,
    {
      id,
      at: 1_790_000_001_000,
      legacy: sealOf([legacy]),
      heads: [
        { deviceId: d1.staffId, seq: seq1, hash: auditEntryHash(sodium, chain1.entries[seq1 - 1]!) },
        { deviceId: d2.staffId, seq: seq2, hash: auditEntryHash(sodium, chain2.entries[seq2 - 1]!) },
      ],
    },
    server.privateKey,
  );
}

function exportOf(entries: AuditEvent[], checkpoints: AuditCheckpoint[] = [checkpointAt(4, 2)]): AuditExport {
  return {
    format: AUDIT_EXPORT_FORMAT,
    exportedAt: 1_790_000_002_000,
    entries,
    devices: [d1, d2].map((d) => ({ deviceId: d.staffId, signPublicKey: toBase64Url(d.signPublicKey) })),
    checkpoints,
    serverPublicKey: toBase64Url(server.publicKey),
  };
}

/** The two chains interleaved, with a legacy entry first. */
const whole = () => [legacy, ...chain1.entries.slice(0, 3), ...chain2.entries, ...chain1.entries.slice(3)];

describe('verifyAuditExport', () => {
  it('accepts an untouched log, legacy entries counted apart, in both signature modes', () => {
    for (const signatures of ['all', 'heads'] as const) {
      const result = verifyAuditExport(sodium, exportOf(whole()), { signatures });
      expect(result).toMatchObject({
        ok: true,
        entries: 10,
        chained: 9,
        legacy: 1,
        devices: 2,
        checkpointsChecked: 1,
      });
    }
    expect(verifyAuditExport(sodium, exportOf(whole())).signaturesChecked).toBe(9);
    expect(verifyAuditExport(sodium, exportOf(whole()), { signatures: 'heads' }).signaturesChecked).toBe(2);
  });

  it('finds a flipped byte: in a field (next link or own signature), in a signature, in a hash', () => {
    const entries = whole();
    const flipped = { ...entries[2]!, fields: ['history'] };
    const log = [...entries.slice(0, 2), flipped, ...entries.slice(3)];
    expect(verifyAuditExport(sodium, exportOf(log)).broken).toMatchObject({
      problem: 'signature',
      index: 2,
      seq: 2,
    });
    // Checking only heads, the altered entry is found at the link after it.
    expect(verifyAuditExport(sodium, exportOf(log), { signatures: 'heads' }).broken).toMatchObject({
      problem: 'link',
      seq: 3,
    });
    const sig = entries[1]!.signature!;
    const badSig = { ...entries[1]!, signature: (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1) };
    expect(
      verifyAuditExport(sodium, exportOf([entries[0]!, badSig, ...entries.slice(2)])).broken,
    ).toMatchObject({
      problem: 'signature',
      index: 1,
    });
    const prev = entries[3]!.prevHash!;
    const badLink = { ...entries[3]!, prevHash: (prev[0] === 'A' ? 'B' : 'A') + prev.slice(1) };
    expect(
      verifyAuditExport(sodium, exportOf([...entries.slice(0, 3), badLink, ...entries.slice(4)])).broken,
    ).toMatchObject({
      problem: 'link',
      index: 3,
    });
  });

  it('finds a reorder, a deletion, a replay and a fork', () => {
    const c = chain1.entries;
    const reorder = [c[0]!, c[2]!, c[1]!, ...c.slice(3)];
    expect(verifyAuditExport(sodium, exportOf(reorder, [])).broken).toMatchObject({
      problem: 'gap',
      seq: 3,
      index: 1,
    });
    const deleted = [c[0]!, c[1]!, ...c.slice(3)];
    expect(verifyAuditExport(sodium, exportOf(deleted, [])).broken).toMatchObject({
      problem: 'gap',
      seq: 4,
      index: 2,
    });
    const replay = [...c.slice(0, 3), c[1]!, ...c.slice(3)];
    expect(verifyAuditExport(sodium, exportOf(replay, [])).broken).toMatchObject({
      problem: 'replay',
      seq: 2,
      index: 3,
    });
    // A second history after seq 2, signed by the device itself (a rewrite of its own log).
    const forked = auditChainOf(sodium, d1, 2, {
      staffId: STAFF,
      kind: 'unlocked',
      start: { seq: 2, hash: auditEntryHash(sodium, c[1]!) },
      idOf: (seq) => `00000000-0000-4000-8000-f000000000${String(seq).padStart(2, '0')}`,
    }).entries;
    const withFork = [...c.slice(0, 3), forked[1]!];
    expect(verifyAuditExport(sodium, exportOf(withFork, [])).broken).toMatchObject({
      problem: 'link',
      seq: 4,
      index: 3,
    });
  });

  it('finds a rewrite of history the server had checkpointed, and a forged checkpoint', () => {
    const c = chain1.entries;
    // The device's whole chain rewritten from seq 3 on: links hold, the checkpoint at seq 4 does not.
    const rewritten = auditChainOf(sodium, d1, 4, {
      staffId: STAFF,
      kind: 'unlocked',
      start: { seq: 2, hash: auditEntryHash(sodium, c[1]!) },
    }).entries;
    const log = [...c.slice(0, 2), ...rewritten, ...chain2.entries];
    expect(verifyAuditExport(sodium, exportOf(log)).broken).toMatchObject({
      problem: 'checkpoint',
      deviceId: d1.staffId,
      seq: 4,
      checkpointId: 1,
    });
    // A log cut short of a checkpointed head.
    expect(verifyAuditExport(sodium, exportOf([...c.slice(0, 3), ...chain2.entries])).broken).toMatchObject({
      problem: 'checkpoint',
      seq: 4,
    });
    const forged = { ...checkpointAt(4, 2), at: 1 };
    expect(verifyCheckpoint(sodium, forged, server.publicKey)).toBe(false);
    // The server ledgers' heads are signed with the rest.
    const ledgers = { staffEvents: { at: 3, hash: 'a' }, incidentRevisions: { at: 1, hash: 'b' } };
    const withLedgers = signCheckpoint(sodium, { ...checkpointAt(4, 2), ledgers }, server.privateKey);
    expect(verifyCheckpoint(sodium, withLedgers, server.publicKey)).toBe(true);
    const movedHead = { ...withLedgers, ledgers: { ...ledgers, staffEvents: { at: 2, hash: 'a' } } };
    expect(verifyCheckpoint(sodium, movedHead, server.publicKey)).toBe(false);
    expect(verifyAuditExport(sodium, exportOf(whole(), [forged])).broken).toMatchObject({
      problem: 'checkpoint',
    });
  });

  it('finds a legacy entry altered, removed or added, and legacy entries no checkpoint seals', () => {
    const entries = whole();
    const altered = { ...legacy, fields: ['allergies'] };
    expect(verifyAuditExport(sodium, exportOf([altered, ...entries.slice(1)])).broken).toMatchObject({
      problem: 'legacy',
      checkpointId: 1,
    });
    expect(
      verifyAuditExport(sodium, exportOf([altered, ...entries.slice(1)]), { signatures: 'heads' }).ok,
    ).toBe(false);
    expect(verifyAuditExport(sodium, exportOf(entries.slice(1))).broken).toMatchObject({ problem: 'legacy' });
    const added = { ...legacy, id: '00000000-0000-4000-8000-00000000fffe' };
    expect(verifyAuditExport(sodium, exportOf([added, ...entries])).broken).toMatchObject({
      problem: 'legacy',
    });
    // Without a sealing checkpoint, legacy entries cannot be trusted.
    const unsealed = { ...checkpointAt(4, 2) };
    delete unsealed.legacy;
    const resigned = signCheckpoint(sodium, unsealed, server.privateKey);
    expect(verifyAuditExport(sodium, exportOf(entries, [resigned])).broken).toMatchObject({
      problem: 'legacy',
    });
    expect(verifyAuditExport(sodium, exportOf(entries.slice(1), [resigned])).ok).toBe(true);
    // The seal is signed: changing it breaks the checkpoint.
    const reSealed = { ...checkpointAt(4, 2), legacy: sealOf([altered]) };
    expect(
      verifyAuditExport(sodium, exportOf([altered, ...entries.slice(1)], [reSealed])).broken,
    ).toMatchObject({
      problem: 'checkpoint',
    });
  });

  it('refuses entries of an unknown device and chained entries without a signature', () => {
    const stranger = generateIdentity(sodium, '00000000-0000-4000-8000-0000000000d9');
    const theirs = auditChainOf(sodium, stranger, 1, { staffId: STAFF }).entries;
    expect(verifyAuditExport(sodium, exportOf([...theirs], [])).broken).toMatchObject({
      problem: 'unknown-device',
    });
    const { signature, ...unsigned } = chain1.entries[0]!;
    void signature;
    expect(verifyAuditExport(sodium, exportOf([unsigned], [])).broken).toMatchObject({ problem: 'unsigned' });
  });
});

describe('an export’s signed end', () => {
  /** The end the server signs when it cuts the export: every device's last entry, and the count. */
  const endOf = (entries: AuditEvent[], seq1 = 6, seq2 = 3) => ({
    entries: entries.length,
    checkpoint: checkpointAt(seq1, seq2, 9),
  });

  it('holds for the whole log, and finds a log cut after the last checkpoint', () => {
    const entries = whole();
    expect(verifyAuditExport(sodium, { ...exportOf(entries), end: endOf(entries) })).toMatchObject({
      ok: true,
      checkpointsChecked: 1,
    });
    // Cut after the periodic checkpoint (4, 2): every checkpoint still holds, the end does not.
    const cut = entries.slice(0, -1);
    expect(verifyAuditExport(sodium, exportOf(cut)).ok).toBe(true);
    expect(verifyAuditExport(sodium, { ...exportOf(cut), end: endOf(entries) }).broken).toMatchObject({
      problem: 'truncated',
      deviceId: d1.staffId,
      seq: 6,
    });
    // The count in the end is part of the verdict too, and a whole device's chain left out is found.
    expect(verifyAuditExport(sodium, { ...exportOf(cut), end: endOf(cut) }).broken).toMatchObject({
      problem: 'truncated',
    });
    const withoutD2 = entries.filter((e) => e.deviceId !== d2.staffId);
    expect(
      verifyAuditExport(sodium, { ...exportOf(withoutD2, []), end: endOf(withoutD2) }).broken,
    ).toMatchObject({ problem: 'truncated', deviceId: d2.staffId });
  });

  it('must be there when asked for, and signed by the server key', () => {
    const entries = whole();
    expect(verifyAuditExport(sodium, exportOf(entries), { requireEnd: true }).broken).toMatchObject({
      problem: 'truncated',
    });
    const forged = { ...endOf(entries), checkpoint: { ...endOf(entries).checkpoint, at: 1 } };
    expect(verifyAuditExport(sodium, { ...exportOf(entries), end: forged }).broken).toMatchObject({
      problem: 'checkpoint',
      checkpointId: 9,
    });
  });
});

describe('verifyAuditExport with an injected signature check', () => {
  it('uses it for every signature, and reports what it refuses as the first broken signature', () => {
    const calls: number[] = [];
    const viaSodium = (signature: Uint8Array, message: Uint8Array, key: Uint8Array) => {
      calls.push(signature.length);
      return sodium.crypto_sign_verify_detached(signature, message, key);
    };
    expect(verifyAuditExport(sodium, exportOf(whole()), { verifySignature: viaSodium })).toMatchObject({
      ok: true,
      signaturesChecked: 9,
    });
    expect(calls).toEqual(Array(9).fill(64));
    const refused = verifyAuditExport(sodium, exportOf(whole()), { verifySignature: () => false });
    expect(refused.broken).toMatchObject({ problem: 'signature', index: 1 });
  });

  it('finds a prevHash that is not a hash at all as a broken link', () => {
    const entries = whole();
    entries[2] = { ...entries[2]!, prevHash: `${entries[2]!.prevHash!.slice(0, 42)}!` };
    expect(verifyAuditExport(sodium, exportOf(entries)).broken).toMatchObject({ problem: 'link', index: 2 });
  });
});
