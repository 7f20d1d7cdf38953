import { describe, expect, it } from 'vitest';
import {
  createClientKeys,
  grant,
  openClientKey,
  revokeAndRotate,
  shred,
  type ClientKeyState,
  type PublicKeys,
  type RevokeAndRotateRequest,
  type RevokeAndRotateResult,
  type SealedField,
} from './client-keys';
import type { SymmetricKey } from './envelope';
import { envelopeKeyId, openField, openJson, sealJson, type FieldContext } from './field-envelope';
import { generateIdentity, type StaffIdentity } from './identity';
import {
  newDataKey,
  RECOVERY_RECIPIENT_ID,
  unwrapDataKey,
  verifyKeyWrap,
  wipeKey,
  wrapDataKey,
  type KeyWrap,
} from './key-wrap';
import { loadSodium } from './sodium';
import { thrown } from '../../tests/support/crypto-errors';

const sodium = await loadSodium();

const aiko = generateIdentity(sodium, 'staff-aiko'); // concierge who created the client
const ben = generateIdentity(sodium, 'staff-ben'); // coordinator, later revoked
const chika = generateIdentity(sodium, 'staff-chika'); // manager
const dan = generateIdentity(sodium, 'staff-dan'); // never granted
const recovery = generateIdentity(sodium, RECOVERY_RECIPIENT_ID);
const recoveryRecipient = { id: RECOVERY_RECIPIENT_ID, boxPublicKey: recovery.boxPublicKey };
const recipient = (identity: StaffIdentity) => ({
  id: identity.staffId,
  boxPublicKey: identity.boxPublicKey,
});
const directory = new Map<string, PublicKeys>(
  [aiko, ben, chika, dan, recovery].map((s) => [
    s.staffId,
    { boxPublicKey: s.boxPublicKey, signPublicKey: s.signPublicKey },
  ]),
);

const clientId = 'client-0001';
const records: [FieldContext, unknown][] = [
  [
    { collection: 'medical', documentId: 'med-0001', fieldPath: 'history' },
    { conditions: ['高血圧'], since: 2019 },
  ],
  [{ collection: 'medical', documentId: 'med-0001', fieldPath: 'allergies' }, ['ペニシリン', 'latex']],
  [{ collection: 'medical', documentId: 'med-0001', fieldPath: 'plannedTreatments' }, 'PET-CT, 2026-05-12'],
];

/** A client created by Aiko, with Ben and Chika granted, and three sealed medical fields. */
function setUp(): { state: ClientKeyState; fields: SealedField[] } {
  const created = createClientKeys(sodium, clientId, aiko, recoveryRecipient);
  const fields = records.map(([context, value]) => ({
    context,
    envelope: sealJson(sodium, created.dataKey, value, context),
  }));
  wipeKey(sodium, created.dataKey);
  let state = grant(sodium, created.state, aiko, recipient(ben), directory);
  state = grant(sodium, state, ben, recipient(chika), directory);
  return { state, fields };
}

function readAll(holder: StaffIdentity, state: ClientKeyState, fields: SealedField[]): unknown[] {
  const key = openClientKey(sodium, state, holder, directory);
  try {
    return fields.map((f) => openJson(sodium, key, f.envelope, f.context));
  } finally {
    wipeKey(sodium, key);
  }
}

/**
 * The rotation most tests make: Chika (a manager) revokes Ben; the access records say Aiko and Chika keep access.
 * Each test overrides the one thing it varies.
 */
function rotateBenOut(before: ReturnType<typeof setUp>, overrides: Partial<RevokeAndRotateRequest> = {}) {
  return revokeAndRotate(sodium, {
    state: before.state,
    actor: chika,
    revokedId: 'staff-ben',
    holders: ['staff-aiko', 'staff-chika'],
    recovery: recoveryRecipient,
    directory,
    fields: before.fields,
    ...overrides,
  });
}

const values = records.map(([, value]) => value);

describe('createClientKeys and grant', () => {
  it('wrap a new data key to the creator and the recovery key, then to each grantee', () => {
    const created = createClientKeys(sodium, clientId, aiko, recoveryRecipient);
    expect(created.state.clientId).toBe(clientId);
    expect(created.state.current.keyId).toBe(created.dataKey.id);
    expect(created.state.current.wraps.map((w) => [w.recipientId, w.granterId])).toEqual([
      ['staff-aiko', 'staff-aiko'],
      [RECOVERY_RECIPIENT_ID, 'staff-aiko'],
    ]);
    const { state, fields } = setUp();
    expect(state.current.wraps.map((w) => [w.recipientId, w.granterId])).toEqual([
      ['staff-aiko', 'staff-aiko'],
      [RECOVERY_RECIPIENT_ID, 'staff-aiko'],
      ['staff-ben', 'staff-aiko'],
      ['staff-chika', 'staff-ben'],
    ]);
    for (const holder of [aiko, ben, chika, recovery]) expect(readAll(holder, state, fields)).toEqual(values);
  });

  it('let the grantee unwrap with the granter key the directory gives', () => {
    const { state } = setUp();
    const wrap = state.current.wraps.find((w) => w.recipientId === 'staff-chika')!;
    const key = unwrapDataKey(sodium, wrap, chika, ben.signPublicKey, {
      clientId,
      keyId: state.current.keyId,
    });
    expect(key.id).toBe(state.current.keyId);
  });

  it('refuse a granter who holds no wrap, and a reader who holds none', () => {
    const { state, fields } = setUp();
    expect(thrown(() => grant(sodium, state, dan, recipient(dan), directory)).code).toBe('no-access');
    expect(thrown(() => readAll(dan, state, fields)).code).toBe('no-access');
  });

  it('refuse a wrap slipped in by someone who is not in the directory', () => {
    const { state } = setUp();
    const mallory = generateIdentity(sodium, 'staff-mallory');
    const stolenKey = newDataKey(sodium);
    const planted = wrapDataKey(
      sodium,
      { ...stolenKey, id: state.current.keyId },
      clientId,
      recipient(dan),
      mallory,
    );
    const withPlanted = { ...state, current: { ...state.current, wraps: [...state.current.wraps, planted] } };
    expect(thrown(() => openClientKey(sodium, withPlanted, dan, directory)).code).toBe('bad-signature');
  });

  it('replace an earlier wrap of the same recipient', () => {
    const { state } = setUp();
    const again = grant(sodium, state, chika, recipient(ben), directory);
    expect(again.current.wraps.filter((w) => w.recipientId === 'staff-ben')).toHaveLength(1);
    expect(again.current.wraps.find((w) => w.recipientId === 'staff-ben')!.granterId).toBe('staff-chika');
  });
});

describe('revokeAndRotate', () => {
  const before = setUp();
  const oldKeyId = before.state.current.keyId;
  const bensOldWrap = before.state.current.wraps.find((w) => w.recipientId === 'staff-ben')!;
  const rotated = rotateBenOut(before);

  it('uses a new key id for the state and every re-sealed field', () => {
    const newKeyId = rotated.state.current.keyId;
    expect(newKeyId).toMatch(/^[0-9a-f]{16}$/);
    expect(newKeyId).not.toBe(oldKeyId);
    expect(rotated.fields.map((f) => envelopeKeyId(f.envelope))).toEqual([newKeyId, newKeyId, newKeyId]);
    expect(rotated.fields.map((f) => f.context)).toEqual(before.fields.map((f) => f.context));
    expect(
      rotated.state.current.wraps.every((w) => w.keyId === newKeyId && w.granterId === 'staff-chika'),
    ).toBe(true);
  });

  it('wraps the new key for the remaining holders and the recovery key, not the revoked person', () => {
    expect(rotated.state.current.wraps.map((w) => w.recipientId).sort()).toEqual(
      [RECOVERY_RECIPIENT_ID, 'staff-aiko', 'staff-chika'].sort(),
    );
    for (const holder of [aiko, chika, recovery])
      expect(readAll(holder, rotated.state, rotated.fields)).toEqual(values);
  });

  it('leaves the revoked person unable to open the re-sealed fields', () => {
    expect(thrown(() => readAll(ben, rotated.state, rotated.fields)).code).toBe('no-access');
    // Ben kept a copy of his old wrap: it still opens the old key, which names the old key id...
    const oldKey = unwrapDataKey(sodium, bensOldWrap, ben, aiko.signPublicKey);
    expect(oldKey.id).toBe(oldKeyId);
    // ...and opens none of the new envelopes, even when he claims the new key id.
    for (const field of rotated.fields) {
      expect(thrown(() => openField(sodium, oldKey, field.envelope, field.context)).code).toBe('wrong-key');
      const claimed = { id: rotated.state.current.keyId, bytes: oldKey.bytes };
      expect(thrown(() => openField(sodium, claimed, field.envelope, field.context)).code).toBe('tampered');
    }
  });

  it('re-grants no holder whose wrap was slipped into the state, and reports them', () => {
    expect(rotated.dropped).toEqual([]);
    const mallory = generateIdentity(sodium, 'staff-mallory');
    const planted = wrapDataKey(
      sodium,
      { ...newDataKey(sodium), id: before.state.current.keyId },
      clientId,
      recipient(dan),
      mallory,
    );
    const state = {
      ...before.state,
      current: { ...before.state.current, wraps: [...before.state.current.wraps, planted] },
    };
    const result = rotateBenOut(before, { state });
    expect(result.dropped).toEqual(['staff-dan']);
    expect(result.state.current.wraps.map((w) => w.recipientId)).not.toContain('staff-dan');
    expect(thrown(() => readAll(dan, result.state, result.fields)).code).toBe('no-access');
  });

  it('refuses to revoke the recovery key or the actor, and an actor who holds no key', () => {
    const holders = ['staff-aiko'];
    expect(thrown(() => rotateBenOut(before, { holders, revokedId: RECOVERY_RECIPIENT_ID })).code).toBe(
      'invalid-input',
    );
    expect(thrown(() => rotateBenOut(before, { holders, revokedId: 'staff-chika' })).code).toBe(
      'invalid-input',
    );
    expect(thrown(() => rotateBenOut(before, { holders, actor: dan })).code).toBe('no-access');
  });

  it('aborts with nothing re-sealed when one field is not under the current key', () => {
    const stray = newDataKey(sodium);
    const context = { collection: 'medical', documentId: 'med-0001', fieldPath: 'stray' };
    const fields = [...before.fields, { context, envelope: sealJson(sodium, stray, 'x', context) }];
    expect(thrown(() => rotateBenOut(before, { fields })).code).toBe('wrong-key');
  });

  it('refuses when a remaining holder has no public key in the directory', () => {
    const partial = new Map(directory);
    partial.delete('staff-aiko');
    expect(thrown(() => rotateBenOut(before, { directory: partial })).code).toBe('invalid-input');
  });
});

describe('revokeAndRotate takes who keeps access from the access records, not from the key state', () => {
  const before = setUp();
  const oldKeyId = before.state.current.keyId;
  const rotate = (state: ClientKeyState, request: Partial<RevokeAndRotateRequest> = {}) =>
    rotateBenOut(before, { state, ...request });
  const plant = (wrap: KeyWrap): ClientKeyState => ({
    ...before.state,
    current: { ...before.state.current, wraps: [...before.state.current.wraps, wrap] },
  });
  /** A key Dan made up, labelled with the client's current key id. */
  const junkKey = () => ({ ...newDataKey(sodium), id: oldKeyId });

  function expectDanLockedOut(result: RevokeAndRotateResult, junk: SymmetricKey): void {
    expect(result.dropped).toEqual(['staff-dan']);
    expect(result.state.current.wraps.map((w) => w.recipientId).sort()).toEqual(
      [RECOVERY_RECIPIENT_ID, 'staff-aiko', 'staff-chika'].sort(),
    );
    expect(thrown(() => readAll(dan, result.state, result.fields)).code).toBe('no-access');
    for (const field of result.fields) {
      expect(thrown(() => openField(sodium, junk, field.envelope, field.context)).code).toBe('wrong-key');
      const claimed = { id: result.state.current.keyId, bytes: junk.bytes };
      expect(thrown(() => openField(sodium, claimed, field.envelope, field.context)).code).toBe('tampered');
    }
    for (const holder of [aiko, chika, recovery]) {
      expect(readAll(holder, result.state, result.fields)).toEqual(values);
    }
  }

  it('gives a never-granted directory member who planted a self-signed wrap no wrap of the new key', () => {
    const junk = junkKey();
    const selfSigned = wrapDataKey(sodium, junk, clientId, recipient(dan), dan);
    // The planted wrap is well formed and verifies: Dan is in the directory and signed it himself.
    expect(verifyKeyWrap(sodium, selfSigned, dan.boxPublicKey, dan.signPublicKey)).toBe(true);
    const state = plant(selfSigned);
    const opened = openClientKey(sodium, state, dan, directory);
    expect(opened.id).toBe(oldKeyId);
    expect(thrown(() => readAll(dan, state, before.fields)).code).toBe('tampered');
    wipeKey(sodium, opened);

    expectDanLockedOut(rotate(state), junk);
  });

  it('gives a never-granted member no wrap for an actor-signed-looking or really actor-signed junk key wrap', () => {
    const junk = junkKey();
    // Dan's own wrap relabelled as granted by Chika, the actor: the signature no longer verifies...
    const relabelled = {
      ...wrapDataKey(sodium, junk, clientId, recipient(dan), dan),
      granterId: 'staff-chika',
    };
    expect(verifyKeyWrap(sodium, relabelled, dan.boxPublicKey, chika.signPublicKey)).toBe(false);
    // ...and a wrap of the junk key that Chika really signed (say, tricked by a modified client): it does.
    const actorSigned = wrapDataKey(sodium, junk, clientId, recipient(dan), chika);
    expect(verifyKeyWrap(sodium, actorSigned, dan.boxPublicKey, chika.signPublicKey)).toBe(true);

    for (const planted of [relabelled, actorSigned]) expectDanLockedOut(rotate(plant(planted)), junk);
  });

  it('re-grants exactly the listed holders: one whose wrap the state lost, not an unlisted actor', () => {
    // The server deleted Aiko's wrap; Chika rotates but her own grant is no longer in the records.
    const state = {
      ...before.state,
      current: {
        ...before.state.current,
        wraps: before.state.current.wraps.filter((w) => w.recipientId !== 'staff-aiko'),
      },
    };
    const result = rotate(state, { holders: ['staff-aiko', 'staff-aiko', RECOVERY_RECIPIENT_ID] });
    expect(result.state.current.wraps.map((w) => [w.recipientId, w.granterId])).toEqual([
      ['staff-aiko', 'staff-chika'],
      [RECOVERY_RECIPIENT_ID, 'staff-chika'],
    ]);
    expect(result.dropped).toEqual(['staff-chika']);
    expect(readAll(aiko, result.state, result.fields)).toEqual(values);
    expect(readAll(recovery, result.state, result.fields)).toEqual(values);
    for (const person of [ben, chika, dan]) {
      expect(thrown(() => readAll(person, result.state, result.fields)).code).toBe('no-access');
    }
  });

  it('refuses holders that include the revoked person, are not text, or are missing', () => {
    for (const bad of [['staff-aiko', 'staff-ben'], ['staff-aiko', ''], undefined]) {
      const error = thrown(() => rotate(before.state, { holders: bad as unknown as string[] }));
      expect(error.code).toBe('invalid-input');
    }
  });

  it("refuses when the directory's key for a listed actor is not the actor's", () => {
    const swapped = new Map(directory);
    swapped.set('staff-chika', { boxPublicKey: dan.boxPublicKey, signPublicKey: chika.signPublicKey });
    expect(thrown(() => rotate(before.state, { directory: swapped })).code).toBe('invalid-input');
  });
});

describe('shred', () => {
  it('destroys every wrap, so nobody can open the fields any more', () => {
    const { state, fields } = setUp();
    const shredded = shred(state);
    expect(shredded).toEqual({ clientId, current: { keyId: state.current.keyId, wraps: [] } });
    for (const person of [aiko, ben, chika, dan, recovery]) {
      expect(thrown(() => readAll(person, shredded, fields)).code).toBe('no-access');
    }
    expect(state.current.wraps).toHaveLength(4);
  });
});
