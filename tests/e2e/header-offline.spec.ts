import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';
import { expectHeaderOnOneRow } from '../support/header-layout';
import { OFFLINE_REQUEST } from '../support/page-errors';

/**
 * Issue 23, point 7 ("the header never wraps") in the state bug 3 is about: offline, with a change waiting and a
 * change the server refused, at 1024 px, in English and Japanese. The header stays on one row, nothing is drawn over
 * the title, and the details the compact status leaves out are in its title (and on This device).
 */
test('offline with a change waiting and a refused one, the header stays on one row at 1024 px in English and Japanese', async ({
  enrolled,
  newDevice,
  organisation,
  pageErrors,
}, testInfo) => {
  test.setTimeout(120_000);
  pageErrors.allowConsole(OFFLINE_REQUEST);
  pageErrors.allowConsole(/status of 403/);
  const suffix = Date.now();
  const name = `Header Tester ${suffix}`;
  const page = await newDevice({ viewport: { width: 1024, height: 768 } });
  const clients = await enrolled('coordinator', { name, page });
  const refused = `Refused Client ${suffix}`;
  const waiting = `Waiting Client ${suffix}`;
  await clients.waitUntilOnline();
  await clients.addClient(refused);
  await clients.addClient(waiting);
  await expect(clients.pendingChanges).toHaveText('All changes sent');
  const showMine = () => clients.search(String(suffix));

  // A rename made offline by a coordinator who becomes the admin is refused for good and parked (sync-refused.spec).
  await page.context().setOffline(true);
  await showMine();
  await clients.renameClient(refused, `Refused Rename ${suffix}`);
  await organisation.changeRole(name, 'admin');
  await page.context().setOffline(false);
  await expect(page.getByText('Your role is now Administrator. Unlock to continue with it.')).toBeVisible({
    timeout: 20_000,
  });
  await clients.unlock();
  const notice = page.getByTestId('parked-notice');
  await expect(notice).toHaveText('1 change refused', { timeout: 20_000 });

  // A coordinator again, offline, with one change waiting.
  await organisation.changeRole(name, 'coordinator');
  await expect(page.getByText('Your role is now Coordinator. Unlock to continue with it.')).toBeVisible({
    timeout: 20_000,
  });
  await clients.unlock();
  await clients.waitUntilOnline();
  await page.context().setOffline(true);
  await expect(clients.syncStatus).toContainText('Offline');
  await showMine();
  await clients.renameClient(waiting, `Waiting Rename ${suffix}`);
  await expect(clients.pendingChanges).toContainText('1');
  await expect(notice).toBeVisible();
  // Retries have had time to fail: still no red error while offline.
  await page.waitForTimeout(2_000);
  await expect(page.locator('.sync-indicator .sync-error')).toHaveCount(0);

  for (const language of ['en', 'ja'] as const) {
    await page.locator('header select').selectOption(language);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await page.screenshot({ path: testInfo.outputPath(`header-offline-${language}.png`) });
    await expectHeaderOnOneRow(page, `the offline header in ${language}`);
    await expectAccessible(page, `the offline header in ${language}`);
  }
  // The full sentences the compact status leaves out stay within reach of a pointer.
  await expect(clients.syncStatus).toHaveAttribute('title', /オフライン/);
  await page.locator('header select').selectOption('en');
  await expect(clients.syncStatus).toHaveAttribute('title', /Offline — changes are kept on this device/);
  await expect(clients.syncStatus).toHaveAttribute('title', /1 change waiting to be sent/);
});
