import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../domain/audit';
import { auditEntryHash } from './audit-chain';
import {
  AUDIT_EXPORT_FORMAT,
  AuditLogVerifier,
  signCheckpoint,
  verifyAuditExport,
  type AuditCheckpoint,
  type AuditExport,
  type ChainStart,
} from './audit-verify';
import { toBase64Url } from './encoding';
import { generateIdentity } from './identity';
import { loadSodium } from './sodium';
import { auditChainOf } from '../../tests/support/audit-log';

/** A chain pruned by the retention job starts at a prune point the server signed (docs/audit.md, "Pruning"). */
const sodium = await loadSodium();
const STAFF = '00000000-0000-4000-8000-0000000000aa';
const d1 = generateIdentity(sodium, '00000000-0000-4000-8000-0000000000d1');
const d2 = generateIdentity(sodium, '00000000-0000-4000-8000-0000000000d2');
const server = sodium.crypto_sign_keypair();
const other = sodium.crypto_sign_keypair();

const chain1 = auditChainOf(sodium, d1, 6, { staffId: STAFF });
const chain2 = auditChainOf(sodium, d2, 3, { staffId: STAFF });
const hashOf = (entries: AuditEvent[], seq: number) => auditEntryHash(sodium, entries[seq - 1]!);
const startAt = (seq: number): ChainStart => ({
  deviceId: d1.staffId,
  seq,
  hash: hashOf(chain1.entries, seq),
});

function checkpoint(
  id: number,
  seq1: number,
  starts?: ChainStart[],
  key = server.privateKey,
): AuditCheckpoint {
  return signCheckpoint(
    sodium,
    {
      id,
      at: 1_790_000_001_000 + id,
      heads: [
        { deviceId: d1.staffId, seq: seq1, hash: hashOf(chain1.entries, seq1) },
        { deviceId: d2.staffId, seq: 3, hash: hashOf(chain2.entries, 3) },
      ],
      ...(starts ? { starts } : {}),
    },
    key,
  );
}

function exportOf(entries: AuditEvent[], checkpoints: AuditCheckpoint[], starts?: ChainStart[]): AuditExport {
  return {
    format: AUDIT_EXPORT_FORMAT,
    exportedAt: 1_790_000_002_000,
    entries,
    devices: [d1, d2].map((d) => ({ deviceId: d.staffId, signPublicKey: toBase64Url(d.signPublicKey) })),
    checkpoints,
    serverPublicKey: toBase64Url(server.publicKey),
    ...(starts ? { starts } : {}),
  };
}

// Checkpoint 1 signed d1's head at 4 before the prune; checkpoint 2 signs the prune: d1 now starts after seq 3.
const before = checkpoint(1, 4);
const pruned = checkpoint(2, 6, [startAt(3)]);
const kept = (...seqs: number[]) => [...seqs.map((seq) => chain1.entries[seq - 1]!), ...chain2.entries];

describe('a chain starting at a signed prune point', () => {
  it('is accepted from the entry after the start, the heads signed before the start standing for it', () => {
    for (const signatures of ['all', 'heads'] as const) {
      const result = verifyAuditExport(sodium, exportOf(kept(4, 5, 6), [before, pruned]), { signatures });
      expect(result).toMatchObject({ ok: true, chained: 6, devices: 2, checkpointsChecked: 2 });
    }
    // Streamed, the start read from the header, as `npm run audit:verify` reads an NDJSON export.
    const verifier = new AuditLogVerifier(sodium, exportOf([], [before, pruned], [startAt(3)]));
    for (const entry of kept(4, 5, 6)) expect(verifier.add(entry)).toBe(true);
    expect(verifier.finish()).toMatchObject({ ok: true, chained: 6 });
  });

  it('refuses a prefix missing with no signed start, or missing beyond the start', () => {
    const unsignedPrune = checkpoint(2, 6);
    expect(verifyAuditExport(sodium, exportOf(kept(4, 5, 6), [before, unsignedPrune])).broken).toMatchObject({
      problem: 'gap',
      deviceId: d1.staffId,
      seq: 4,
    });
    expect(verifyAuditExport(sodium, exportOf(kept(5, 6), [before, pruned])).broken).toMatchObject({
      problem: 'gap',
      seq: 5,
    });
  });

  it('refuses an entry deleted in the middle of the kept chain', () => {
    expect(verifyAuditExport(sodium, exportOf(kept(4, 6), [before, pruned])).broken).toMatchObject({
      problem: 'gap',
      seq: 6,
    });
  });

  it('refuses a prune point not signed by the server key, or claimed but not the one signed', () => {
    const forged = checkpoint(2, 6, [startAt(3)], other.privateKey);
    expect(verifyAuditExport(sodium, exportOf(kept(4, 5, 6), [before, forged])).broken).toMatchObject({
      problem: 'checkpoint',
      checkpointId: 2,
    });
    // The export claims a start further on than the signed one: the entries between would go unseen.
    const claimed = exportOf(kept(5, 6), [before, pruned], [startAt(4)]);
    expect(verifyAuditExport(sodium, claimed).broken).toMatchObject({
      problem: 'checkpoint',
      deviceId: d1.staffId,
      seq: 3,
    });
    // Or a start the server never signed at all.
    const noneSigned = exportOf(kept(4, 5, 6), [before, checkpoint(2, 6)], [startAt(3)]);
    expect(verifyAuditExport(sodium, noneSigned).broken).toMatchObject({ problem: 'checkpoint', seq: 3 });
  });

  it('takes the newest signed start: an older prune point kept in the export does not stand', () => {
    const further = checkpoint(3, 6, [startAt(4)]);
    expect(verifyAuditExport(sodium, exportOf(kept(5, 6), [before, pruned, further])).ok).toBe(true);
    // Entries the newer start pruned, still exported after the older one: not what the newest checkpoint says.
    expect(
      verifyAuditExport(sodium, exportOf(kept(4, 5, 6), [before, pruned, further])).broken,
    ).toMatchObject({
      problem: 'replay',
      seq: 4,
    });
  });
});
