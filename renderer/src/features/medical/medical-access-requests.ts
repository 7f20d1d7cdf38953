import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/auth/roles';
import {
  medicalAccessPaths,
  type MedicalAccessOutcome,
  type MedicalAccessRequest,
} from '../../../../shared/domain/medical-access-request';
import { useSession } from '../../session/index';
import { useClientNames } from '../clients/client-names';
import { useServerList } from '../../session/use-server-list';
import type { WaitingItem } from '../today/waiting';

/**
 * Requests for access to a sealed medical section (issue 23): the server holds them (server/medical-access), so
 * asking needs the network; those who may grant see them on Today and beside the person on the client's Medical
 * tab, where granting closes the request.
 */
export function useMedicalAccessRequests() {
  return useServerList<MedicalAccessRequest>(medicalAccessPaths.requests);
}

export function useMedicalAccessCommands() {
  const { staff } = useSession();
  return {
    ask: (clientId: string) =>
      staff.send<MedicalAccessRequest>('POST', medicalAccessPaths.requests, { clientId }),
    close: (id: string, outcome: MedicalAccessOutcome) =>
      staff.send<MedicalAccessRequest>('POST', medicalAccessPaths.close(id), { outcome }),
  };
}

/** For someone who may grant: one line per person asking, naming them and the client. */
export function useMedicalAccessWaiting(): WaitingItem[] {
  const { t } = useTranslation();
  const { identity, device } = useSession();
  const mayGrant = can(identity.role, 'grantMedicalAccess');
  const { list } = useServerList<MedicalAccessRequest>(mayGrant ? medicalAccessPaths.requests : undefined);
  const asking = useMemo(
    () => (list ?? []).filter((request) => request.askedBy !== identity.staffId),
    [list, identity.staffId],
  );
  const clients = useClientNames(asking.map((request) => request.clientId));
  const people = device.session.directory.entries();
  return asking
    .filter((request) => clients.has(request.clientId))
    .map((request) => ({
      id: `medical-access-${request.id}`,
      text: t('medical.ask.waiting', {
        name: people.find((entry) => entry.staffId === request.askedBy)?.displayName ?? '—',
        client: clients.get(request.clientId),
      }),
      state: 'waiting' as const,
      section: 'clients',
    }));
}
