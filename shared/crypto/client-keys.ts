import { checkText } from './encoding';
import type { SymmetricKey } from './envelope';
import { openField, sealField, type FieldContext } from './field-envelope';
import type { StaffIdentity } from './identity';
import {
  newDataKey,
  RECOVERY_RECIPIENT_ID,
  unwrapDataKey,
  verifyKeyWrap,
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
  /** Who rotates: must hold the current key; signs every new wrap. Cannot be the person revoked. */
  actor: StaffIdentity;
  /** The staff member losing access. Never the recovery key. */
  revokedId: string;
  /** The organisation recovery key: always re-wrapped, whether or not the state had its wrap. */
  recovery: WrapRecipient;
  /** Public keys of the remaining holders (to seal to) and of the actor's granter (to verify their wrap). */
  directory: KeyDirectory;
  /** Every sealed field of the client, all under the current key. */
  fields: readonly SealedField[];
}

export interface RevokeAndRotateResult {
  state: ClientKeyState;
  /** The same fields, same order and contexts, re-sealed under the new key. */
  fields: SealedField[];
  /** Holders not re-granted because their wrap's signature did not verify: a sign of tampering, worth an alert. */
  dropped: string[];
}

/**
 * Revokes one person and rotates the client's data key: a new key, every field re-sealed under it (opened with the
 * old key, sealed with the new), and the new key wrapped to every remaining holder and the recovery key, signed by
 * the actor. Only holders whose current wrap verifies are re-granted (see `dropped`). All or nothing: any field
 * that does not open under the current key (another key id: 'wrong-key'; altered: 'tampered') aborts the
 * rotation. Both keys are wiped before returning.
 *
 * The revoked person's old wrap still opens the old key, so envelopes under it that escaped re-sealing stay
 * readable to them; callers must replace every stored field with the returned ones and delete the old wraps.
 */
export function revokeAndRotate(sodium: Sodium, request: RevokeAndRotateRequest): RevokeAndRotateResult {
  const { state, actor, revokedId, recovery, directory, fields } = request;
  checkRecovery(recovery);
  if (revokedId === RECOVERY_RECIPIENT_ID) {
    throw new CryptoError('invalid-input', 'the recovery key cannot be revoked');
  }
  if (revokedId === actor.staffId) {
    throw new CryptoError('invalid-input', 'the actor cannot revoke themselves');
  }
  const remaining: WrapRecipient[] = [];
  const dropped: string[] = [];
  for (const wrap of state.current.wraps) {
    const id = wrap.recipientId;
    if (wrap.keyId !== state.current.keyId || id === revokedId || id === RECOVERY_RECIPIENT_ID) continue;
    if (remaining.some((r) => r.id === id)) continue;
    const keys = id === actor.staffId ? actor : directory.get(id);
    if (keys === undefined) throw new CryptoError('invalid-input', `no public key for holder ${id}`);
    // Re-grant only wraps a known granter really signed: a wrap slipped into the state must not buy a new one.
    const granter = directory.get(wrap.granterId);
    if (granter === undefined || !verifyKeyWrap(sodium, wrap, keys.boxPublicKey, granter.signPublicKey)) {
      dropped.push(id);
      continue;
    }
    remaining.push({ id, boxPublicKey: keys.boxPublicKey });
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

function checkRecovery(recovery: WrapRecipient): void {
  if (recovery.id !== RECOVERY_RECIPIENT_ID) {
    throw new CryptoError('invalid-input', `the recovery recipient must have id ${RECOVERY_RECIPIENT_ID}`);
  }
}
