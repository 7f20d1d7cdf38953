import { uuidParamsSchema } from '../auth/protocol';
import { canonicalJson } from '../sync/canonical';
import type { Provision } from './provision';
import type { DataSubjectRequest } from './request';

/**
 * Erasing a client everywhere (docs/erasure.md). An erasure is scheduled by someone with `eraseClients`
 * (shared/auth/roles.ts), hidden at once on every device, cancellable by the admin during its grace period, and
 * carried out by the server's retention job when due: every document of the client becomes a content-free
 * tombstone, every wrap of the client's medical key (the recovery wrap included) is destroyed, and devices purge
 * at their next pull and confirm. A client under a legal hold is never erased (409 `client-held`).
 */
export const erasurePaths = {
  erasures: '/erasures',
  pending: '/erasures/pending',
  cancel: (id: string) => `/erasures/${encodeURIComponent(id)}/cancel`,
  confirm: (id: string) => `/erasures/${encodeURIComponent(id)}/confirm`,
  certificate: (id: string) => `/erasures/${encodeURIComponent(id)}/certificate`,
  run: '/retention/run',
} as const;

export const DAY_MS = 86_400_000;
/** Days between scheduling an erasure and carrying it out, unless the request says otherwise. */
export const ERASURE_GRACE_DAYS_DEFAULT = 30;
export const ERASURE_GRACE_DAYS_MAX = 365;
export const ERASURE_REFERENCE_MAX_LENGTH = 200;

/** Why a client is erased: a data-subject request, a retention rule, a consent withdrawal with erasure, or a decision. */
export const ERASURE_BASES = ['request', 'retention-rule', 'consent-withdrawal', 'decision'] as const;
export type ErasureBasis = (typeof ERASURE_BASES)[number];

export type ErasureStatus = 'scheduled' | 'cancelled' | 'executed';

/**
 * What an erasure destroys: the whole client, or only its passport data, or only its medical section (the
 * section and every wrap of its key: crypto-shredded). A retention rule's erasure may be partial (retention.ts).
 */
export const ERASURE_SCOPES = ['client', 'passport', 'medical'] as const;
export type ErasureScope = (typeof ERASURE_SCOPES)[number];

export interface ScheduleErasureRequest {
  clientId: string;
  basis: ErasureBasis;
  /** A request id, a rule id or a matter reference: no personal data (stored in clear, shown on the certificate). */
  reference?: string;
  graceDays?: number;
  /**
   * What is erased: absent (or 'client') the whole client; a part, for an erasure request naming it (issue 16
   * review: the register could only answer a medical-only request with a whole-client erasure).
   */
  scope?: ErasureScope;
}

/**
 * A record the law requires to keep after the client is erased. Provision records (the `provisions` collection)
 * are kept as they are: they hold ids, dates, the partner and the items' names, no value of the client. Receipts
 * are not built yet: when they are, their erasure keeps the listed fields and says so.
 */
export interface KeptRecordRule {
  category: 'provision-records' | 'receipts';
  years: number;
  law: string;
  keeps: readonly string[];
}

export const KEPT_RECORD_RULES: readonly KeptRecordRule[] = [
  {
    category: 'provision-records',
    years: 3,
    law: 'APPI Art. 29 and 30; Enforcement Rules Art. 14 and 18 (3 years)',
    keeps: ['date', 'recipient', 'items provided', 'client id'],
  },
  {
    category: 'receipts',
    years: 7,
    law: 'Corporation Tax Act Art. 126; Enforcement Regulations Art. 59 (7 years)',
    keeps: ['date', 'amount', 'currency', 'client id'],
  },
];

export interface KeptRecord {
  category: KeptRecordRule['category'];
  count: number;
  reason: string;
  /** Epoch ms after which the kept records are due for erasure in turn. */
  keptUntil: number;
}

export interface ErasureReport {
  /** Per collection, how many documents became content-free tombstones. */
  erased: Array<{ collection: string; count: number }>;
  keyWrapsDestroyed: number;
  recoveryWrapDestroyed: boolean;
  kept: KeptRecord[];
  /** Server tables whose rows about the client were reduced (e.g. share requests' free text). */
  reduced: Array<{ table: string; count: number }>;
}

export interface Erasure {
  id: string;
  clientId: string;
  basis: ErasureBasis;
  reference?: string;
  /** Absent: the whole client. */
  scope?: Exclude<ErasureScope, 'client'>;
  scheduledBy: string;
  scheduledAt: number;
  dueAt: number;
  status: ErasureStatus;
  cancelledBy?: string;
  cancelledAt?: number;
  executedAt?: number;
  report?: ErasureReport;
  /** A legal hold standing on the client now (listing only): a due erasure waits for it to be lifted. */
  hold?: { reason: string; appliedBy: string; appliedAt: number };
}

/** A device that purged the client and told the server so. */
export interface PurgeConfirmation {
  deviceId: string;
  confirmedAt: number;
}

/** The certificate of an executed erasure, signed (Ed25519) by the server's key (GET /audit/server-key). */
export interface ErasureCertificate {
  v: 1;
  erasureId: string;
  clientId: string;
  basis: ErasureBasis;
  reference?: string;
  /** Absent: the whole client was erased; else only that part of it. */
  scope?: Exclude<ErasureScope, 'client'>;
  scheduledBy: string;
  scheduledAt: number;
  executedAt: number;
  report: ErasureReport;
  devices: PurgeConfirmation[];
  issuedAt: number;
  serverPublicKey: string;
  signature: string;
}

/** The bytes a certificate's signature covers: its canonical JSON without the signature, with a domain prefix. */
export function certificateBytes(certificate: Omit<ErasureCertificate, 'signature'>): string {
  const { ...body } = certificate as Partial<ErasureCertificate>;
  delete body.signature;
  return `lumina-erasure-certificate-v1\n${canonicalJson(body)}`;
}

/** When the kept records of a category become due, from the erasure's time. */
export function keptUntil(rule: KeptRecordRule, executedAt: number): number {
  return executedAt + Math.round(rule.years * 365.25 * DAY_MS);
}

const uuid = uuidParamsSchema.properties.id;

export const scheduleErasureRequestSchema = {
  type: 'object',
  properties: {
    clientId: uuid,
    basis: { type: 'string', enum: [...ERASURE_BASES] },
    reference: {
      type: 'string',
      minLength: 1,
      maxLength: ERASURE_REFERENCE_MAX_LENGTH,
      pattern: '^[^\\u0000-\\u001f\\u007f]+$',
    },
    graceDays: { type: 'integer', minimum: 0, maximum: ERASURE_GRACE_DAYS_MAX },
    scope: { type: 'string', enum: [...ERASURE_SCOPES] },
  },
  required: ['clientId', 'basis'],
  additionalProperties: false,
} as const;

export const erasureQuerySchema = {
  type: 'object',
  properties: { clientId: uuid },
  additionalProperties: false,
} as const;

export const runRetentionRequestSchema = {
  type: 'object',
  properties: { batchSize: { type: 'integer', minimum: 1, maximum: 1000 } },
  additionalProperties: false,
} as const;

/**
 * `POST /erasures/:id/confirm`: a device confirms its own purge, in the name of its session; a body naming
 * another device is refused (403 `device-not-caller`). Refusals, nothing recorded: 404 `erasure-not-found`,
 * 403 `erasure-out-of-reach` (the device's person could not hold the client: the reach of `/erasures/pending`),
 * 409 `erasure-partial` (a part of a client: no device is told to purge it), 409 `erasure-not-executed`.
 */
export interface ConfirmErasureRequest {
  deviceId?: string;
}

/**
 * The device a confirmation's body names: `undefined` when it names none (no body, `{}`: the caller), `false`
 * when the body is malformed. Checked in code, not by a route schema, as devices may post no body at all.
 */
export function confirmationDeviceId(body: unknown): string | undefined | false {
  if (body === undefined || body === null) return undefined;
  if (typeof body !== 'object' || Array.isArray(body)) return false;
  const { deviceId, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return false;
  if (deviceId === undefined) return undefined;
  return typeof deviceId === 'string' ? deviceId : false;
}

/** The answer to a confirmation; a repeated one changes nothing and answers the first time. */
export interface ErasureConfirmation {
  confirmed: true;
  confirmedAt: number;
  repeated: boolean;
}

/** A pending erasure as every device needs it, to hide the client at once: no reason, no person. */
export interface PendingErasure {
  id: string;
  clientId: string;
  dueAt: number;
  /** Carried out on the server: the device purges once the tombstones arrived, then confirms. */
  executed: boolean;
}

const REDUCED_TEXT = '-';

/**
 * The request register is the company's proof that a data-subject request was handled (APPI Art. 35–37): an
 * erasure keeps each of the client's requests, reduced to its type, channel, dates, deadline, status and outcome
 * and the staff who handled it, instead of stubbing it. Gone: the details, notes, the representative's name and
 * relationship, the country of residence, every free-text reason and summary ('-' where the schema needs text),
 * and any open conflict (it may hold values). The client id (a UUID) stays, as on the certificate. Not assigned
 * to anyone any more: a concierge's device receives the usual tombstone.
 */
export function reducedRequest(request: DataSubjectRequest, at: number): DataSubjectRequest {
  const { requester, extension, verification, answer, refusal } = request;
  return {
    id: request.id,
    clientId: request.clientId,
    type: request.type,
    channel: request.channel,
    receivedAt: request.receivedAt,
    receivedBy: request.receivedBy,
    requester: {
      kind: requester.kind,
      ...(requester.evidence !== undefined ? { evidence: requester.evidence } : {}),
      ...(requester.checkedBy !== undefined ? { checkedBy: requester.checkedBy } : {}),
      ...(requester.checkedAt !== undefined ? { checkedAt: requester.checkedAt } : {}),
    },
    gdprBasis: request.gdprBasis,
    dueAt: request.dueAt,
    ...(extension ? { extension: { reason: REDUCED_TEXT, by: extension.by, at: extension.at } } : {}),
    ...(verification
      ? {
          verification: {
            method: verification.method,
            outcome: verification.outcome,
            by: verification.by,
            at: verification.at,
          },
        }
      : {}),
    ...(request.earlierChecks
      ? {
          earlierChecks: request.earlierChecks.map(({ method, outcome, by, at }) => ({
            method,
            outcome,
            by,
            at,
          })),
        }
      : {}),
    status: request.status,
    ...(request.handlerId !== undefined ? { handlerId: request.handlerId } : {}),
    ...(answer
      ? {
          answer: {
            channel: answer.channel,
            summary: REDUCED_TEXT,
            partial: answer.partial,
            ...(answer.ground !== undefined ? { ground: answer.ground } : {}),
            by: answer.by,
            at: answer.at,
          },
        }
      : {}),
    ...(refusal
      ? { refusal: { ground: refusal.ground, reason: REDUCED_TEXT, by: refusal.by, at: refusal.at } }
      : {}),
    ...(request.withdrawnAt !== undefined ? { withdrawnAt: request.withdrawnAt } : {}),
    ...(request.withdrawalChannel !== undefined ? { withdrawalChannel: request.withdrawalChannel } : {}),
    ...(request.exports ? { exports: request.exports } : {}),
    assignedStaffIds: [],
    createdAt: request.createdAt,
    updatedAt: at,
  };
}

/**
 * A provision record is kept three years (APPI Art. 29, 30; Enforcement Rules Art. 14, 18) with what the law asks
 * it to hold: the date, the partner, the client (by id), the items of data, the consent relied on, the package's id
 * and hash, and for data received how the partner obtained it (`obtainedHow`, Art. 30). The staff's free-text
 * `notes` are not among them and may name the client: gone. No longer assigned to anyone, so a concierge's device
 * receives the usual tombstone; the office's devices keep the reduced record. The same record reduced again is
 * unchanged (a device checks its purge with it).
 */
export function reducedProvision(provision: Provision): Provision {
  const { notes, ...kept } = provision;
  void notes;
  return { ...kept, assignedStaffIds: [] };
}

/**
 * The collections whose documents an erasure reduces (kept live, without personal content) instead of
 * tombstoning; every other collection in `documentsToErase` becomes its content-free stub.
 */
export const ERASURE_REDUCERS = {
  requests: (data: Record<string, unknown>, at: number): Record<string, unknown> =>
    reducedRequest(data as unknown as DataSubjectRequest, at) as unknown as Record<string, unknown>,
  provisions: (data: Record<string, unknown>): Record<string, unknown> =>
    reducedProvision(data as unknown as Provision) as unknown as Record<string, unknown>,
} as const satisfies Record<string, (data: Record<string, unknown>, at: number) => Record<string, unknown>>;
