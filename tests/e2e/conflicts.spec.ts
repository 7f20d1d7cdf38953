import { expect, test } from '../support/fixtures';
import { expectNeverShown } from '../support/never-shown';
import { OFFLINE_REQUEST } from '../support/page-errors';

const LATIN = 'Name (Latin script)';
/** What Chromium logs for a request a device makes while it has no network. */

test('two devices rename the same client while one is offline: both names are kept side by side until a person picks one', async ({
  enrolled,
  pageErrors,
  stack,
}, testInfo) => {
  // The concierge's device is taken offline on purpose: its failed requests are expected, nothing else is.
  pageErrors.allowConsole(OFFLINE_REQUEST);
  const first = await enrolled('concierge');
  const second = await enrolled('manager');
  const concierge = first.page.context();
  await first.waitUntilOnline();
  await second.waitUntilOnline();

  const suffix = Date.now();
  const original = `Amelia Hartley ${suffix}`;
  const offlineName = `Amelia Hart ${suffix}`;
  const onlineName = `Amelia Hartley-Smith ${suffix}`;
  await first.addClient(original);
  // The office sees the whole organisation the specs share: only this spec's client, by the suffix of its names.
  await second.search(String(suffix));
  await expect(second.client(original)).toBeVisible();
  await expect(first.pendingChanges).toHaveText('All changes sent');

  // The concierge loses the network and renames the client; the change waits on the device.
  await concierge.setOffline(true);
  await first.renameClient(original, offlineName);
  await expect(first.pendingChanges).toHaveText('1 change waiting to be sent');
  await expect(first.syncStatus).toContainText('Offline');
  // Offline is expected, not an error: the failed retries are not shown in red (issue 23, bug 3).
  await expectNeverShown(first.page.locator('.sync-error'), 5_000, 'sync errors while offline');
  await expect(first.syncStatus).not.toContainText('cannot be reached');
  await first.page.screenshot({ path: testInfo.outputPath('offline-rename-pending.png') });

  // Meanwhile the office renames the same client differently.
  await second.renameClient(original, onlineName);
  await expect(second.pendingChanges).toHaveText('All changes sent');

  // Back online: the concierge's push meets the office's change; both names are kept as a conflict.
  await concierge.setOffline(false);
  for (const device of [first, second]) {
    await expect(device.conflictBadge(onlineName)).toHaveText('1 conflict');
  }
  await expect(first.pendingChanges).toHaveText('All changes sent');

  const officeView = await second.openConflicts(onlineName);
  await expect(second.conflictValues(officeView, LATIN)).toHaveCount(2);
  await expect(second.conflictValues(officeView, LATIN).filter({ hasText: offlineName })).toBeVisible();
  await expect(second.conflictValues(officeView, LATIN).filter({ hasText: onlineName })).toContainText(
    'shown now',
  );
  const conciergeView = await first.openConflicts(onlineName);
  await expect(first.conflictValues(conciergeView, LATIN)).toHaveCount(2);
  await second.page.screenshot({ path: testInfo.outputPath('office-sees-both-names.png'), fullPage: true });
  await first.page.screenshot({ path: testInfo.outputPath('concierge-sees-both-names.png'), fullPage: true });

  // A person in the office picks the concierge's name; every device shows that choice, with no conflict left.
  await second.keepValue(officeView, LATIN, offlineName);
  for (const device of [first, second]) {
    await expect(await device.find(offlineName)).toBeVisible();
    await expect(device.conflictBadge(offlineName)).toHaveCount(0);
    await expect(await device.find(onlineName)).toHaveCount(0);
  }
  await first.page.screenshot({ path: testInfo.outputPath('concierge-after-choice.png'), fullPage: true });
  await second.page.screenshot({ path: testInfo.outputPath('office-after-choice.png'), fullPage: true });

  const stored = await stack.db.query<{ data: { names: { latin: string }; conflicts?: unknown } }>(
    "SELECT data FROM sync_documents WHERE collection = 'clients' AND data->'names'->>'latin' = $1",
    [offlineName],
  );
  expect(stored).toHaveLength(1);
  expect(stored[0]!.data.conflicts).toBeUndefined();
});
