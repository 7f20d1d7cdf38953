import { expect } from 'vitest';
import {
  PERMISSIONS,
  SYNCED_COLLECTION_NAMES,
  type Client,
  type Role,
  type SyncedCollectionName,
  type Trip,
  type WireDocument,
} from '../../../shared/index';
import type { AuditEvent } from '../../../shared/domain/audit';
import { EMPTY_CHAIN, chainNextEntry, type ChainHead } from '../../../shared/crypto/audit-chain';
import { loadSodium, type StaffIdentity } from '../../../shared/crypto/index';
import { UUID_PATTERN } from '../../../shared/domain/schema-parts';
import { syncedCollections } from '../../../shared/sync/collections';
import type { KeyWrapDocument } from '../../../shared/domain/key-wraps';
import type { MedicalSection } from '../../../shared/domain/medical';
import type { LuminaServer } from '../../../server/app';
import type { DataSubjectRequest } from '../../../shared/domain/request';
import type { TestStaff } from './staff';
import type { Partner } from '../../../shared/domain/partner';
import type { Provision } from '../../../shared/domain/provision';
import {
  clientId,
  consentDocument,
  consentId,
  DAY_MS,
  ensureTestNotice,
  noticeDocument,
  noticeId,
  RECORDED_AT,
} from './consent-documents';

// The consent ledger's fixtures live in consent-documents.ts; re-exported for the tests that import them here.
export * from './consent-documents';

const sodiumForSamples = await loadSodium();
/** Each test device's access-log chain head, as the samples built it. */
const auditHeads = new Map<string, ChainHead>();
/** The head each sample entry was made on: a refused push (pushAs) puts the device's head back there. */
const headBefore = new Map<string, ChainHead>();

/** Documents of every synced collection, as the permission, push-rule and export tests push them. */

export const requestId = (n: number) => `00000000-0000-4000-8100-${n.toString(16).padStart(12, '0')}`;
export const tripId = (n: number) => `00000000-0000-4000-9000-${n.toString(16).padStart(12, '0')}`;

export const medicalId = (n: number) => `00000000-0000-4000-b000-${n.toString(16).padStart(12, '0')}`;
export const eventId = (n: number) => `00000000-0000-4000-c000-${n.toString(16).padStart(12, '0')}`;
/** The medical-data consent a medical section `n` is written under (seeded before the table is walked). */
export const sectionConsentId = (n: number) => `00000000-0000-4000-d000-${n.toString(16).padStart(12, '0')}`;
export const wrapId = (n: number) => `${clientId(n)}.k${n}.org-recovery`;
export const partnerDocId = (n: number) => `00000000-0000-4000-8200-${n.toString(16).padStart(12, '0')}`;
export const provisionId = (n: number) => `00000000-0000-4000-8300-${n.toString(16).padStart(12, '0')}`;
export const envelope = (n: number) => `1.k${n}.${'A'.repeat(60)}`;

/**
 * Document `n` of each synced collection, for seeding and pushing as `by` (the push rules want key wraps granted
 * by the pushing device, consents witnessed and audit events written by the pusher). A collection with no maker
 * here (a new one) gets one read from its schema: `makerOf`.
 */
export const documentMakers: Partial<Record<SyncedCollectionName, DocumentMaker>> = {
  clients: {
    id: clientId,
    make: (n, assignedStaffIds): WireDocument<Client> => ({
      id: clientId(n),
      names: { latin: `Client ${n}` },
      status: 'active',
      assignedStaffIds,
      createdAt: 1,
      updatedAt: 1,
      _deleted: false,
    }),
  },
  trips: {
    id: tripId,
    make: (n, assignedStaffIds): WireDocument<Trip> => ({
      id: tripId(n),
      clientId: clientId(n),
      assignedStaffIds,
      title: `Trip ${n}`,
      startDate: '2026-04-01',
      endDate: '2026-04-08',
      timeZone: 'Asia/Tokyo',
      items: [
        // Not a medical item: writing one needs the client's medical consent (server/sync/trip-medical.test.ts
        // covers those), which the permission table's walk does not record for every client.
        {
          id: clientId(1000 + n),
          kind: 'transfer',
          start: '2026-04-02T09:30:00+09:00',
          end: '2026-04-02T11:00:00+09:00',
          title: `Car to the clinic ${n}`,
        },
      ],
      createdAt: 1,
      updatedAt: 1,
      _deleted: false,
    }),
  },
  medical: {
    id: medicalId,
    make: (n, assignedStaffIds): WireDocument<MedicalSection> => ({
      id: medicalId(n),
      clientId: clientId(n),
      keyId: `k${n}`,
      history: envelope(n),
      currentMedications: envelope(n),
      allergies: envelope(n),
      conditions: envelope(n),
      documentNotes: envelope(n),
      plannedTreatments: envelope(n),
      consentId: sectionConsentId(n),
      assignedStaffIds,
      createdAt: 1,
      updatedAt: 1,
      _deleted: false,
    }),
  },
  keyWraps: {
    id: wrapId,
    // The recovery wrap of the client's first key, granted by the pusher's device: what any role that writes
    // medical sections may push; roles that grant may push any wrap of their own device.
    make: (n, assignedStaffIds, by): WireDocument<KeyWrapDocument> => ({
      id: wrapId(n),
      v: 1,
      keyId: `k${n}`,
      clientId: clientId(n),
      recipientId: 'org-recovery',
      granterId: by.deviceId,
      sealed: 'c2VhbGVk',
      signature: 'A'.repeat(86),
      assignedStaffIds,
      createdAt: 1,
      updatedAt: 1,
      _deleted: false,
    }),
  },
  consents: {
    id: consentId,
    make: (n, assignedStaffIds, by) => consentDocument(consentId(n), n, assignedStaffIds, by),
  },
  orgSettings: {
    id: noticeId,
    // Not yet in effect, so that its publisher may still change it.
    make: (n, assignedStaffIds, by) => ({
      ...noticeDocument(noticeId(n), `v${n}`, RECORDED_AT + 365 * DAY_MS, by.staffId),
      assignedStaffIds,
    }),
  },
  auditEvents: {
    id: eventId,
    // The next link of the pushing device's chain, signed by it (the server refuses legacy entries). The head moves
    // only for an entry the device's role may push (a concierge's entry must name them), as the server's does.
    make: (n, assignedStaffIds, by): WireDocument<AuditEvent> => {
      const head = auditHeads.get(by.deviceId) ?? EMPTY_CHAIN;
      const { entry, head: next } = chainNextEntry(
        sodiumForSamples,
        head,
        {
          id: eventId(n),
          kind: 'medical-unsealed',
          staffId: by.staffId,
          deviceId: by.deviceId,
          clientId: clientId(n),
          fields: ['history'],
          at: 1,
          assignedStaffIds,
        },
        { staffId: by.deviceId, signSecretKey: by.keys.signSecretKey } as StaffIdentity,
      );
      if (
        PERMISSIONS[by.role].collections.auditEvents.write === 'all' ||
        assignedStaffIds.includes(by.staffId)
      ) {
        headBefore.set(entry.id, head);
        auditHeads.set(by.deviceId, next);
      }
      return { ...entry, _deleted: false };
    },
  },
  requests: {
    id: requestId,
    // Logged as received by the pusher, a minute ago, for a client with no nationality (the 14-day deadline).
    make: (n, assignedStaffIds, by): WireDocument<DataSubjectRequest> => ({
      id: requestId(n),
      clientId: clientId(n),
      type: 'disclosure',
      channel: 'in-person',
      receivedAt: RECORDED_AT,
      receivedBy: by.staffId,
      requester: { kind: 'client' },
      gdprBasis: 'none',
      dueAt: RECORDED_AT + 14 * DAY_MS,
      status: 'received',
      assignedStaffIds,
      createdAt: RECORDED_AT,
      updatedAt: RECORDED_AT,
      _deleted: false,
    }),
  },
  // Issue 15: a partner not yet vetted, and a record of data received from partner 1.
  partners: {
    id: partnerDocId,
    make: (n, assignedStaffIds): WireDocument<Partner> => ({
      id: partnerDocId(n),
      names: { en: `Partner ${n}`, ja: `提携先${n}` },
      kind: 'clinic',
      country: 'JP',
      city: 'Tokyo',
      vetting: { status: 'pending' },
      assignedStaffIds,
      createdAt: RECORDED_AT,
      updatedAt: RECORDED_AT,
      _deleted: false,
    }),
  },
  provisions: {
    id: provisionId,
    make: (n, assignedStaffIds, by): WireDocument<Provision> => ({
      id: provisionId(n),
      clientId: clientId(n),
      kind: 'received',
      // Partner 1 is seeded with every collection (seedEveryCollection), before the provisions.
      partnerId: partnerDocId(1),
      at: RECORDED_AT,
      items: [{ key: 'test-results', label: { en: 'Test results', ja: '検査結果' } }],
      obtainedHow: 'Tests the clinic ran',
      recordedBy: by.staffId,
      recordedAt: RECORDED_AT,
      assignedStaffIds,
      _deleted: false,
    }),
  },
};

/** The maker of document `n` of `collection`: its own in `documentMakers`, else one read from its schema. */
export const makerOf = (collection: SyncedCollectionName): DocumentMaker =>
  documentMakers[collection] ?? schemaDocumentMaker(collection);

/** How the permission, push-rule and export tests make document `n` of a collection, pushed by `by`. */
export interface DocumentMaker {
  id(n: number): string;
  make(n: number, assignedStaffIds: string[], by: TestStaff): object;
}

interface JsonSchema {
  type?: string | readonly string[];
  enum?: readonly unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  items?: JsonSchema;
  minItems?: number;
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
}

/**
 * A maker read from the collection's JSON schema, for a collection with no hand-written maker (a new one): its
 * primary key a UUID of its own range, `clientId` client `n`, any other UUID the pusher's staff id (an author, a
 * witness), every other required field the least value its schema allows. A collection whose push rule wants more
 * (a consent, a device's signature) gets a maker of its own in `documentMakers`.
 */
export function schemaDocumentMaker(collection: SyncedCollectionName): DocumentMaker {
  const schema = syncedCollections[collection] as unknown as JsonSchema & { primaryKey: string };
  const range = (0xe000 + SYNCED_COLLECTION_NAMES.indexOf(collection)).toString(16);
  const id = (n: number) => `00000000-0000-4000-${range}-${n.toString(16).padStart(12, '0')}`;
  const value = (path: string, part: JsonSchema, by: TestStaff): unknown => {
    if (part.const !== undefined) return part.const;
    if (part.enum) return part.enum[0];
    const type = Array.isArray(part.type) ? part.type[0] : part.type;
    switch (type) {
      case 'string': {
        if (part.pattern === UUID_PATTERN) return by.staffId;
        if (part.pattern)
          throw new Error(`${collection}.${path}: no value for /${part.pattern}/; write a maker`);
        return path.padEnd(part.minLength ?? 1, '-').slice(0, part.maxLength ?? Infinity);
      }
      case 'integer':
      case 'number':
        return part.minimum ?? 1;
      case 'boolean':
        return false;
      case 'array':
        return Array.from({ length: part.minItems ?? 0 }, (_, i) =>
          value(`${path}.${i}`, part.items ?? {}, by),
        );
      case 'object':
        return Object.fromEntries(
          (part.required ?? []).map((key) => [
            key,
            value(path ? `${path}.${key}` : key, part.properties?.[key] ?? {}, by),
          ]),
        );
      default:
        throw new Error(`${collection}.${path}: no value for type ${String(part.type)}; write a maker`);
    }
  };
  return {
    id,
    make: (n, assignedStaffIds, by) => ({
      ...(value('', schema, by) as object),
      [schema.primaryKey]: id(n),
      ...('clientId' in (schema.properties ?? {}) ? { clientId: clientId(n) } : {}),
      assignedStaffIds,
      _deleted: false,
    }),
  };
}

/** A key wrap of client `n`'s key `kg`, for `recipientId`, granted by `granterId`, assigned to `assignedStaffIds`. */
export function grantWrap(n: number, recipientId: string, granterId: string, assignedStaffIds: string[]) {
  return {
    ...makerOf('keyWraps').make(n, assignedStaffIds, { deviceId: granterId } as TestStaff),
    id: `${clientId(n)}.kg.${recipientId}`,
    keyId: 'kg',
    recipientId,
  };
}

export const pushAs = async (
  server: LuminaServer,
  as: TestStaff,
  collection: SyncedCollectionName,
  docs: object[],
) => {
  const res = await server.app.inject({
    method: 'POST',
    url: `/sync/${collection}/push`,
    headers: as.headers,
    payload: docs.map((newDocumentState) => ({ newDocumentState })),
  });
  // A refused push of access-log samples leaves the device's chain where the server has it.
  if (collection === 'auditEvents' && res.statusCode !== 200) {
    for (const doc of [...docs].reverse()) {
      const before = headBefore.get((doc as { id: string }).id);
      if (before) auditHeads.set(as.deviceId, before);
    }
  }
  return res;
};

/**
 * Clients `n` with their assignees, pushed as `by` (the coordinator, who writes every client), and for each the
 * medical-data consent its medical section is written under, with the client's assignees: a client's documents are
 * scoped by their client, which must exist first. A client or consent that exists as pushed is a retry.
 */
export async function seedClients(
  server: LuminaServer,
  by: TestStaff,
  clients: ReadonlyArray<readonly [n: number, assignedStaffIds: string[]]>,
): Promise<void> {
  const push = async (collection: SyncedCollectionName, docs: object[]) => {
    const res = await pushAs(server, by, collection, docs);
    expect(res.statusCode, `${collection}: ${res.body}`).toBe(200);
  };
  await push(
    'clients',
    clients.map(([n, assignees]) => makerOf('clients').make(n, assignees, by)),
  );
  await ensureTestNotice(server);
  await push(
    'consents',
    clients.map(([n, assignees]) => consentDocument(sectionConsentId(n), n, assignees, by)),
  );
}

/**
 * Seeds every collection as the coordinator (who writes everything): document 1 assigned to the concierge, document
 * 2 to nobody (what only the admin writes, by the admin); and first their clients and the medical-data consents their medical sections are written under.
 */
export async function seedEveryCollection(
  server: LuminaServer,
  staff: Record<Role, TestStaff>,
): Promise<void> {
  await seedClients(server, staff.coordinator, [
    [1, [staff.concierge.staffId]],
    [2, []],
  ]);
  // Seed every collection as the coordinator (writes everything but what only the admin writes, which the admin
  // seeds): document 1 assigned to the concierge, document 2 to nobody.
  for (const collection of SYNCED_COLLECTION_NAMES) {
    const { make } = makerOf(collection);
    const by =
      PERMISSIONS.coordinator.collections[collection].write === 'all' ? staff.coordinator : staff.admin;
    const seeded = await server.app.inject({
      method: 'POST',
      url: `/sync/${collection}/push`,
      headers: by.headers,
      payload: [
        { newDocumentState: make(1, [staff.concierge.staffId], by) },
        { newDocumentState: make(2, [], by) },
      ],
    });
    expect(seeded.json()).toEqual([]);
  }
}
