import { describe, expect, it } from 'vitest';
import { auditEntryHash } from '../../../../shared/crypto/audit-chain';
import {
  AUDIT_EXPORT_FORMAT,
  checkpointLink,
  legacySealOf,
  signCheckpoint,
  type AuditCheckpoint,
  type AuditExport,
} from '../../../../shared/crypto/audit-verify';
import { toBase64Url } from '../../../../shared/crypto/encoding';
import { generateIdentity } from '../../../../shared/crypto/identity';
import { loadSodium } from '../../../../shared/crypto/index';
import { auditChainOf } from '../../../../tests/support/audit-log';
import { AUDIT_WITNESS_STORAGE_KEY, heldBeyondEnd, readWitness, verifyWithWitness } from './audit-witness';

const sodium = await loadSodium();
const server = sodium.crypto_sign_keypair();
const logger = generateIdentity(sodium, '00000000-0000-4000-8000-0000000000d1');
const dpo = generateIdentity(sodium, '00000000-0000-4000-8000-0000000000d2');
const { entries } = auditChainOf(sodium, logger, 6, { staffId: '00000000-0000-4000-8000-0000000000aa' });

/** The server's export of the first `count` entries: checkpoints numbered from `first`, the last its end. */
function exportOf(count: number, ends: number[]): AuditExport {
  const checkpoints: AuditCheckpoint[] = [];
  for (const seq of ends) {
    const before = checkpoints[checkpoints.length - 1];
    checkpoints.push(
      signCheckpoint(
        sodium,
        {
          id: checkpoints.length + 1,
          at: 1000 * seq,
          heads: [{ deviceId: logger.staffId, seq, hash: auditEntryHash(sodium, entries[seq - 1]!) }],
          legacy: legacySealOf(sodium, []),
          prev: before ? checkpointLink(sodium, before) : null,
        },
        server.privateKey,
      ),
    );
  }
  return {
    format: AUDIT_EXPORT_FORMAT,
    exportedAt: 1,
    entries: entries.slice(0, count),
    devices: [{ deviceId: logger.staffId, signPublicKey: toBase64Url(logger.signPublicKey) }],
    checkpoints: checkpoints.slice(0, -1),
    serverPublicKey: toBase64Url(server.publicKey),
    end: { entries: count, checkpoint: checkpoints[checkpoints.length - 1]! },
  };
}

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe('the console’s kept witness of the log', () => {
  it('keeps the last verified end, and finds a later log cut before it though whole in itself', () => {
    const storage = memoryStorage();
    expect(verifyWithWitness(sodium, exportOf(4, [2, 4]), dpo, storage)).toMatchObject({ ok: true });
    const kept = readWitness(sodium, dpo, storage);
    expect(kept).toMatchObject({ state: 'kept', witness: { entries: 4 } });
    expect(verifyWithWitness(sodium, exportOf(6, [2, 4, 6]), dpo, storage)).toMatchObject({ ok: true });
    // The server's tail removed, its checkpoints re-signed from checkpoint 1 on: a continuous, signed log of 3.
    const cut = exportOf(3, [2, 3]);
    const newConsole = generateIdentity(sodium, '00000000-0000-4000-8000-0000000000d3');
    expect(verifyWithWitness(sodium, cut, newConsole, memoryStorage())).toMatchObject({ ok: true });
    const seen = verifyWithWitness(sodium, cut, dpo, storage);
    expect(seen.ok).toBe(false);
    expect(seen.broken).toMatchObject({ problem: 'witness', checkpointId: 3 });
    expect(seen.witness).toMatchObject({ entries: 6 });
    // The kept witness stays the last verified one.
    expect(readWitness(sodium, dpo, storage)).toMatchObject({
      witness: { checkpoint: { id: 3 }, entries: 6 },
    });
  });

  it('tells a witness altered in local storage, and does not hold the log to it', () => {
    const storage = memoryStorage();
    verifyWithWitness(sodium, exportOf(6, [2, 4, 6]), dpo, storage);
    const key = `${AUDIT_WITNESS_STORAGE_KEY}:${dpo.staffId}`;
    const kept = JSON.parse(storage.items.get(key)!) as { witness: { checkpoint: { id: number } } };
    kept.witness.checkpoint.id = 1;
    storage.setItem(key, JSON.stringify(kept));
    expect(readWitness(sodium, dpo, storage)).toEqual({ state: 'altered' });
    expect(verifyWithWitness(sodium, exportOf(3, [2, 3]), dpo, storage)).toMatchObject({
      ok: true,
      witnessAltered: true,
    });
  });

  it('finds the server’s log ending before the copy this device synced, even with no witness kept', () => {
    const cut = exportOf(3, [2, 3]);
    // The console pulled all six entries (and wrote its own, maybe unpushed), then the server's tail went.
    const own = auditChainOf(sodium, dpo, 2, { staffId: '00000000-0000-4000-8000-0000000000bb' }).entries;
    const held = heldBeyondEnd([...entries, ...own], cut.end!, dpo.staffId);
    expect(held).toEqual([{ deviceId: logger.staffId, endSeq: 3, heldSeq: 6 }]);
    expect(heldBeyondEnd(entries.slice(0, 3), cut.end!, dpo.staffId)).toEqual([]);
    const storage = memoryStorage();
    const seen = verifyWithWitness(sodium, cut, dpo, storage, held);
    expect(seen).toMatchObject({
      ok: false,
      broken: { problem: 'truncated', deviceId: logger.staffId, seq: 3 },
    });
    expect(readWitness(sodium, dpo, storage)).toEqual({ state: 'none' });
  });
});
