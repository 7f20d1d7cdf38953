import { expect } from '@playwright/test';
import type { TestStack } from './stack';

/** Polls the server's database until `query` finds a row that `ready` accepts; returns it. */
async function storedRow<Row>(
  stack: TestStack,
  sql: string,
  params: unknown[],
  ready: (row: Row) => boolean = () => true,
): Promise<Row> {
  let found: Row | undefined;
  await expect
    .poll(async () => {
      found = (await stack.db.query<Row>(sql, params))[0];
      return found !== undefined && ready(found);
    })
    .toBe(true);
  return found!;
}

/** A client as the server holds it, once a device has pushed it: its id and assignees. */
export async function storedClient(
  stack: TestStack,
  latinName: string,
): Promise<{ id: string; assigned: string[] }> {
  const row = await storedRow<{ id: string; data: { assignedStaffIds: string[] } }>(
    stack,
    "SELECT id, data FROM sync_documents WHERE collection = 'clients' AND data->'names'->>'latin' = $1",
    [latinName],
  );
  return { id: row.id, assigned: row.data.assignedStaffIds };
}

/** The id of a partner the server holds by its English name, once its key's confirmation has reached it. */
export async function confirmedPartnerId(stack: TestStack, englishName: string): Promise<string> {
  const row = await storedRow<{ id: string; data: { key?: { confirmedBy?: string } } }>(
    stack,
    "SELECT id, data FROM sync_documents WHERE collection = 'partners' AND data->'names'->>'en' = $1",
    [englishName],
    (candidate) => candidate.data.key?.confirmedBy !== undefined,
  );
  return row.id;
}

/** The id of a client the server holds by its Latin name, once a device has pushed it. */
export async function storedClientId(stack: TestStack, latinName: string): Promise<string> {
  return (await storedClient(stack, latinName)).id;
}

/** A client's Latin name takes letters only: a number (a test's timestamp) as letters, to name clients uniquely. */
export const lettersOf = (n: number) =>
  n.toString(26).replace(/./g, (digit) => 'abcdefghijklmnopqrstuvwxyz'[parseInt(digit, 26)]!);
