import type { ConsentRecord } from '../../shared/domain/consent';
import { canShareWith } from '../../shared/domain/consent-ledger';
import type { Queryable } from '../db/database';
import { liveDocumentsOfClient } from '../sync/documents';

type Tx = Pick<Queryable, 'query'>;

/** The client's consent ledger as the server holds it. */
export async function ledgerOf(tx: Tx, clientId: string): Promise<ConsentRecord[]> {
  return (await liveDocumentsOfClient(tx, 'consents', clientId)).map(
    (doc) => Object.fromEntries(Object.entries(doc).filter(([key]) => key !== '_deleted')) as never,
  );
}

export const partner = (id: string, country: string) => ({ id, country, inJapan: country === 'JP' });

/**
 * What keeps the client's data from being provided to a partner at `now`, on the server's ledger
 * (consent-ledger.ts `canShareWith`): 'provision-consent-missing', 'overseas-consent-missing', or undefined.
 */
export async function shareConsentProblem(
  tx: Tx,
  clientId: string,
  partnerId: string,
  partnerCountry: string,
  now: number,
): Promise<'provision-consent-missing' | 'overseas-consent-missing' | undefined> {
  const check = canShareWith(await ledgerOf(tx, clientId), clientId, partner(partnerId, partnerCountry), now);
  if (check.ok) return undefined;
  return check.reason === 'no-provision-consent' ? 'provision-consent-missing' : 'overseas-consent-missing';
}
