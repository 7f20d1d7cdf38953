import type { ClientKeyState } from '../crypto/client-keys';
import { KEY_WRAP_VERSION, RECOVERY_RECIPIENT_ID, type KeyWrap } from '../crypto/key-wrap';
import { epochMsSchema, staffIdsSchema, uuidSchema } from './schema-parts';

/**
 * Wraps of a client's data key as documents: one per (client, key, recipient), the `keyWraps` collection of
 * docs/data-model.md (row 3). The wrap itself is the crypto core's KeyWrap (docs/crypto-spec.md, section 6),
 * stored as is; the id is derived from the three names, so granting again to the same person replaces their wrap
 * instead of adding one. Revoking deletes the document (a tombstone on sync). Synced as `keyWraps`; each document
 * carries the client's `assignedStaffIds` so that a concierge's device receives the wraps of their own clients.
 *
 * A client's current key is the one its medical section is sealed under (`MedicalSection.keyId`).
 */

export interface KeyWrapDocument extends KeyWrap {
  id: string;
  /** As on the client, for sync scope. */
  assignedStaffIds: string[];
  createdAt: number;
  updatedAt: number;
}

const RECIPIENT_PATTERN = `([0-9a-f-]{36}|${RECOVERY_RECIPIENT_ID})`;
const KEY_ID_PATTERN = '[A-Za-z0-9_-]{1,64}';

export const keyWrapSchema = {
  title: 'key wrap',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: {
      type: 'string',
      maxLength: 140,
      pattern: `^[0-9a-f-]{36}\\.${KEY_ID_PATTERN}\\.${RECIPIENT_PATTERN}$`,
    },
    v: { type: 'integer', minimum: KEY_WRAP_VERSION, maximum: KEY_WRAP_VERSION, multipleOf: 1 },
    keyId: { type: 'string', maxLength: 64, pattern: `^${KEY_ID_PATTERN}$` },
    clientId: uuidSchema,
    recipientId: { type: 'string', maxLength: 36, pattern: `^${RECIPIENT_PATTERN}$` },
    granterId: uuidSchema,
    sealed: { type: 'string', maxLength: 512, pattern: '^[A-Za-z0-9_-]+$' },
    // 64 bytes of Ed25519 signature in base64url.
    signature: { type: 'string', maxLength: 86, pattern: '^[A-Za-z0-9_-]{86}$' },
    assignedStaffIds: staffIdsSchema,
    createdAt: epochMsSchema,
    updatedAt: epochMsSchema,
  },
  required: [
    'id',
    'v',
    'keyId',
    'clientId',
    'recipientId',
    'granterId',
    'sealed',
    'signature',
    'assignedStaffIds',
    'createdAt',
    'updatedAt',
  ],
  additionalProperties: false,
  indexes: ['clientId', 'recipientId', 'keyId'],
} as const;

export function keyWrapDocumentId(wrap: Pick<KeyWrap, 'clientId' | 'keyId' | 'recipientId'>): string {
  return `${wrap.clientId}.${wrap.keyId}.${wrap.recipientId}`;
}

export function keyWrapDocument(
  wrap: KeyWrap,
  now: number,
  assignedStaffIds: readonly string[],
): KeyWrapDocument {
  return {
    id: keyWrapDocumentId(wrap),
    ...wrap,
    assignedStaffIds: [...new Set(assignedStaffIds)],
    createdAt: now,
    updatedAt: now,
  };
}

export function keyWrapOf(document: KeyWrapDocument): KeyWrap {
  const { v, keyId, clientId, recipientId, granterId, sealed, signature } = document;
  return { v, keyId, clientId, recipientId, granterId, sealed, signature };
}

/**
 * The key state the crypto core works on (openClientKey, grant, revokeAndRotate): the wraps of `currentKeyId`
 * among `documents`, ignoring other clients' and older keys' wraps, and any document whose id does not match its
 * contents.
 */
export function clientKeyStateOf(
  clientId: string,
  currentKeyId: string,
  documents: Iterable<KeyWrapDocument>,
): ClientKeyState {
  const wraps: KeyWrap[] = [];
  for (const document of documents) {
    if (document.clientId !== clientId || document.keyId !== currentKeyId) continue;
    if (document.id !== keyWrapDocumentId(document)) continue;
    wraps.push(keyWrapOf(document));
  }
  return { clientId, current: { keyId: currentKeyId, wraps } };
}

/**
 * What to store after a key operation: a document for every wrap of the new state (new or changed ones with
 * `now` as updatedAt, unchanged ones as they were) and the ids of documents to delete (wraps no longer in the
 * state: revoked people, and every wrap of a rotated-out key). Every document put carries `assignedStaffIds` (the
 * client's); a kept wrap whose assignees differ is put again with them.
 */
export function keyWrapChanges(
  before: Iterable<KeyWrapDocument>,
  after: ClientKeyState,
  now: number,
  assignedStaffIds: readonly string[],
): { put: KeyWrapDocument[]; remove: string[] } {
  const assignees = [...new Set(assignedStaffIds)];
  const sameAssignees = (ids: readonly string[] | undefined) =>
    ids !== undefined && ids.length === assignees.length && ids.every((id, i) => id === assignees[i]);
  const existing = new Map<string, KeyWrapDocument>();
  for (const document of before)
    if (document.clientId === after.clientId) existing.set(document.id, document);
  const put: KeyWrapDocument[] = [];
  const keep = new Set<string>();
  for (const wrap of after.current.wraps) {
    const id = keyWrapDocumentId(wrap);
    keep.add(id);
    const old = existing.get(id);
    if (
      old !== undefined &&
      old.sealed === wrap.sealed &&
      old.signature === wrap.signature &&
      old.granterId === wrap.granterId &&
      sameAssignees(old.assignedStaffIds)
    ) {
      continue;
    }
    put.push({
      id,
      ...wrap,
      assignedStaffIds: assignees,
      createdAt: old?.createdAt ?? now,
      updatedAt: Math.max(now, old?.updatedAt ?? 0),
    });
  }
  const remove = [...existing.keys()].filter((id) => !keep.has(id));
  return { put, remove };
}
