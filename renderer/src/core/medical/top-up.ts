import { PERMISSIONS } from '../../../../shared/auth/roles';
import { CryptoError, openClientKey, wipeKey, type SymmetricKey } from '../../../../shared/crypto/index';
import { missingWraps, type MissingWrap } from '../../../../shared/domain/key-top-up';
import { clientKeyStateOf, keyWrapDocument, type KeyWrapDocument } from '../../../../shared/domain/key-wraps';
import type { MedicalSection } from '../../../../shared/domain/medical';
import { MedicalError, nowOf, withDeviceKeys, type MedicalContext } from './context';
import { keyHolders } from './key-holders';
import { logPolicyWraps, wrapsFor } from './key-policy';
import { clientGone, currentSection } from './records';
import { openSectionKey } from './section-key';

/**
 * The top-up (issue 19, item 3; docs/crypto-spec.md, "Key holders and top-up"): on any device, of any role, every
 * client key this device holds is wrapped for the approved devices of the people who should hold it and have no
 * wrap of it (shared/domain/key-top-up.ts: the key policy's roles, and people who hold it on another device), so
 * that a person's new device opens what the person holds within one sync of such a device being online. Each person
 * topped up is in the access log as the key policy's grant (key-policy.ts). A revoked device never gets a wrap (the
 * server refuses one too).
 *
 * Bounded: clients are read a batch at a time, at most `maxWraps` wraps are made per run (the caller runs again while
 * `more` says so), a device with any wrap of the key is never wrapped again, and a wrap tried once in this session
 * (`tried`: one the server refused and the device reverted) is not tried again.
 */

export const TOP_UP_CLIENTS_PER_READ = 100;
export const TOP_UP_WRAPS_PER_RUN = 200;

export interface TopUpOptions {
  /** Only these clients (those whose wraps or section changed); all this device holds a key of when absent. */
  clientIds?: Iterable<string>;
  /** Wrap document ids tried in this session: skipped, and added to. */
  tried?: Set<string>;
  /** Start at this client id (a run that stopped at its limit said where: `resumeFrom`). */
  from?: string;
  maxWraps?: number;
}

export interface TopUpReport {
  /** Wraps written. */
  wrapped: number;
  /** Client ids topped up. */
  clients: string[];
  /** Clients whose key could not be opened here (a wrap that does not verify, a key that is not the section's). */
  failed: { clientId: string; reason: string }[];
  /** The run stopped at `maxWraps`: run again, from `resumeFrom`. */
  more: boolean;
  resumeFrom?: string;
}

export async function topUpKeyWraps(ctx: MedicalContext, options: TopUpOptions = {}): Promise<TopUpReport> {
  const report: TopUpReport = { wrapped: 0, clients: [], failed: [], more: false };
  const maxWraps = options.maxWraps ?? TOP_UP_WRAPS_PER_RUN;
  const tried = options.tried ?? new Set<string>();
  const { keyWraps, medical } = ctx.collections;
  const mine = await keyWraps.find({ selector: { recipientId: ctx.actor.deviceId } }).exec();
  const wanted = options.clientIds === undefined ? undefined : new Set(options.clientIds);
  const clientIds = [...new Set(mine.map((doc) => doc.clientId))]
    .filter(
      (id) => (wanted === undefined || wanted.has(id)) && (options.from === undefined || id >= options.from),
    )
    .sort();
  const people = ctx.directory.entries();
  for (let start = 0; start < clientIds.length; start += TOP_UP_CLIENTS_PER_READ) {
    const batch = clientIds.slice(start, start + TOP_UP_CLIENTS_PER_READ);
    const [sections, wraps] = await Promise.all([
      medical.find({ selector: { clientId: { $in: batch } } }).exec(),
      keyWraps.find({ selector: { clientId: { $in: batch } } }).exec(),
    ]);
    for (const clientId of batch) {
      const section = currentSection(
        sections.filter((doc) => doc.clientId === clientId).map((doc) => doc.toJSON() as MedicalSection),
      );
      const ofClient = wraps
        .filter((doc) => doc.clientId === clientId)
        .map((doc) => doc.toJSON() as KeyWrapDocument);
      const target = keyOf(ctx, clientId, section, ofClient);
      if (target === undefined) continue;
      const { keyId, current } = target;
      const wrapped = new Set(current.map((wrap) => wrap.recipientId));
      const untried = (found: MissingWrap[]) =>
        found.filter((m) => !tried.has(`${clientId}.${keyId}.${m.deviceId}`));
      // Cheap first (every wrap taken as a holder's); signatures are checked only where something may be missing.
      if (
        untried(missingWraps({ people, permissions: PERMISSIONS, wrapped, holders: wrapped })).length === 0
      ) {
        continue;
      }
      const holders = new Set(
        keyHolders(ctx.sodium, { clientId, keyId }, ofClient, ctx.directory).devices.keys(),
      );
      const missing = untried(missingWraps({ people, permissions: PERMISSIONS, wrapped, holders }));
      if (missing.length === 0 || (await clientGone(ctx.collections, clientId))) continue;
      if (report.wrapped + missing.length > maxWraps && report.wrapped > 0) {
        report.more = true;
        report.resumeFrom = clientId;
        return report;
      }
      for (const m of missing) tried.add(`${clientId}.${keyId}.${m.deviceId}`);
      try {
        const assignees = section?.assignedStaffIds ?? current[0]!.assignedStaffIds;
        const written = await topUpClient(ctx, clientId, section, ofClient, keyId, missing, assignees);
        report.wrapped += written;
        if (written > 0) report.clients.push(clientId);
      } catch (error) {
        report.failed.push({ clientId, reason: failureReason(error) });
      }
    }
  }
  return report;
}

/** The client's current key (its section's; without a section, the one key this device holds) and its wraps. */
function keyOf(
  ctx: MedicalContext,
  clientId: string,
  section: MedicalSection | undefined,
  wraps: KeyWrapDocument[],
): { keyId: string; current: KeyWrapDocument[] } | undefined {
  const own = wraps.filter((wrap) => wrap.recipientId === ctx.actor.deviceId);
  const keyId = section?.keyId ?? (own.length === 1 ? own[0]!.keyId : undefined);
  if (keyId === undefined || !own.some((wrap) => wrap.keyId === keyId)) return undefined;
  const ids = new Set(clientKeyStateOf(clientId, keyId, wraps).current.wraps.map((wrap) => wrap.recipientId));
  const current = wraps.filter((wrap) => wrap.keyId === keyId && ids.has(wrap.recipientId));
  return { keyId, current };
}

async function topUpClient(
  ctx: MedicalContext,
  clientId: string,
  section: MedicalSection | undefined,
  wraps: KeyWrapDocument[],
  keyId: string,
  missing: MissingWrap[],
  assignees: readonly string[],
): Promise<number> {
  // The key is checked against the section before it is handed on (section-key.ts), as a grant does.
  const key: SymmetricKey =
    section !== undefined
      ? openSectionKey(ctx, { section, wraps, consents: [], notices: [] })
      : withDeviceKeys(ctx, (me) =>
          openClientKey(
            ctx.sodium,
            clientKeyStateOf(clientId, keyId, wraps),
            me,
            ctx.directory.keyDirectory(),
          ),
        );
  let made;
  try {
    made = wrapsFor(ctx, key, clientId, missing);
  } finally {
    wipeKey(ctx.sodium, key);
  }
  if (made.length === 0) return 0;
  const now = nowOf(ctx);
  await ctx.collections.keyWraps.bulkUpsert(made.map((wrap) => keyWrapDocument(wrap, now, assignees)));
  const given = new Set(made.map((wrap) => wrap.recipientId));
  await logPolicyWraps(
    ctx,
    clientId,
    missing.filter((m) => given.has(m.deviceId)).map((m) => m.staffId),
    assignees,
  );
  return made.length;
}

function failureReason(error: unknown): string {
  if (error instanceof MedicalError) return error.reason;
  if (error instanceof CryptoError) return error.code;
  return 'error';
}
