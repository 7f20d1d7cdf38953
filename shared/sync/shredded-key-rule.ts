import type { AnyDocument, PushRule } from './push-rules';

/** A field envelope (docs/crypto-spec.md, section 3): "1." + key id + "." + nonce, ciphertext and tag. */
const ENVELOPE = /^1\.([A-Za-z0-9_-]{1,64})\.[A-Za-z0-9_-]{54,}$/;

function envelopesOf(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    if (ENVELOPE.test(value)) out.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) envelopesOf(item, out);
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) envelopesOf(item, out);
  }
  return out;
}

/** The key ids a pushed document brings in that the server's copy did not have: its `keyId`, its new envelopes'. */
function keysBroughtIn(master: AnyDocument | undefined, next: AnyDocument): Set<string> {
  const kept = master && !master._deleted ? master : undefined;
  const keys = new Set<string>();
  if (typeof next.keyId === 'string' && next.keyId !== kept?.keyId) keys.add(next.keyId);
  // A tombstone's envelopes too (a trip kept alive against its deletion keeps its past items): sending back what
  // the server holds brings nothing in. An erased medical section's tombstone holds none.
  const before = envelopesOf(master);
  for (const envelope of envelopesOf(next)) if (!before.has(envelope)) keys.add(ENVELOPE.exec(envelope)![1]!);
  return keys;
}

/**
 * A shredded key stays shredded (issue 17). After an erasure of a client's medical section, every wrap of its key
 * is a stub; but a device that unlocked the section before still holds the key in memory, and could seal the erased
 * content again and push it (an offline edit merged alive against the deletion, or a new wrap granting the old key).
 * So no document of the client may name a shredded key (`keyId`: a medical section, a key wrap) or carry an
 * envelope sealed under one (a medical section's fields, a trip's medical items) that the server's copy did not
 * already hold: a trip's past items keep their sealed details, unreadable for good, and stay editable. A new key,
 * made after the erasure, is the only way to write medical data of the client again. Server-side only: the fact
 * `shreddedKeyIds` (the key ids named by the ids of the stubs an erasure wrote) is absent on devices.
 */
export const shreddedKeyRule: PushRule = async ({ master, next, facts, writes = true }) => {
  if (!writes || next._deleted || !facts.shreddedKeyIds || typeof next.clientId !== 'string')
    return undefined;
  const keys = keysBroughtIn(master, next);
  if (keys.size === 0) return undefined;
  const shredded = await facts.shreddedKeyIds(next.clientId);
  return [...keys].some((key) => shredded.has(key)) ? { rule: 'erasure', reason: 'key-shredded' } : undefined;
};

/** Both rules, in order, the first refusal winning. */
export function bothRules(first: PushRule | undefined, second: PushRule): PushRule {
  return async (input) => (first ? await first(input) : undefined) ?? second(input);
}
