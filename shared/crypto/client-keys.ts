import { checkText } from './encoding';
import type { SymmetricKey } from './envelope';
import { openField, sealField, type FieldContext } from './field-envelope';
import type { StaffIdentity } from './identity';
import {
  newDataKey,
  RECOVERY_RECIPIENT_ID,
  unwrapDataKey,
  wipeKey,
  wrapDataKey,
  type KeyWrap,
  type WrapRecipient,
} from './key-wrap';
import { CryptoError, type Sodium } from './sodium';

/**
 * The key hierarchy of one client's medical data: a random data key per client, wrapped to every staff member
 * granted access and to the organisation recovery key. Pure functions over plain data: nothing here stores,
 * sends or logs; callers persist the returned states and fields.
 */

/** Everything needed to reach a client's data key: one wrap per holder of the current key. */
export interface ClientKeyState {
  clientId: string;
  current: { keyId: string; wraps: KeyWrap[] };
}

/** One sealed field of a client, as stored. */
export interface SealedField {
  context: FieldContext;
  envelope: string;
}

export interface PublicKeys {
  boxPublicKey: Uint8Array;
  signPublicKey: Uint8Array;
}

/**
 * Trusted public keys by staff id (a Map works), from the staff directory after fingerprint checks: it decides
 * whose signatures count and to which keys new wraps are sealed.
 */
export interface KeyDirectory {
  get(staffId: string): PublicKeys | undefined;
}

/**
 * A new client's key state: a fresh data key wrapped to the creator (self-signed) and to the recovery key.
 * Returns the data key too, for sealing the first fields; wipe it with wipeKey when done.
 */
export function createClientKeys(
  sodium: Sodium,
  clientId: string,
  creator: StaffIdentity,
  recovery: WrapRecipient,
): { state: ClientKeyState; dataKey: SymmetricKey } {
  checkText(clientId, 'clientId', 'invalid-input');
  checkRecovery(recovery);
  const dataKey = newDataKey(sodium);
  const wraps = [
    wrapDataKey(
      sodium,
      dataKey,
      clientId,
      { id: creator.staffId, boxPublicKey: creator.boxPublicKey },
      creator,
    ),
    wrapDataKey(sodium, dataKey, clientId, recovery, creator),
  ];
  return { state: { clientId, current: { keyId: dataKey.id, wraps } }, dataKey };
}

/**
 * Unwraps the client's current data key for `holder`. 'no-access' when they hold no wrap of it, 'bad-signature'
 * when the granter is unknown to the directory or the signature fails, and unwrapDataKey's other errors.
 * The caller wipes the key (wipeKey) when done.
 */
export function openClientKey(
  sodium: Sodium,
  state: ClientKeyState,
  holder: StaffIdentity,
  directory: KeyDirectory,
): SymmetricKey {
  const { keyId, wraps } = state.current;
  const wrap = wraps.find((w) => w.recipientId === holder.staffId && w.keyId === keyId);
  if (wrap === undefined) {
    throw new CryptoError('no-access', `${holder.staffId} holds no wrap of client ${state.clientId}'s key`);
  }
  const granter = directory.get(wrap.granterId);
  if (granter === undefined) {
    throw new CryptoError('bad-signature', `the granter ${wrap.granterId} is not in the key directory`);
  }
  return unwrapDataKey(sodium, wrap, holder, granter.signPublicKey, { clientId: state.clientId, keyId });
}

/**
 * Grants `recipient` access: the granter unwraps their own wrap (so only a holder can grant), wraps the key to the
 * recipient and signs it. Replaces any earlier wrap for that recipient.
 */
export function grant(
  sodium: Sodium,
  state: ClientKeyState,
  granter: StaffIdentity,
  recipient: WrapRecipient,
  directory: KeyDirectory,
): ClientKeyState {
  const key = openClientKey(sodium, state, granter, directory);
  try {
    const wrap = wrapDataKey(sodium, key, state.clientId, recipient, granter);
    const others = state.current.wraps.filter((w) => w.recipientId !== recipient.id);
    return { clientId: state.clientId, current: { keyId: key.id, wraps: [...others, wrap] } };
  } finally {
    wipeKey(sodium, key);
  }
}

export interface RevokeAndRotateRequest {
  state: ClientKeyState;
  /** Who rotates: must hold the current key (via a wrap that verifies); signs every new wrap. Not the revoked one. */
  actor: StaffIdentity;
  /** The staff member losing access. Never the recovery key, never the actor, never in `holders`. */
  revokedId: string;
  /**
   * The staff ids who keep access: those whose medical-access grant for this client is recorded and still valid in
   * the caller's access records (not read from `state`, which the server and any staff push can write). Exactly
   * these get a wrap of the new key, sealed to their public key from `directory`, whether or not `state` had a wrap
   * for them. The actor is re-granted only if listed. 'org-recovery' need not be listed (see `recovery`);
   * duplicates are ignored. Listing `revokedId` is refused ('invalid-input').
   */
  holders: readonly string[];
  /** The organisation recovery key: always re-wrapped, whether or not the state had its wrap or `holders` lists it. */
  recovery: WrapRecipient;
  /** Public keys of the holders (to seal to) and of the actor's granter (to verify the actor's wrap). */
  directory: KeyDirectory;
  /** Every sealed field of the client, all under the current key. */
  fields: readonly SealedField[];
}

export interface RevokeAndRotateResult {
  state: ClientKeyState;
  /** The same fields, same order and contexts, re-sealed under the new key. */
  fields: SealedField[];
  /**
   * Staff who had a wrap in the old state but are not in `holders` (leaving out `revokedId` and 'org-recovery'), in
   * order of first appearance: they get no wrap of the new key. Either a grant that lapsed in the access records
   * without a rotation, or a wrap planted in the state (a sign of tampering): worth an alert either way.
   */
  dropped: string[];
}

/**
 * Revokes one person and rotates the client's data key: a new key, every field re-sealed under it (opened with the
 * old key, sealed with the new), and the new key wrapped to exactly `request.holders` and the recovery key, each
 * holder's wrap sealed to their public key from the directory, all signed by the actor. Who keeps access comes only
 * from `holders`, the caller's access records: a wrap in `state` never earns a new one, however well signed (the
 * state is server-writable, and any directory member can sign a wrap of a junk key to themselves). Wraps in `state`
 * for anyone else are reported in `dropped`.
 *
 * Refused before any work: revoking the recovery key or the actor, `holders` containing `revokedId` or a non-text
 * id, a holder with no public key in the directory, or a directory key for the actor that is not the actor's
 * ('invalid-input'). The actor must hold the current key ('no-access', 'bad-signature' as in openClientKey). All or
 * nothing: any field that does not open under the current key (another key id: 'wrong-key'; altered: 'tampered')
 * aborts the rotation. Both keys are wiped before returning.
 *
 * The revoked person's old wrap still opens the old key, so envelopes under it that escaped re-sealing stay
 * readable to them; callers must replace every stored field with the returned ones and delete the old wraps.
 */
export function revokeAndRotate(sodium: Sodium, request: RevokeAndRotateRequest): RevokeAndRotateResult {
  const { state, actor, revokedId, holders, recovery, directory, fields } = request;
  checkRecovery(recovery);
  if (revokedId === RECOVERY_RECIPIENT_ID) {
    throw new CryptoError('invalid-input', 'the recovery key cannot be revoked');
  }
  if (revokedId === actor.staffId) {
    throw new CryptoError('invalid-input', 'the actor cannot revoke themselves');
  }
  if (!Array.isArray(holders)) throw new CryptoError('invalid-input', 'holders must be a list of staff ids');

  const remaining: WrapRecipient[] = [];
  for (const id of holders) {
    checkText(id, 'holder id', 'invalid-input');
    if (id === revokedId) {
      throw new CryptoError('invalid-input', `${revokedId} is being revoked and cannot also be a holder`);
    }
    if (id === RECOVERY_RECIPIENT_ID || remaining.some((r) => r.id === id)) continue;
    const keys = directory.get(id);
    if (keys === undefined) throw new CryptoError('invalid-input', `no public key for holder ${id}`);
    if (id === actor.staffId && !sameKey(sodium, keys.boxPublicKey, actor.boxPublicKey)) {
      throw new CryptoError('invalid-input', `the directory's public key for ${id} is not the actor's`);
    }
    remaining.push({ id, boxPublicKey: keys.boxPublicKey });
  }
  const dropped: string[] = [];
  for (const { recipientId: id } of state.current.wraps) {
    if (id === revokedId || id === RECOVERY_RECIPIENT_ID || dropped.includes(id)) continue;
    if (!remaining.some((r) => r.id === id)) dropped.push(id);
  }

  const oldKey = openClientKey(sodium, state, actor, directory);
  const newKey = newDataKey(sodium);
  try {
    const resealed = fields.map(({ context, envelope }) => {
      const plaintext = openField(sodium, oldKey, envelope, context);
      try {
        return { context, envelope: sealField(sodium, newKey, plaintext, context) };
      } finally {
        sodium.memzero(plaintext);
      }
    });
    const wraps = [...remaining, recovery].map((recipient) =>
      wrapDataKey(sodium, newKey, state.clientId, recipient, actor),
    );
    return {
      state: { clientId: state.clientId, current: { keyId: newKey.id, wraps } },
      fields: resealed,
      dropped,
    };
  } finally {
    wipeKey(sodium, oldKey);
    wipeKey(sodium, newKey);
  }
}

/**
 * Crypto-shredding: the state with every wrap destroyed, so no one (recovery included) can reach the key and the
 * sealed fields are noise. Effective only once every copy of the old wraps is gone (server, devices, backups)
 * and in-memory keys are wiped.
 */
export function shred(state: ClientKeyState): ClientKeyState {
  return { clientId: state.clientId, current: { keyId: state.current.keyId, wraps: [] } };
}

function sameKey(sodium: Sodium, a: Uint8Array, b: Uint8Array): boolean {
  return a instanceof Uint8Array && b instanceof Uint8Array && a.length === b.length && sodium.memcmp(a, b);
}

function checkRecovery(recovery: WrapRecipient): void {
  if (recovery.id !== RECOVERY_RECIPIENT_ID) {
    throw new CryptoError('invalid-input', `the recovery recipient must have id ${RECOVERY_RECIPIENT_ID}`);
  }
}
