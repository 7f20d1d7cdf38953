import { useEffect, useMemo, useState } from 'react';
import type { Client } from '../../../../shared/index';
import { useSession, type SessionValue } from '../../session/index';
import { useHiddenClients } from '../erasure/erasure-data';
import { useAccount } from '../../state/account';
import { useNow } from '../notices/notice-data';
import { useTrustedLedger } from '../renewals/renewal-data';
import { marketingList, type MarketingList } from './marketing-list';

/**
 * The marketing feature's data layer: the only marketing code that reads the local store. The ledger (signatures
 * checked, each record once) comes from the renewals feature's useTrustedLedger; the server's audience (the ids of
 * clients with a marketing consent in force on the server) is asked when online, so that a withdrawal recorded on
 * another device and not yet synced here still leaves the client out.
 */

/** Where the list was checked: the device's ledger and the server's audience, or the device's ledger alone. */
export type AudienceCheck = 'checking' | 'server' | 'device-only';

/** The server's audience, or undefined when it cannot be asked (offline, or the server refused). */
async function loadAudience(device: SessionValue['device']): Promise<ReadonlySet<string> | undefined> {
  try {
    const audience = await device.staff.marketingAudience();
    return new Set(audience.clientIds);
  } catch {
    return undefined;
  }
}

export function useMarketingList(): {
  list: MarketingList | undefined;
  check: AudienceCheck;
  refresh(): void;
} {
  const { store, device } = useSession();
  const online = useAccount((account) => account.online);
  const now = useNow();
  const ledger = useTrustedLedger();
  // A client whose erasure is scheduled is never in an audience, whatever its consent said.
  const hidden = useHiddenClients();
  const [clients, setClients] = useState<Client[] | undefined>();
  const [asked, setAsked] = useState(0);
  // Asked again when the device goes online (or offline) and on demand; `key` names the question answered.
  const key = `${online}:${asked}`;
  const [answer, setAnswer] = useState<{ key: string; ids?: ReadonlySet<string>; check: AudienceCheck }>();
  useEffect(() => {
    const subscription = store.clients
      .find()
      .$.subscribe((docs) => setClients(docs.map((doc) => doc.toJSON() as Client)));
    return () => subscription.unsubscribe();
  }, [store]);
  useEffect(() => {
    let live = true;
    loadAudience(device).then(
      (ids) => live && setAnswer(ids ? { key, ids, check: 'server' } : { key, check: 'device-only' }),
      () => live && setAnswer({ key, check: 'device-only' }),
    );
    return () => {
      live = false;
    };
  }, [device, key]);
  const audience = answer?.key === key ? answer : { check: 'checking' as const, ids: undefined };
  const list = useMemo(
    () =>
      clients === undefined || ledger === undefined || audience.check === 'checking'
        ? undefined
        : marketingList(
            clients.filter((client) => !hidden.has(client.id)),
            ledger,
            now,
            audience.ids,
          ),
    [clients, hidden, ledger, now, audience.check, audience.ids],
  );
  return { list, check: audience.check, refresh: () => setAsked((n) => n + 1) };
}
