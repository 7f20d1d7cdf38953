import { describe, expect, it } from 'vitest';
import {
  checkpointLink,
  checkpointSequenceBreak,
  signCheckpoint,
  type AuditCheckpoint,
} from './audit-checkpoint';
import { toBase64Url } from './encoding';
import { loadSodium } from './index';

const sodium = await loadSodium();
const first = sodium.crypto_sign_keypair();
const second = sodium.crypto_sign_keypair();
const third = sodium.crypto_sign_keypair();
const head = (seq: number) => ({ deviceId: 'd1', seq, hash: `h${seq}` });

/** The next checkpoint after `after`, signed by `key`, handing over to `nextKey` if given. */
function next(after: AuditCheckpoint | null, key: Uint8Array, nextKey?: Uint8Array): AuditCheckpoint {
  const prev = after && checkpointLink(sodium, after);
  const id = prev ? prev.id + 1 : 1;
  return signCheckpoint(
    sodium,
    { id, at: id * 1000, heads: [head(id)], prev, ...(nextKey ? { nextKey: toBase64Url(nextKey) } : {}) },
    key,
  );
}

/** 1–2 by the first key, 2 handing over to the second; 3–4 by the second, 4 handing over to the third; 5 by it. */
function rotatedTwice(): AuditCheckpoint[] {
  const c1 = next(null, first.privateKey);
  const c2 = next(c1, first.privateKey, second.publicKey);
  const c3 = next(c2, second.privateKey);
  const c4 = next(c3, second.privateKey, third.publicKey);
  return [c1, c2, c3, c4, next(c4, third.privateKey)];
}

describe('the checkpoint key rotated (docs/audit.md, "Rotating the checkpoint key")', () => {
  it('verifies older checkpoints with the retired keys each handed over from, newer ones with the current', () => {
    const all = rotatedTwice();
    const keys = { current: third.publicKey, retired: [first.publicKey, second.publicKey] };
    expect(checkpointSequenceBreak(sodium, all, keys)).toBeUndefined();
    // A handover just made: the new key has signed nothing yet, and is the current one.
    expect(checkpointSequenceBreak(sodium, all.slice(0, 4), keys)).toBeUndefined();
    expect(
      checkpointSequenceBreak(sodium, all.slice(0, 3), {
        current: second.publicKey,
        retired: [first.publicKey],
      }),
    ).toBeUndefined();
  });

  it('refuses a checkpoint signed by a key the sequence did not hand over to, or a sequence ending elsewhere', () => {
    const all = rotatedTwice();
    const keys = { current: third.publicKey, retired: [first.publicKey, second.publicKey] };
    // Checkpoint 3 signed again by the first key (retired, but it handed over at 2).
    const forged = signCheckpoint(sodium, all[2]!, first.privateKey);
    expect(checkpointSequenceBreak(sodium, [all[0]!, all[1]!, forged, all[3]!, all[4]!], keys)).toEqual({
      problem: 'checkpoint',
      checkpointId: 3,
    });
    // The noted key is not the one the sequence ends with (pinned to the second, the log goes on with the third).
    expect(
      checkpointSequenceBreak(sodium, all, { current: second.publicKey, retired: [first.publicKey] }),
    ).toMatchObject({ problem: 'checkpoint' });
    // Without rotations, a linked sequence signed by a retired key alone is refused, as before.
    const byOld = [next(null, first.privateKey)];
    expect(checkpointSequenceBreak(sodium, byOld, keys)).toEqual({ problem: 'checkpoint', checkpointId: 1 });
    // The announced key cannot be swapped: the handover's signature covers it.
    const swapped = { ...all[1]!, nextKey: toBase64Url(third.publicKey) };
    expect(checkpointSequenceBreak(sodium, [all[0]!, swapped, ...all.slice(2)], keys)).toEqual({
      problem: 'checkpoint',
      checkpointId: 2,
    });
  });
});
