import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/auth/roles';
import {
  shareRequestPaths,
  type ShareDelivery,
  type ShareRequest,
  type ShareRequestCreate,
} from '../../../../shared/domain/share-request';
import type { Provision } from '../../../../shared/domain/provision';
import { shareRefusal } from '../../../../shared/domain/share-check';
import { AuthRequestError } from '../../auth/auth-client';
import { bridge } from '../../bridge/index';
import { useSession } from '../../session/session-context';
import { useServerList } from '../../session/use-server-list';
import { useConsentRecords } from '../consents/consent-data';
import { useMedicalContext } from '../medical/medical-data';
import { usePartners } from '../partners/partners-data';
import type { WaitingItem } from '../today/waiting';
import { buildSharePackage, PackageRefused, type PackageRefusal } from './package-build';

/**
 * Share requests (issue 15): the server holds them (server/shares, table share_requests), so this feature talks to
 * its routes rather than the local store. Asking needs the server (a request is decided there, by someone else);
 * the device checks the same gates first (shared/domain/share-check.ts) so a refusal is said at once, offline too.
 */

/** The device's check before asking (shared/domain/share-check.ts), now. */
export const shareRefusalNow = (
  ...args: Parameters<typeof shareRefusal> extends [...infer A, number] ? A : never
) => shareRefusal(...args, Date.now());

/** Why the server refused, without its `share-` prefix (the catalogue's key), or the error kind. */
export function refusalOf(cause: unknown): string {
  if (cause instanceof AuthRequestError) return cause.reason.replace(/^share-/, '');
  return 'unreachable';
}

/** The signed-in person's own requests, newest first. */
export const useMyShareRequests = () => useServerList<ShareRequest>(shareRequestPaths.mine);

/** Every request of a status, for those who approve shares (managers); undefined for others. */
export function useShareRequests(status: 'pending' | 'approved' | 'cancelled') {
  const { identity } = useSession();
  return useServerList<ShareRequest>(
    can(identity.role, 'approveShares') ? `${shareRequestPaths.requests}?status=${status}` : undefined,
  );
}

export function useShareCommands() {
  const { staff } = useSession();
  return {
    ask: (request: ShareRequestCreate) =>
      staff.send<ShareRequest>('POST', shareRequestPaths.requests, request),
    approve: (id: string, note?: string) =>
      staff.send<ShareRequest>('POST', shareRequestPaths.approve(id), note ? { note } : {}),
    refuse: (id: string, note?: string) =>
      staff.send<ShareRequest>('POST', shareRequestPaths.refuse(id), note ? { note } : {}),
  };
}

/** Pending requests another person made, for a manager to decide: one line with their count (Today, navigation). */
export function useSharesWaiting(): WaitingItem[] {
  const { t } = useTranslation();
  const { device } = useSession();
  const { list } = useShareRequests('pending');
  const count = (list ?? []).filter((request) => request.requestedBy !== device.session.staffId).length;
  if (count === 0) return [];
  return [
    {
      id: 'shares-pending',
      text: t('shares.waiting', { count }),
      count,
      state: 'waiting',
      section: 'shares',
    },
  ];
}

const DELIVERY_REFUSALS: Record<string, PackageRefusal> = {
  'share-not-approved': 'not-approved',
  'share-already-delivered': 'already-delivered',
  'share-ask-again': 'ask-again',
  'share-partner-unknown': 'partner-unknown',
  'share-partner-not-vetted': 'partner-not-vetted',
  'share-partner-agreement-missing': 'partner-agreement-missing',
  'share-partner-agreement-expired': 'partner-agreement-expired',
  'share-partner-agreement-not-yet-signed': 'partner-agreement-not-yet-signed',
  'share-partner-key-missing': 'partner-key-missing',
  'share-partner-key-unconfirmed': 'partner-key-unconfirmed',
  'share-provision-consent-missing': 'consent-missing',
  'share-overseas-consent-missing': 'consent-missing',
};

/**
 * Registers a package's delivery with the server before it is saved (server/shares/share-delivery.ts); the server's
 * refusal, or no answer at all, becomes the builder's refusal: without the server nothing is built.
 */
export async function registerDelivery(
  staff: { send<T>(method: 'POST', path: string, body?: unknown): Promise<T> },
  shareId: string,
  delivery: ShareDelivery,
): Promise<Provision> {
  try {
    return await staff.send<Provision>('POST', shareRequestPaths.deliver(shareId), delivery);
  } catch (cause) {
    if (!(cause instanceof AuthRequestError)) throw cause;
    if (cause.kind === 'unreachable') throw new PackageRefused('offline');
    throw new PackageRefused(DELIVERY_REFUSALS[cause.reason] ?? 'server-refused');
  }
}

/** Builds and saves the sealed package of an approved share on this device (package-build.ts), when it can. */
export function usePackageBuilder(request: ShareRequest) {
  const { store, device, identity, staff } = useSession();
  const ctx = useMedicalContext();
  const partners = usePartners();
  const ledger = useConsentRecords(request.clientId);
  const ready = ctx !== undefined && partners !== undefined && !ledger.loading;
  const build = useCallback(
    (days: number) => {
      if (ctx === undefined || partners === undefined) throw new PackageRefused('partner-unknown');
      return buildSharePackage(
        {
          store,
          ctx,
          audit: {
            store,
            staffId: device.session.staffId,
            deviceId: device.session.deviceId,
            deviceKeys: () => device.session.deviceKeys(),
          },
          staffName: identity.displayName,
          register: (delivery) => registerDelivery(staff, request.id, delivery),
          save: (file) => bridge.saveFile(file),
        },
        { share: request, partners, ledger: ledger.trusted, days },
      );
    },
    [store, device, identity, staff, ctx, partners, ledger.trusted, request],
  );
  return { ready, build };
}
