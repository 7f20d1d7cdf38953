import { describe, expect, it } from 'vitest';
import {
  checkpointLink,
  checkpointSequenceBreak,
  signCheckpoint,
  type AuditCheckpoint,
  type CheckpointLink,
} from './audit-checkpoint';
import { loadSodium } from './index';

const sodium = await loadSodium();
const server = sodium.crypto_sign_keypair();
const retired = sodium.crypto_sign_keypair();
const head = (seq: number) => ({ deviceId: 'd1', seq, hash: `h${seq}` });

/** Checkpoints numbered on from `after` (or from the first), each naming the one before. */
function sequence(count: number, after: AuditCheckpoint | null = null, key = server.privateKey) {
  const out: AuditCheckpoint[] = [];
  let prev: CheckpointLink | null = after && checkpointLink(sodium, after);
  for (let i = 0; i < count; i++) {
    const id = prev ? prev.id + 1 : 1;
    const checkpoint = signCheckpoint(sodium, { id, at: id * 1000, heads: [head(id)], prev }, key);
    out.push(checkpoint);
    prev = checkpointLink(sodium, checkpoint);
  }
  return out;
}
const keys = { current: server.publicKey, retired: [retired.publicKey] };

describe('the checkpoint sequence', () => {
  it('holds when each checkpoint names the one before, in any listed order, one listed twice', () => {
    const all = sequence(4);
    expect(
      checkpointSequenceBreak(sodium, [all[2]!, all[0]!, all[3]!, all[1]!, all[3]!], keys),
    ).toBeUndefined();
  });

  it('finds a checkpoint removed in the middle, at the start, and a renumbered one', () => {
    const all = sequence(4);
    expect(checkpointSequenceBreak(sodium, [all[0]!, all[1]!, all[3]!], keys)).toEqual({
      problem: 'checkpoint-gap',
      checkpointId: 4,
    });
    expect(checkpointSequenceBreak(sodium, all.slice(1), keys)).toMatchObject({ problem: 'checkpoint-gap' });
    const skipped = signCheckpoint(
      sodium,
      { id: 6, at: 1, heads: [], prev: checkpointLink(sodium, all[3]!) },
      server.privateKey,
    );
    expect(checkpointSequenceBreak(sodium, [...all, skipped], keys)).toMatchObject({
      problem: 'checkpoint-gap',
      checkpointId: 6,
    });
  });

  it('finds the last checkpoints removed: the next one (an export’s end) names the missing one', () => {
    const all = sequence(5);
    const end = sequence(1, all[4]!)[0]!;
    expect(checkpointSequenceBreak(sodium, [...all.slice(0, 3), end], keys)).toEqual({
      problem: 'checkpoint-gap',
      checkpointId: 6,
    });
  });

  it('finds a log ending before, or rewritten after, the checkpoint a witness kept', () => {
    const all = sequence(4);
    const kept = checkpointLink(sodium, all[3]!);
    expect(checkpointSequenceBreak(sodium, all, keys, kept)).toBeUndefined();
    expect(checkpointSequenceBreak(sodium, all.slice(0, 3), keys, kept)).toEqual({
      problem: 'witness',
      checkpointId: 4,
    });
    // The tail cut and signed again from checkpoint 3 on: a continuous sequence, but not the one the witness saw.
    const other = signCheckpoint(
      sodium,
      { id: 4, at: 9, heads: [head(3)], prev: checkpointLink(sodium, all[2]!) },
      server.privateKey,
    );
    expect(checkpointSequenceBreak(sodium, [...all.slice(0, 3), other], keys)).toBeUndefined();
    expect(checkpointSequenceBreak(sodium, [...all.slice(0, 3), other], keys, kept)).toMatchObject({
      problem: 'witness',
    });
  });

  it('takes checkpoints signed before the sequence (unlinked, a retired key) only before it begins', () => {
    const old = signCheckpoint(sodium, { id: 7, at: 1, heads: [head(1)] }, retired.privateKey);
    const linked = sequence(2, old);
    expect(checkpointSequenceBreak(sodium, [old, ...linked], keys)).toBeUndefined();
    const lateOld = signCheckpoint(sodium, { id: 10, at: 2, heads: [head(2)] }, server.privateKey);
    expect(checkpointSequenceBreak(sodium, [old, ...linked, lateOld], keys)).toMatchObject({
      problem: 'checkpoint-gap',
      checkpointId: 10,
    });
    const linkedByRetired = sequence(1, linked[1]!, retired.privateKey)[0]!;
    expect(checkpointSequenceBreak(sodium, [old, ...linked, linkedByRetired], keys)).toEqual({
      problem: 'checkpoint',
      checkpointId: 10,
    });
    expect(checkpointSequenceBreak(sodium, [old], { current: server.publicKey })).toMatchObject({
      problem: 'checkpoint',
    });
  });
});
