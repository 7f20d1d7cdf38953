import type { SaveFileRequest, SaveFileResult } from '../../../../shared/bridge/desktop-bridge';
import { wipeIdentity } from '../../../../shared/crypto/index';
import {
  SHARE_PACKAGE_DEFAULT_DAYS,
  SHARE_PACKAGE_FORMAT,
  SHARE_PACKAGE_MAX_DAYS,
  sealSharePackage,
  sharePackageHash,
} from '../../../../shared/crypto/share-package';
import { sharePackageEntry } from '../../../../shared/domain/audit-entries';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import { canShareWith } from '../../../../shared/domain/consent-ledger';
import type { MedicalContent, MedicalField } from '../../../../shared/domain/medical';
import {
  dayInJapan,
  partnerInJapan,
  partnerShareProblem,
  type Partner,
} from '../../../../shared/domain/partner';
import { parsePartnerPublicKey } from '../../../../shared/domain/partner-public-key';
import { isMedicalShareField } from '../../../../shared/domain/share-fields';
import { sharePackageItems } from '../../../../shared/domain/share-package-items';
import type { Provision } from '../../../../shared/domain/provision';
import type { ShareDelivery, ShareRequest } from '../../../../shared/domain/share-request';
import type { Client } from '../../../../shared/index';
import { logAccess, type AuditLogSession } from '../../core/audit/log-access';
import { unsealMedical, type MedicalContext } from '../../core/medical/index';
import type { LocalStore } from '../../store/local-store';

/** The organisation named as the sender inside every package. */
export const SENDER_ORGANISATION = 'LUMINA Japan';
export const PACKAGE_DAY_CHOICES = [1, 3, SHARE_PACKAGE_DEFAULT_DAYS, 14, SHARE_PACKAGE_MAX_DAYS] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

export type PackageRefusal =
  | 'not-approved'
  | 'partner-unknown'
  | 'partner-not-vetted'
  | 'partner-agreement-missing'
  | 'partner-agreement-expired'
  | 'partner-agreement-not-yet-signed'
  | 'partner-key-missing'
  | 'partner-key-unconfirmed'
  | 'consent-missing'
  | 'no-section'
  | 'no-access'
  | 'offline'
  | 'already-delivered'
  | 'ask-again'
  | 'server-refused';

export class PackageRefused extends Error {
  constructor(readonly reason: PackageRefusal) {
    super(reason);
  }
}

export interface PackageBuildDeps {
  store: LocalStore;
  /** The medical core's context: opens the section (and logs that opening) when medical items are shared. */
  ctx: MedicalContext;
  audit: AuditLogSession;
  staffName: string;
  /**
   * Registers the delivery with the server before the file is saved (POST shareRequestPaths.deliver): the server
   * checks every gate again and writes the `provided` record. Throws PackageRefused ('offline' without the server).
   */
  register(delivery: ShareDelivery): Promise<Provision>;
  save(request: SaveFileRequest): Promise<SaveFileResult>;
  now?: () => number;
  newId?: () => string;
}

export interface BuiltPackage {
  packageId: string;
  hash: string;
  /** The file as saved (or to be saved again after a cancelled dialog: its record is written already). */
  file: SaveFileRequest;
  /** Where it was saved; undefined when the person cancelled the save dialog. */
  location?: string;
}

/**
 * Builds the sealed package of an approved share on this device (issue 15, point 3; docs/sharing.md): exactly the
 * approved items, medical ones opened with this device's grant, sealed to the partner's confirmed key and signed by
 * this device; its delivery registered with the server (which checks every gate again and writes the provision
 * record: offline, nothing is built); then logged and saved through the host (the native save dialog, or a
 * download). Refused before anything leaves when the partner's key is not confirmed, the consents no longer allow
 * the share, or this device cannot open the medical items. A save the person cancels can be made again (the
 * record names this very file).
 */
export async function buildSharePackage(
  deps: PackageBuildDeps,
  input: {
    share: ShareRequest;
    partners: readonly Partner[];
    ledger: readonly ConsentRecord[];
    days: number;
  },
): Promise<BuiltPackage> {
  const { share, ledger } = input;
  const now = (deps.now ?? Date.now)();
  if (share.status !== 'approved') throw new PackageRefused('not-approved');
  const partner = input.partners.find((candidate) => candidate.id === share.partnerId);
  if (!partner) throw new PackageRefused('partner-unknown');
  // The partner may have been suspended, or its agreement may have run out, since the approval.
  const partnerProblem = partnerShareProblem(partner, dayInJapan(now));
  if (
    partnerProblem &&
    partnerProblem !== 'partner-key-missing' &&
    partnerProblem !== 'partner-key-unconfirmed'
  ) {
    throw new PackageRefused(partnerProblem);
  }
  const partnerKey = partner.key ? parsePartnerPublicKey(partner.key.publicKey) : undefined;
  if (!partner.key || !partnerKey) throw new PackageRefused('partner-key-missing');
  if (partner.key.confirmedAt === undefined || partner.key.confirmedKey !== partner.key.publicKey) {
    throw new PackageRefused('partner-key-unconfirmed');
  }
  const allowed = canShareWith(
    ledger,
    share.clientId,
    { id: partner.id, country: partner.country, inJapan: partnerInJapan(partner) },
    now,
    share.purposeCode,
  );
  if (!allowed.ok) throw new PackageRefused('consent-missing');
  const clientDoc = await deps.store.clients.findOne(share.clientId).exec();
  if (!clientDoc) throw new PackageRefused('partner-unknown');
  const client = clientDoc.toJSON() as Client;

  const medicalFields = share.fields
    .filter(isMedicalShareField)
    .map((field) => field.slice('medical.'.length) as MedicalField);
  let medical: MedicalContent | undefined;
  if (medicalFields.length > 0) {
    const opened = await unsealMedical(deps.ctx, share.clientId, medicalFields);
    if (opened.status !== 'open')
      throw new PackageRefused(opened.status === 'none' ? 'no-section' : 'no-access');
    medical = opened.content as MedicalContent;
  }
  const packageId = (deps.newId ?? (() => globalThis.crypto.randomUUID()))();
  const days = Math.min(Math.max(Math.round(input.days), 1), SHARE_PACKAGE_MAX_DAYS);
  const keys = deps.ctx.actor.deviceKeys();
  let bytes: Uint8Array;
  try {
    bytes = await sealSharePackage({
      content: {
        format: SHARE_PACKAGE_FORMAT,
        packageId,
        subjectRef: share.clientId,
        partnerId: partner.id,
        partnerName: partner.names.en,
        purpose: share.purpose,
        createdAt: now,
        expiresAt: now + days * DAY_MS,
        sender: {
          organisation: SENDER_ORGANISATION,
          staffName: deps.staffName,
          deviceId: deps.ctx.actor.deviceId,
        },
        items: sharePackageItems(share.fields, client, medical),
      },
      partnerPublicKey: partnerKey,
      signingSecretKey: keys.signSecretKey,
      signingPublicKey: keys.signPublicKey,
      senderBoxPublicKey: keys.boxPublicKey,
    });
  } finally {
    wipeIdentity(deps.ctx.sodium, keys);
  }
  const hash = await sharePackageHash(bytes);
  // Registered before anything is saved: no package leaves without its provision record.
  await deps.register({ packageId, packageHash: hash });
  await logAccess(deps.audit, sharePackageEntry(share.clientId, packageId, share.fields), {
    assignedStaffIds: client.assignedStaffIds,
  });
  const file: SaveFileRequest = {
    suggestedName: `lumina-share-${new Date(now).toISOString().slice(0, 10)}-${packageId.slice(0, 8)}.lumina-share`,
    mimeType: 'application/octet-stream',
    contents: deps.ctx.sodium.to_base64(bytes, deps.ctx.sodium.base64_variants.ORIGINAL),
    encoding: 'base64',
  };
  const saved = await deps.save(file);
  return { packageId, hash, file, ...(saved.saved ? { location: saved.location } : {}) };
}
