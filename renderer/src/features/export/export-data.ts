import { useCallback, useMemo } from 'react';
import { loadSodium } from '../../../../shared/crypto/index';
import { authPaths, type ClientExport } from '../../../../shared/index';
import type { ServerExportPart } from '../../../../shared/domain/request-export';
// The context alone: the session's index also starts sessions (the host bridge), which the tests do not load.
import { useSession } from '../../session/session-context';
import { AuthRequestError } from '../../auth/auth-client';
import { buildExportOnDevice, ExportRefused, exportRefusalOfServer, type BuiltExport } from './build-export';
import { logAccess } from '../../core/audit/log-access';
import { clientExportEntry } from '../../../../shared/domain/audit-entries';

/** The client export's data layer: build-export.ts bound to the open session. */

export {
  buildExportOnDevice,
  clientDocuments,
  ExportRefused,
  exportRefusalOf,
  type BuiltExport,
  type ExportDeps,
  type ExportRefusalReason,
} from './build-export';

/**
 * The server's part, asked again for a few seconds while the server answers `request-not-verified`: the
 * verification just recorded here may still be on its way to it.
 */
async function untilVerifiedThere<T>(ask: () => Promise<T>, tries = 20, waitMs = 500): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await ask();
    } catch (cause) {
      if (!(cause instanceof AuthRequestError) || cause.reason !== 'request-not-verified' || attempt >= tries)
        throw cause;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

/** Builds a client's export on this device, for the request it answers. */
export function useExportBuilder(): (clientId: string, requestId: string) => Promise<BuiltExport> {
  const { device, store, identity, staff } = useSession();
  const session = device.session;
  return useCallback(
    async (clientId, requestId) => {
      const sodium = await loadSodium();
      await logAccess(session, clientExportEntry(clientId, 'json', requestId));
      return buildExportOnDevice(
        {
          sodium,
          store,
          medical: {
            sodium,
            collections: store,
            directory: session.directory,
            actor: {
              staffId: session.staffId,
              deviceId: session.deviceId,
              role: identity.role,
              deviceKeys: () => session.deviceKeys(),
            },
          },
          serverPart: (id, request) =>
            untilVerifiedThere(() =>
              staff.get<ClientExport & ServerExportPart>(authPaths.clientExport(id, request)),
            ).catch((cause: unknown) => {
              // The server's request may stand elsewhere than this device's (closed on another device).
              const refused =
                cause instanceof AuthRequestError ? exportRefusalOfServer(cause.reason) : undefined;
              throw refused ? new ExportRefused(refused) : cause;
            }),
          staffId: session.staffId,
          deviceId: session.deviceId,
          name: identity.displayName,
          now: () => Date.now(),
        },
        clientId,
        requestId,
      );
    },
    [store, identity, staff, session],
  );
}

/** The staff directory's names by staff id (the report names who did what). */
export function useStaffNames(): ReadonlyMap<string, string> {
  const { device } = useSession();
  const { directory } = device.session;
  return useMemo(
    // Staff by their id, and each device by its holder's name (key wraps name devices).
    () =>
      new Map(
        directory
          .entries()
          .flatMap((entry) => [
            [entry.staffId, entry.displayName] as const,
            ...entry.devices.map((device) => [device.id, entry.displayName] as const),
          ]),
      ),
    [directory],
  );
}
