import type { RxCollection } from 'rxdb';
import { can, type Role } from '../../../../shared/auth/roles';
import {
  createClientKeys,
  CryptoError,
  grant,
  openClientKey,
  RECOVERY_RECIPIENT_ID,
  revokeAndRotate,
  verifyKeyWrap,
  wipeIdentity,
  wipeKey,
  type Sodium,
  type StaffIdentity,
  type SymmetricKey,
} from '../../../../shared/crypto/index';
import { unsealEvent, type AuditEvent } from '../../../../shared/domain/audit';
import {
  canWriteMedical,
  CONSENT_METHODS,
  CONSENT_NOTES_MAX_LENGTH,
  POLICY_VERSION_PATTERN,
  recordConsent,
  type Consent,
  type ConsentMethod,
} from '../../../../shared/domain/consent';
import {
  clientKeyStateOf,
  keyWrapChanges,
  keyWrapDocumentId,
  type KeyWrapDocument,
} from '../../../../shared/domain/key-wraps';
import {
  MEDICAL_FIELDS,
  medicalSealedFields,
  openMedicalSection,
  whoCanGrant,
  withRotatedFields,
  writeMedicalSection,
  type MedicalContent,
  type MedicalField,
  type MedicalSection,
  type StaffMember,
} from '../../../../shared/domain/medical';
import { FieldErrors, type FormResult } from '../../../../shared/domain/validation';
import type { DirectoryDevice, DirectoryEntry, StaffDirectory } from '../../auth/staff-directory';

/**
 * The medical section of a client's record as a device works on it: the consent gate, the client's data key
 * (created, granted, rotated), opening the section (always audited first) and saving edits. Keys are per device
 * (docs: the issue-6 key model): a wrap's recipient is a device id or 'org-recovery', its granter the device that
 * signed it; a staff member holds access when one of their devices holds a verified wrap of the current key.
 * Everything is written to the local store; replication carries it to the server.
 */

export interface MedicalCollections {
  medical: RxCollection<MedicalSection>;
  keyWraps: RxCollection<KeyWrapDocument>;
  consents: RxCollection<Consent>;
  auditEvents: RxCollection<AuditEvent>;
}

export type { DirectoryDevice, DirectoryEntry };

/** What this module needs of the session's StaffDirectory. */
export type MedicalDirectory = Pick<StaffDirectory, 'entries' | 'keyDirectory' | 'recoveryRecipient'>;

/** Who is acting, on which device. */
export interface MedicalActor {
  staffId: string;
  deviceId: string;
  role: Role;
  /** This device's private keys, `staffId` set to the device id; throws when the device is locked. */
  deviceKeys(): StaffIdentity;
}

export interface MedicalContext {
  sodium: Sodium;
  collections: MedicalCollections;
  directory: MedicalDirectory;
  actor: MedicalActor;
  now?: () => number;
  newId?: () => string;
}

/** The client as far as this module needs it. */
export interface MedicalClient {
  id: string;
  assignedStaffIds: string[];
}

export type MedicalErrorReason =
  | 'no-consent'
  | 'consent-withdrawn'
  | 'no-access'
  | 'no-section'
  | 'not-allowed'
  | 'no-recovery-key'
  | 'no-devices'
  | 'own-access'
  | 'changed-meanwhile';

/** An expected refusal, with a reason the UI words; carries no personal data. */
export class MedicalError extends Error {
  constructor(
    readonly reason: MedicalErrorReason,
    message: string = reason,
  ) {
    super(message);
    this.name = 'MedicalError';
  }
}

const nowOf = (ctx: MedicalContext) => (ctx.now ?? Date.now)();

/** Runs `work` with a fresh copy of this device's private keys, wiped afterwards. */
function withDeviceKeys<T>(ctx: MedicalContext, work: (keys: StaffIdentity) => T): T {
  const keys = ctx.actor.deviceKeys();
  try {
    return work(keys);
  } finally {
    wipeIdentity(ctx.sodium, keys);
  }
}
const idOf = (ctx: MedicalContext) => (ctx.newId ?? (() => globalThis.crypto.randomUUID()))();

// ---------------------------------------------------------------------------------------------------------------
// Reading

/** Everything medical the local store holds for one client. */
export interface ClientMedicalRecords {
  /** The client's section; if two were created (offline, at once), the first created. */
  section: MedicalSection | undefined;
  /** Every key wrap of the client, of any key. */
  wraps: KeyWrapDocument[];
  consents: Consent[];
}

export function currentSection(sections: Iterable<MedicalSection>): MedicalSection | undefined {
  let first: MedicalSection | undefined;
  for (const section of sections) {
    if (
      first === undefined ||
      section.createdAt < first.createdAt ||
      (section.createdAt === first.createdAt && section.id < first.id)
    ) {
      first = section;
    }
  }
  return first;
}

export async function readClientMedical(
  collections: MedicalCollections,
  clientId: string,
): Promise<ClientMedicalRecords> {
  const [sections, wraps, consents] = await Promise.all([
    collections.medical.find({ selector: { clientId } }).exec(),
    collections.keyWraps.find({ selector: { clientId } }).exec(),
    collections.consents.find({ selector: { clientId } }).exec(),
  ]);
  return {
    section: currentSection(sections.map((doc) => doc.toJSON() as MedicalSection)),
    wraps: wraps.map((doc) => doc.toJSON() as KeyWrapDocument),
    consents: consents.map((doc) => doc.toJSON() as Consent),
  };
}

/** Which devices, and so which staff members, hold a verified wrap of the section's current key. */
export interface KeyHolders {
  /** Device id -> the staff member it belongs to (undefined: a device the directory does not list). */
  devices: Map<string, string | undefined>;
  staff: Set<string>;
}

/**
 * The holders of the current key: wraps of `section.keyId` whose recipient and granter are in the key directory and
 * whose signature verifies (a wrap anyone planted without a directory key's signature counts for no one). The
 * recovery key is not a holder.
 */
export function keyHolders(
  sodium: Sodium,
  section: MedicalSection,
  wraps: Iterable<KeyWrapDocument>,
  directory: MedicalDirectory,
): KeyHolders {
  const keys = directory.keyDirectory();
  const staffOfDevice = new Map<string, string>();
  for (const entry of directory.entries())
    for (const device of entry.devices) staffOfDevice.set(device.id, entry.staffId);
  const holders: KeyHolders = { devices: new Map(), staff: new Set() };
  for (const wrap of clientKeyStateOf(section.clientId, section.keyId, wraps).current.wraps) {
    const recipient = keys.get(wrap.recipientId);
    const granter = keys.get(wrap.granterId);
    if (recipient === undefined || granter === undefined) continue;
    if (!verifyKeyWrap(sodium, wrap, recipient.boxPublicKey, granter.signPublicKey)) continue;
    const staffId = staffOfDevice.get(wrap.recipientId);
    holders.devices.set(wrap.recipientId, staffId);
    if (staffId !== undefined) holders.staff.add(staffId);
  }
  return holders;
}

export function staffMembers(entries: Iterable<DirectoryEntry>): StaffMember[] {
  return [...entries].map((entry) => ({
    id: entry.staffId,
    displayName: entry.displayName,
    role: entry.role,
    status: entry.status,
  }));
}

/** Active staff who may grant access and hold the key now: whom a person without access can ask. */
export function grantersFor(
  sodium: Sodium,
  records: ClientMedicalRecords,
  directory: MedicalDirectory,
): StaffMember[] {
  const entries = directory.entries();
  const holders =
    records.section === undefined
      ? new Set<string>()
      : keyHolders(sodium, records.section, records.wraps, directory).staff;
  return whoCanGrant(staffMembers(entries), undefined, holders);
}

/** Whether this device holds a wrap of the section's current key (not yet verified: opening verifies). */
export function deviceHoldsKey(
  records: ClientMedicalRecords,
  deviceId: string,
): records is ClientMedicalRecords & { section: MedicalSection } {
  const section = records.section;
  return (
    section !== undefined &&
    records.wraps.some(
      (wrap) =>
        wrap.clientId === section.clientId && wrap.keyId === section.keyId && wrap.recipientId === deviceId,
    )
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Consent

export interface ConsentInput {
  policyVersion: string;
  method: string;
  /** When the client gave it, milliseconds since the epoch (NaN when the field did not parse). */
  givenAt: number;
  notes?: string;
}

export interface ConsentFields {
  policyVersion: string;
  method: ConsentMethod;
  givenAt: number;
  notes?: string;
}

/** The consent form, field by field (paths `consent.<field>`). A consent cannot be given in the future. */
export function validateConsentInput(input: ConsentInput, now: number): FormResult<ConsentFields> {
  const errors = new FieldErrors();
  const policyVersion = input.policyVersion.trim();
  if (policyVersion.length === 0) errors.add('consent.policyVersion', 'required');
  else if (!new RegExp(POLICY_VERSION_PATTERN).test(policyVersion))
    errors.add('consent.policyVersion', 'invalid-format');
  const method = input.method as ConsentMethod;
  if (input.method.length === 0) errors.add('consent.method', 'required');
  else if (!CONSENT_METHODS.includes(method)) errors.add('consent.method', 'unknown-option');
  if (!Number.isFinite(input.givenAt) || input.givenAt <= 0) errors.add('consent.givenAt', 'invalid-date');
  // A minute of leeway for a clock read in the form and again here.
  else if (input.givenAt > now + 60_000) errors.add('consent.givenAt', 'date-in-future');
  const notes = input.notes?.trim();
  if (notes !== undefined && notes.length > CONSENT_NOTES_MAX_LENGTH)
    errors.add('consent.notes', 'too-long', { max: CONSENT_NOTES_MAX_LENGTH });
  return errors.result({
    policyVersion,
    method,
    givenAt: Math.min(input.givenAt, now),
    ...(notes ? { notes } : {}),
  });
}

/** Records the client's explicit consent to medical data, witnessed by the person signed in. */
export async function recordMedicalConsent(
  ctx: MedicalContext,
  client: MedicalClient,
  fields: ConsentFields,
): Promise<Consent> {
  const consent = recordConsent(
    {
      id: idOf(ctx),
      clientId: client.id,
      purpose: 'medical-data',
      policyVersion: fields.policyVersion,
      method: fields.method,
      givenAt: fields.givenAt,
      witnessStaffId: ctx.actor.staffId,
      assignedStaffIds: client.assignedStaffIds,
      ...(fields.notes ? { notes: fields.notes } : {}),
    },
    nowOf(ctx),
  );
  await ctx.collections.consents.insert(consent);
  return consent;
}

// ---------------------------------------------------------------------------------------------------------------
// Opening and saving

export type UnsealResult =
  | { status: 'none' }
  | { status: 'no-access' }
  | { status: 'open'; content: Partial<MedicalContent>; sectionId: string; keyId: string; event: AuditEvent };

/**
 * Opens the client's section (or only `fields`) for this device. The audit event is written to the local store
 * before any field is opened: no event, no content. No access (no wrap of the current key for this device) opens
 * nothing and records nothing. A wrap that does not verify throws the CryptoError.
 */
export async function unsealMedical(
  ctx: MedicalContext,
  clientId: string,
  fields: readonly MedicalField[] = MEDICAL_FIELDS,
): Promise<UnsealResult> {
  const records = await readClientMedical(ctx.collections, clientId);
  if (records.section === undefined) return { status: 'none' };
  if (!deviceHoldsKey(records, ctx.actor.deviceId)) return { status: 'no-access' };
  const { section } = records;
  const key = withDeviceKeys(ctx, (me) =>
    openClientKey(
      ctx.sodium,
      clientKeyStateOf(clientId, section.keyId, records.wraps),
      me,
      ctx.directory.keyDirectory(),
    ),
  );
  try {
    const event = unsealEvent({
      id: idOf(ctx),
      staffId: ctx.actor.staffId,
      deviceId: ctx.actor.deviceId,
      clientId,
      fields,
      at: nowOf(ctx),
      assignedStaffIds: section.assignedStaffIds,
    });
    await ctx.collections.auditEvents.insert(event);
    const content = openMedicalSection(ctx.sodium, key, section, fields);
    return { status: 'open', content, sectionId: section.id, keyId: section.keyId, event };
  } finally {
    wipeKey(ctx.sodium, key);
  }
}

/** The fields whose value differs between what was shown and what is to be saved. */
export function changedFields(
  before: Partial<MedicalContent> | undefined,
  after: MedicalContent,
): Partial<MedicalContent> {
  const changes: Partial<Record<MedicalField, unknown>> = {};
  for (const field of MEDICAL_FIELDS) {
    if (before === undefined || JSON.stringify(before[field]) !== JSON.stringify(after[field])) {
      changes[field] = after[field];
    }
  }
  return changes as Partial<MedicalContent>;
}

/**
 * Saves the section: the first save creates the client's data key (wrapped to this device and the recovery key)
 * and the section; later saves re-seal only the fields that differ from `previous` (what the person was shown).
 * Refused without a medical-data consent in force ('no-consent', 'consent-withdrawn') or without the key.
 */
export async function saveMedical(
  ctx: MedicalContext,
  client: MedicalClient,
  content: MedicalContent,
  previous?: Partial<MedicalContent>,
): Promise<MedicalSection> {
  const { sodium, collections } = ctx;
  const now = nowOf(ctx);
  const records = await readClientMedical(collections, client.id);
  const check = canWriteMedical(records.consents, client.id, now);
  if (!check.ok) throw new MedicalError(check.reason);

  if (records.section !== undefined) {
    const changes = changedFields(previous, content);
    if (Object.keys(changes).length === 0) return records.section;
    const key = openCurrentKey(ctx, records);
    try {
      const document = await collections.medical.findOne(records.section.id).exec();
      if (document === null) throw new MedicalError('changed-meanwhile');
      const saved = await document.incrementalModify((current) => {
        const result = writeMedicalSection(sodium, key, {
          consents: records.consents,
          now,
          previous: current,
          changes,
        });
        if (!result.ok) throw new MedicalError(result.reason);
        return result.section;
      });
      return saved.toJSON() as MedicalSection;
    } finally {
      wipeKey(sodium, key);
    }
  }

  // No section yet: the client's first key, unless this device already made one (a save that stopped half way).
  const { key, newWraps } = firstKey(ctx, client, records.wraps);
  try {
    const result = writeMedicalSection(sodium, key, {
      consents: records.consents,
      now,
      previous: undefined,
      changes: content,
      newSection: { id: idOf(ctx), clientId: client.id, assignedStaffIds: client.assignedStaffIds },
    });
    if (!result.ok) throw new MedicalError(result.reason);
    // The key before the section: a section is never stored without a way to open it.
    if (newWraps.length > 0) {
      await collections.keyWraps.bulkInsert(newWraps);
    }
    await collections.medical.insert(result.section);
    return result.section;
  } finally {
    wipeKey(sodium, key);
  }
}

function firstKey(
  ctx: MedicalContext,
  client: MedicalClient,
  wraps: KeyWrapDocument[],
): { key: SymmetricKey; newWraps: KeyWrapDocument[] } {
  const { sodium, actor, directory } = ctx;
  const clientId = client.id;
  const mine = wraps.find((wrap) => wrap.recipientId === actor.deviceId);
  if (mine !== undefined) {
    const key = withDeviceKeys(ctx, (me) =>
      openClientKey(sodium, clientKeyStateOf(clientId, mine.keyId, wraps), me, directory.keyDirectory()),
    );
    return { key, newWraps: [] };
  }
  // Someone else made the client's key (the section has not reached this device): only they can grant it.
  if (wraps.length > 0) throw new MedicalError('no-access');
  const recovery = directory.recoveryRecipient();
  if (recovery === undefined) throw new MedicalError('no-recovery-key');
  const { state, dataKey } = withDeviceKeys(ctx, (me) => createClientKeys(sodium, clientId, me, recovery));
  return { key: dataKey, newWraps: keyWrapChanges([], state, nowOf(ctx), client.assignedStaffIds).put };
}

function openCurrentKey(ctx: MedicalContext, records: ClientMedicalRecords): SymmetricKey {
  if (!deviceHoldsKey(records, ctx.actor.deviceId)) throw new MedicalError('no-access');
  const state = clientKeyStateOf(records.section.clientId, records.section.keyId, records.wraps);
  return withDeviceKeys(ctx, (me) => openClientKey(ctx.sodium, state, me, ctx.directory.keyDirectory()));
}

// ---------------------------------------------------------------------------------------------------------------
// Grants, revocation, rotation

function requireGranter(ctx: MedicalContext): void {
  if (!can(ctx.actor.role, 'grantMedicalAccess')) throw new MedicalError('not-allowed');
}

/**
 * Grants a staff member access to a client's section: the current key wrapped to each of their approved devices,
 * signed by this device (which must hold the key). Returns the device ids granted.
 */
export async function grantMedicalAccess(
  ctx: MedicalContext,
  clientId: string,
  staffId: string,
): Promise<string[]> {
  requireGranter(ctx);
  const records = await readClientMedical(ctx.collections, clientId);
  if (records.section === undefined) throw new MedicalError('no-section');
  const entry = ctx.directory.entries().find((e) => e.staffId === staffId);
  const devices = entry?.status === 'active' ? entry.devices.filter((d) => d.status === 'approved') : [];
  if (devices.length === 0) throw new MedicalError('no-devices');
  if (!deviceHoldsKey(records, ctx.actor.deviceId)) throw new MedicalError('no-access');
  const { section } = records;
  const keys = ctx.directory.keyDirectory();
  const state = withDeviceKeys(ctx, (me) =>
    devices.reduce(
      (current, device) =>
        grant(ctx.sodium, current, me, { id: device.id, boxPublicKey: device.boxPublicKey }, keys),
      clientKeyStateOf(clientId, section.keyId, records.wraps),
    ),
  );
  // Only puts: wraps of other keys are left to the rotation that made them stale.
  const { put } = keyWrapChanges(records.wraps, state, nowOf(ctx), section.assignedStaffIds);
  await ctx.collections.keyWraps.bulkUpsert(put);
  return devices.map((d) => d.id);
}

/** Device ids of revoked devices, and of every device of a revoked staff member. */
export function revokedDeviceIds(entries: Iterable<DirectoryEntry>): Set<string> {
  const revoked = new Set<string>();
  for (const entry of entries)
    for (const device of entry.devices)
      if (entry.status === 'revoked' || device.status === 'revoked') revoked.add(device.id);
  return revoked;
}

/**
 * The devices that keep the key after a rotation: current verified holders that are approved and belong to an
 * active staff member, leaving out `excludedStaffId`'s devices and every device in `excludedDevices`.
 */
function remainingHolders(
  holders: KeyHolders,
  entries: DirectoryEntry[],
  excludedDevices: ReadonlySet<string>,
  excludedStaffId?: string,
): string[] {
  const eligible = new Set<string>();
  for (const entry of entries) {
    if (entry.status !== 'active' || entry.staffId === excludedStaffId) continue;
    for (const device of entry.devices)
      if (device.status === 'approved' && !excludedDevices.has(device.id)) eligible.add(device.id);
  }
  return [...holders.devices.keys()].filter((id) => eligible.has(id));
}

/** What a revocation did: a new key, or (no consent in force) only the leavers' wraps deleted. */
export type RevocationOutcome = 'rotated' | 'wraps-removed';

/**
 * Rotates a client's key away from `revokedId` (and anyone not in `holders`): new key, every field re-sealed, the
 * section written, new wraps put and every wrap of the old key deleted. Aborts (undoing its new wraps) when the
 * section changed while it worked.
 *
 * The server takes re-sealed fields only under a medical-data consent in force; without one, a rotation would
 * delete the old key's wraps while the section under the new key is refused. So then only the wraps of everyone
 * leaving are deleted (their devices drop them with the tombstones) and the key stays: nothing new can be written
 * under it until a consent is recorded again.
 */
async function rotate(
  ctx: MedicalContext,
  records: ClientMedicalRecords & { section: MedicalSection },
  revokedId: string,
  holders: string[],
): Promise<RevocationOutcome> {
  const { sodium, collections, directory } = ctx;
  const { section } = records;
  const now = nowOf(ctx);
  const current = clientKeyStateOf(section.clientId, section.keyId, records.wraps).current.wraps;
  if (!canWriteMedical(records.consents, section.clientId, now).ok) {
    const keep = new Set([...holders, RECOVERY_RECIPIENT_ID]);
    const leaving = current.filter((wrap) => !keep.has(wrap.recipientId)).map(keyWrapDocumentId);
    if (leaving.length > 0) await collections.keyWraps.bulkRemove(leaving);
    return 'wraps-removed';
  }
  const recovery = directory.recoveryRecipient();
  if (recovery === undefined) throw new MedicalError('no-recovery-key');
  const result = withDeviceKeys(ctx, (actor) =>
    revokeAndRotate(sodium, {
      state: clientKeyStateOf(section.clientId, section.keyId, records.wraps),
      actor,
      revokedId,
      holders,
      recovery,
      directory: directory.keyDirectory(),
      fields: medicalSealedFields(section),
    }),
  );
  const next = withRotatedFields(section, result.fields, now);
  const { put, remove } = keyWrapChanges(records.wraps, result.state, now, section.assignedStaffIds);
  await collections.keyWraps.bulkUpsert(put);
  const document = await collections.medical.findOne(section.id).exec();
  try {
    if (document === null) throw new MedicalError('changed-meanwhile');
    await document.incrementalModify((current) => {
      if (current.keyId !== section.keyId || MEDICAL_FIELDS.some((f) => current[f] !== section[f])) {
        throw new MedicalError('changed-meanwhile');
      }
      const rotated: MedicalSection = { ...current, ...next, assignedStaffIds: current.assignedStaffIds };
      if (current.conflicts) rotated.conflicts = current.conflicts;
      else delete rotated.conflicts;
      return rotated;
    });
  } catch (error) {
    await collections.keyWraps.bulkRemove(put.map((wrap) => wrap.id));
    throw error;
  }
  if (remove.length > 0) await collections.keyWraps.bulkRemove(remove);
  return 'rotated';
}

/**
 * Revokes a staff member's access to a client's section: the key is rotated to the other current holders (approved
 * devices of active staff) and the recovery key (see rotate for a client without a consent in force). Returns
 * 'held-none' when they held no wrap of the current key.
 */
export async function revokeMedicalAccess(
  ctx: MedicalContext,
  clientId: string,
  staffId: string,
): Promise<RevocationOutcome | 'held-none'> {
  requireGranter(ctx);
  if (staffId === ctx.actor.staffId) throw new MedicalError('own-access');
  const records = await readClientMedical(ctx.collections, clientId);
  if (records.section === undefined) throw new MedicalError('no-section');
  if (!deviceHoldsKey(records, ctx.actor.deviceId)) throw new MedicalError('no-access');
  const entries = ctx.directory.entries();
  const theirs = new Set(entries.find((e) => e.staffId === staffId)?.devices.map((d) => d.id) ?? []);
  const current = clientKeyStateOf(clientId, records.section.keyId, records.wraps).current.wraps;
  const revokedWrap = current.find((wrap) => theirs.has(wrap.recipientId));
  if (revokedWrap === undefined) return 'held-none';
  const holders = keyHolders(ctx.sodium, records.section, records.wraps, ctx.directory);
  return rotate(ctx, records, revokedWrap.recipientId, remainingHolders(holders, entries, theirs, staffId));
}

export interface RotationReport {
  /** Client ids whose key was rotated. */
  rotated: string[];
  /** Client ids without a consent in force: the revoked devices' wraps were deleted, the key kept. */
  wrapsRemoved: string[];
  /** Client ids whose rotation failed (retried on the next run). */
  failed: { clientId: string; reason: string }[];
}

/**
 * The rotation job (issue 4: the medical keys a revoked person held are rotated). On a device whose role may grant
 * medical access, every client whose current key this device holds and which has a wrap of that key for a revoked
 * device or a device of a revoked staff member gets a new key, without them.
 */
export async function rotateRevokedAccess(ctx: MedicalContext): Promise<RotationReport> {
  const report: RotationReport = { rotated: [], wrapsRemoved: [], failed: [] };
  if (!can(ctx.actor.role, 'grantMedicalAccess')) return report;
  const entries = ctx.directory.entries();
  const revoked = revokedDeviceIds(entries);
  if (revoked.size === 0) return report;
  const mine = await ctx.collections.keyWraps.find({ selector: { recipientId: ctx.actor.deviceId } }).exec();
  const clientIds = [...new Set(mine.map((doc) => doc.clientId))].sort();
  for (const clientId of clientIds) {
    const records = await readClientMedical(ctx.collections, clientId);
    if (!deviceHoldsKey(records, ctx.actor.deviceId)) continue;
    const current = clientKeyStateOf(clientId, records.section.keyId, records.wraps).current.wraps;
    const revokedWrap = current.find((wrap) => revoked.has(wrap.recipientId));
    if (revokedWrap === undefined) continue;
    try {
      const holders = keyHolders(ctx.sodium, records.section, records.wraps, ctx.directory);
      const outcome = await rotate(
        ctx,
        records,
        revokedWrap.recipientId,
        remainingHolders(holders, entries, revoked),
      );
      report[outcome === 'rotated' ? 'rotated' : 'wrapsRemoved'].push(clientId);
    } catch (error) {
      report.failed.push({ clientId, reason: failureReason(error) });
    }
  }
  return report;
}

function failureReason(error: unknown): string {
  if (error instanceof MedicalError) return error.reason;
  if (error instanceof CryptoError) return error.code;
  return 'error';
}
