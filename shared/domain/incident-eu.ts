/** EU and EEA member states (ISO 3166 alpha-2): a client of one of these nationalities is proposed as an EU client. */
export const EU_EEA_COUNTRIES = new Set([
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'IS',
  'LI',
  'NO',
]);

/**
 * Which affected clients GDPR protects (issue 18 review, B1). GDPR (Art. 3) turns on being in the Union rather than
 * on nationality, and the client record has no country of residence (its address is free text). So the app only
 * proposes: a client is proposed when their nationality, their passport's issuing country or their phone number's
 * country code is in the EU/EEA, and the DPO ticks or unticks each affected client. The choice is kept on the
 * incident (`facts.euClientIds`): a later change of the affected list keeps it for the clients still affected and
 * proposes only for the clients added.
 */

export type EuGround = 'nationality' | 'passport' | 'phone';
export interface EuProposal {
  ground: EuGround;
  country: string;
}

/** What the proposal reads of a client record. */
export interface EuClientRecord {
  nationality?: string;
  passport?: { country: string };
  contact?: { phone?: string };
}

/** EU/EEA country calling codes (ITU-T E.164): prefix-free, so a number's code is the one it starts with. */
const CALLING_CODES: Record<string, string> = {
  '43': 'AT',
  '32': 'BE',
  '359': 'BG',
  '385': 'HR',
  '357': 'CY',
  '420': 'CZ',
  '45': 'DK',
  '372': 'EE',
  '358': 'FI',
  '33': 'FR',
  '49': 'DE',
  '30': 'GR',
  '36': 'HU',
  '353': 'IE',
  '39': 'IT',
  '371': 'LV',
  '370': 'LT',
  '352': 'LU',
  '356': 'MT',
  '31': 'NL',
  '48': 'PL',
  '351': 'PT',
  '40': 'RO',
  '421': 'SK',
  '386': 'SI',
  '34': 'ES',
  '46': 'SE',
  '354': 'IS',
  '423': 'LI',
  '47': 'NO',
};

/** Why the app proposes this client as an EU client: every EU/EEA link in their record; none when there is none. */
export function euProposal(client: EuClientRecord | undefined): EuProposal[] {
  if (!client) return [];
  const found: EuProposal[] = [];
  if (client.nationality && EU_EEA_COUNTRIES.has(client.nationality))
    found.push({ ground: 'nationality', country: client.nationality });
  if (client.passport && EU_EEA_COUNTRIES.has(client.passport.country))
    found.push({ ground: 'passport', country: client.passport.country });
  const phone = client.contact?.phone;
  if (phone?.startsWith('+')) {
    const code = Object.keys(CALLING_CODES).find((c) => phone.startsWith(`+${c}`));
    if (code) found.push({ ground: 'phone', country: CALLING_CODES[code]! });
  }
  return found;
}

/**
 * The EU clients after the affected list changed from `before` to `clientIds`: the DPO's choice for each client
 * still affected, the proposal for each client added, nobody who is no longer affected.
 */
export function euClientsAfter(
  before: { clientIds: readonly string[]; euClientIds: readonly string[] },
  clientIds: readonly string[],
  lookup: (clientId: string) => EuClientRecord | undefined,
): string[] {
  return clientIds.filter((id) =>
    before.clientIds.includes(id) ? before.euClientIds.includes(id) : euProposal(lookup(id)).length > 0,
  );
}
