import { describe, expect, it } from 'vitest';
import {
  createClientKeys,
  generateIdentity,
  grant,
  loadSodium,
  openClientKey,
  RECOVERY_RECIPIENT_ID,
  revokeAndRotate,
  type PublicKeys,
} from '../crypto/index';
import {
  clientKeyStateOf,
  keyWrapChanges,
  keyWrapDocument,
  keyWrapDocumentId,
  keyWrapSchema,
  type KeyWrapDocument,
} from './key-wraps';
import { onWire, schemaProblems, wireValidator } from '../../tests/support/wire-schema';

const sodium = await loadSodium();
const validate = wireValidator(keyWrapSchema);
const CLIENT = '00000000-0000-4000-8000-000000000001';
const ASSIGNEE = '00000000-0000-4000-8000-0000000000c1';
const uuid = (n: number) => `00000000-0000-4000-a000-${n.toString(16).padStart(12, '0')}`;
const aiko = generateIdentity(sodium, uuid(1));
const ben = generateIdentity(sodium, uuid(2));
const recovery = generateIdentity(sodium, RECOVERY_RECIPIENT_ID);
const recoveryRecipient = { id: RECOVERY_RECIPIENT_ID, boxPublicKey: recovery.boxPublicKey };
const directory = new Map<string, PublicKeys>(
  [aiko, ben, recovery].map((s) => [
    s.staffId,
    { boxPublicKey: s.boxPublicKey, signPublicKey: s.signPublicKey },
  ]),
);

function documentsOf(wraps: Parameters<typeof keyWrapDocument>[0][], now: number): KeyWrapDocument[] {
  return wraps.map((wrap) => keyWrapDocument(wrap, now, [ASSIGNEE]));
}

describe('key wrap documents', () => {
  it('hold the crypto core’s wraps as the server accepts them, one id per client, key and recipient', () => {
    const { state } = createClientKeys(sodium, CLIENT, aiko, recoveryRecipient);
    const documents = documentsOf(state.current.wraps, 10);
    for (const document of documents)
      expect(validate(onWire(document)), JSON.stringify(validate.errors)).toBe(true);
    expect(documents.map((d) => d.id)).toEqual([
      `${CLIENT}.${state.current.keyId}.${aiko.staffId}`,
      `${CLIENT}.${state.current.keyId}.${RECOVERY_RECIPIENT_ID}`,
    ]);
    expect(schemaProblems(keyWrapSchema.properties)).toEqual([]);
    expect(validate(onWire({ ...documents[0]!, v: 2 }))).toBe(false);
    expect(validate(onWire({ ...documents[0]!, recipientId: 'someone' }))).toBe(false);
  });

  it('rebuild the key state of the current key, which opens for its holders', () => {
    const created = createClientKeys(sodium, CLIENT, aiko, recoveryRecipient);
    const granted = grant(
      sodium,
      created.state,
      aiko,
      { id: ben.staffId, boxPublicKey: ben.boxPublicKey },
      directory,
    );
    const otherClient = createClientKeys(sodium, uuid(99), aiko, recoveryRecipient);
    const misfiled = {
      ...keyWrapDocument(granted.current.wraps[0]!, 1, [ASSIGNEE]),
      id: keyWrapDocumentId({ ...granted.current.wraps[0]!, recipientId: uuid(7) }),
    };
    const documents = [
      ...documentsOf(granted.current.wraps, 1),
      ...documentsOf(otherClient.state.current.wraps, 1),
      misfiled,
    ];
    const state = clientKeyStateOf(CLIENT, created.dataKey.id, documents);
    expect(state.current.wraps.map((w) => w.recipientId).sort()).toEqual(
      [aiko.staffId, ben.staffId, RECOVERY_RECIPIENT_ID].sort(),
    );
    expect(openClientKey(sodium, state, ben, directory).bytes).toEqual(created.dataKey.bytes);
    expect(clientKeyStateOf(CLIENT, 'another-key', documents).current.wraps).toEqual([]);
  });

  it('say what to store after a grant and after a rotation', () => {
    const created = createClientKeys(sodium, CLIENT, aiko, recoveryRecipient);
    const before = documentsOf(created.state.current.wraps, 1);
    const granted = grant(
      sodium,
      created.state,
      aiko,
      { id: ben.staffId, boxPublicKey: ben.boxPublicKey },
      directory,
    );
    const afterGrant = keyWrapChanges(before, granted, 2, [ASSIGNEE]);
    expect(afterGrant.put.map((d) => d.recipientId)).toEqual([ben.staffId]);
    expect(afterGrant.remove).toEqual([]);

    const stored = [...before, ...afterGrant.put];
    const rotated = revokeAndRotate(sodium, {
      state: granted,
      actor: aiko,
      revokedId: ben.staffId,
      holders: [aiko.staffId],
      recovery: recoveryRecipient,
      directory,
      fields: [],
    });
    const afterRotation = keyWrapChanges(stored, rotated.state, 3, [ASSIGNEE]);
    expect(afterRotation.put.map((d) => [d.keyId, d.recipientId, d.updatedAt])).toEqual([
      [rotated.state.current.keyId, aiko.staffId, 3],
      [rotated.state.current.keyId, RECOVERY_RECIPIENT_ID, 3],
    ]);
    expect(afterRotation.remove.sort()).toEqual(stored.map((d) => d.id).sort());
  });

  it('carry the client’s assignees, and are put again when those change', () => {
    const created = createClientKeys(sodium, CLIENT, aiko, recoveryRecipient);
    const before = documentsOf(created.state.current.wraps, 1);
    expect(before.every((d) => d.assignedStaffIds.join() === ASSIGNEE)).toBe(true);
    expect(keyWrapChanges(before, created.state, 2, [ASSIGNEE]).put).toEqual([]);
    const reassigned = keyWrapChanges(before, created.state, 2, [uuid(5), uuid(5)]);
    expect(reassigned.put.map((d) => d.assignedStaffIds)).toEqual([[uuid(5)], [uuid(5)]]);
    expect(reassigned.put.map((d) => d.signature)).toEqual(before.map((d) => d.signature));
    expect(reassigned.remove).toEqual([]);
  });
});
