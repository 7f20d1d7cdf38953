import { expect, test } from '../support/fixtures';
import { expectNeverShown } from '../support/never-shown';
import { OFFLINE_REQUEST } from '../support/page-errors';

test('the header tells the truth about the network: offline when it goes, online again when it is back', async ({
  enrolled,
  pageErrors,
}) => {
  pageErrors.allowConsole(OFFLINE_REQUEST);
  const clients = await enrolled('coordinator');
  const { page } = clients;
  await clients.waitUntilOnline();
  for (let round = 0; round < 3; round++) {
    await page.context().setOffline(true);
    await expect(clients.syncStatus).toContainText('Offline');
    // Offline for a while: long enough for the stream to give up and the device to retry.
    await page.waitForTimeout(4_000 + round * 3_000);
    await clients.addClient(`Offline edit ${Date.now()}`);
    await expect(clients.pendingChanges).toHaveText(/change.? waiting/);
    // An expected state, not an error: no red "cannot be reached" while offline (issue 23, bug 3).
    await expectNeverShown(page.locator('.sync-error'), 3_000, `sync errors while offline, round ${round}`);
    await page.context().setOffline(false);
    await expect(clients.syncStatus).not.toContainText('Offline', { timeout: 15_000 });
    await expect(clients.syncStatus).toContainText('Online');
    await expect(clients.pendingChanges).toHaveText('All changes sent');
  }

  // The header is compact; the whole sentences are on This device, for sighted keyboard and touch users too.
  await page.context().setOffline(true);
  await clients.addClient(`Offline edit ${Date.now()}`);
  await page.getByRole('navigation').getByRole('button', { name: 'This device' }).click();
  const details = page.getByRole('list', { name: 'Sync status' });
  await expect(details).toContainText('Offline — changes are kept on this device');
  await expect(details).toContainText('1 change waiting to be sent');
  await page.context().setOffline(false);
  await expect(details).toContainText('All changes sent', { timeout: 15_000 });
  await expect(details).toContainText('Last sync');
});
