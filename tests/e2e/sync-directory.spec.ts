import { expect, test } from '../support/fixtures';
import { ClientRecordPage } from '../support/pages/client-record-page';

function uniqueLetters(): string {
  return Date.now()
    .toString(36)
    .replace(/\d/g, (digit) => 'abcdefghij'[Number(digit)]!);
}

/**
 * Issue 23, bug 2: staff and device changes reach every device through the live stream at once. A concierge approved
 * while a coordinator has a client open is offered in its assignment picker without a lock and unlock, and before
 * the directory's periodic refresh (5 minutes) or the refresh that follows synced changes (at most every 30 s: the
 * client added just before has just spent it).
 */
test('a concierge approved while the office is working can be assigned a client at once, without locking and unlocking', async ({
  enrolled,
  newDevice,
  stack,
}) => {
  const coordinator = await enrolled('coordinator');
  await coordinator.waitUntilOnline();
  const clientName = `Nora Lindgren ${uniqueLetters()}`;
  await coordinator.addClient(clientName);
  const record = await ClientRecordPage.open(coordinator, clientName);
  const assignment = record.section('Status and assigned staff');
  await expect(assignment.getByLabel(/\(you\)$/)).toBeVisible();

  const newcomer = `Newcomer Concierge ${uniqueLetters()}`;
  await enrolled('concierge', { page: await newDevice(), name: newcomer });
  await expect(assignment.getByLabel(new RegExp(newcomer))).toBeVisible({ timeout: 10_000 });
  await assignment.getByLabel(new RegExp(newcomer)).check();
  await record.save(assignment);
  const [person] = await stack.db.query<{ id: string }>('SELECT id FROM staff WHERE display_name = $1', [
    newcomer,
  ]);
  await expect
    .poll(
      async () =>
        (
          await stack.db.query<{ assigned: string[] }>(
            "SELECT data->'assignedStaffIds' AS assigned FROM sync_documents WHERE collection = 'clients' AND data->'names'->>'latin' = $1",
            [clientName],
          )
        )[0]?.assigned,
    )
    .toContain(person!.id);
});
