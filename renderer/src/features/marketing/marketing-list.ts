import type { Client } from '../../../../shared/domain/client-schema';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import { marketingAllowed } from '../../../../shared/domain/consent-ledger';

/**
 * The marketing list, pure: only clients with a marketing consent in force (never opt-out: privacy policy §2, APPI),
 * on this device's ledger and, when the server answered, on its audience as well (a withdrawal recorded elsewhere
 * and not yet synced here leaves the client out). How many were left out is told, never who.
 */

export interface MarketingRow {
  clientId: string;
  name: string;
  /** The client's first language (BCP 47), '' when none is recorded. */
  language: string;
  email: string;
}

export interface MarketingList {
  rows: MarketingRow[];
  /** Clients on this device not on the list. */
  leftOut: number;
}

/**
 * `audience`: the ids the server's audience route answered, or undefined when it could not be asked (offline):
 * then the device's ledger alone decides.
 */
export function marketingList(
  clients: readonly Client[],
  records: readonly ConsentRecord[],
  now: number,
  audience?: ReadonlySet<string>,
): MarketingList {
  const byClient = new Map<string, ConsentRecord[]>();
  for (const record of records) {
    const own = byClient.get(record.clientId);
    if (own) own.push(record);
    else byClient.set(record.clientId, [record]);
  }
  const rows = clients
    .filter((client) => marketingAllowed(byClient.get(client.id) ?? [], client.id, now))
    .filter((client) => audience === undefined || audience.has(client.id))
    .map((client) => ({
      clientId: client.id,
      name: client.names.latin,
      language: client.languages?.[0] ?? '',
      email: client.contact?.email ?? '',
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.clientId.localeCompare(b.clientId));
  return { rows, leftOut: clients.length - rows.length };
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break. A cell a spreadsheet would read
 * as a formula (= + - @, a tab or carriage return first) is prefixed with an apostrophe (OWASP, CSV injection).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The CSV's header row: fixed names, whatever the UI's language, for the tools that import the file. */
export const MARKETING_CSV_HEADERS = ['name', 'preferred_language', 'email'] as const;

/** The list as CSV: the header row, then name, language and e-mail per client, CRLF line ends. */
export function marketingCsv(rows: readonly MarketingRow[]): string {
  const lines = [MARKETING_CSV_HEADERS, ...rows.map((row) => [row.name, row.language, row.email])];
  return lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
