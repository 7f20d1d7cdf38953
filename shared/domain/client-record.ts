import { CLIENT_NAME_MAX_LENGTH, type Client } from './client-schema';
import type { ValidationResult } from './validation';

export interface NewClientInput {
  latinName: string;
}

/** Validates what a person typed before it becomes a document; the schema re-checks it at every boundary. */
export function validateNewClient(input: NewClientInput): ValidationResult<{ latin: string }> {
  const latin = input.latinName.trim().replace(/\s+/g, ' ');
  if (latin.length === 0) return { ok: false, errors: [{ path: 'names.latin', code: 'required' }] };
  if (latin.length > CLIENT_NAME_MAX_LENGTH)
    return {
      ok: false,
      errors: [{ path: 'names.latin', code: 'too-long', params: { max: CLIENT_NAME_MAX_LENGTH } }],
    };
  return { ok: true, value: { latin } };
}

export function newClient(
  id: string,
  names: { latin: string },
  now: number,
  assignedStaffIds: string[] = [],
): Client {
  return {
    id,
    names: { latin: names.latin },
    status: 'prospect',
    assignedStaffIds: [...new Set(assignedStaffIds)],
    createdAt: now,
    updatedAt: now,
  };
}

/** The parts of a client that one form section edits. */
export type ClientSection =
  | 'names'
  | 'nationality'
  | 'dateOfBirth'
  | 'languages'
  | 'contact'
  | 'passport'
  | 'preferences'
  | 'emergencyContacts'
  | 'lifestyle'
  | 'status'
  | 'assignedStaffIds';

/**
 * A copy of `client` with the given sections replaced (a section given as undefined is removed) and updatedAt
 * moved to `now` (never backwards). Feed it the values the section validators return.
 */
export function updateClient(
  client: Client,
  changes: Partial<Pick<Client, ClientSection>>,
  now: number,
): Client {
  const removed = new Set(
    Object.entries(changes)
      .filter(([, value]) => value === undefined)
      .map(([key]) => key),
  );
  const next = Object.fromEntries(
    Object.entries({ ...client, ...changes }).filter(([key]) => !removed.has(key)),
  ) as unknown as Client;
  next.updatedAt = Math.max(client.updatedAt, now);
  return next;
}
