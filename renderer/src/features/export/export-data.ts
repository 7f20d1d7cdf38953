import { useCallback, useMemo } from 'react';
import { loadSodium } from '../../../../shared/crypto/index';
import { authPaths, type ClientExport } from '../../../../shared/index';
import type { ServerExportPart } from '../../../../shared/domain/request-export';
// The context alone: the session's index also starts sessions (the host bridge), which the tests do not load.
import { useSession } from '../../session/session-context';
import { buildExportOnDevice, type BuiltExport } from './build-export';
import { logAccess } from '../../core/audit/log-access';
import { clientExportEntry } from '../../../../shared/domain/audit-entries';

/** The client export's data layer: build-export.ts bound to the open session. */

export { buildExportOnDevice, clientDocuments, type BuiltExport, type ExportDeps } from './build-export';

/** Builds a client's export on this device, for the request it answers. */
export function useExportBuilder(): (clientId: string, requestId?: string) => Promise<BuiltExport> {
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
          serverPart: (id) => staff.get<ClientExport & ServerExportPart>(authPaths.clientExport(id)),
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
