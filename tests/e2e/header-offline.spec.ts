import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';
import { expectHeaderOnOneRow } from '../support/header-layout';
import { OFFLINE_REQUEST } from '../support/page-errors';
import type { Route } from '@playwright/test';

/** A count of changes waiting, at least one (the exact count may include this device's access-log entries). */
const WAITING = /\b[1-9]\d* changes? waiting to be sent/;

/**
 * Issue 23, point 7 ("the header never wraps") in the states a refused (parked) change leaves behind, at 1024 px, in
 * English and Japanese: offline with a change waiting (bug 3), online and idle (the last sync time is the widest
 * status), and online while a push is under way with a change waiting. The header stays on one row and nothing is
 * drawn over the title; the details the compact status and notice leave out are in their titles and names.
 */
test('with a refused change, offline, online and idle, or syncing, the header stays on one row at 1024 px in English and Japanese', async ({
  enrolled,
  newDevice,
  organisation,
  pageErrors,
  stack,
}, testInfo) => {
  test.setTimeout(180_000);
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
  // On the server before going offline ("All changes sent" can show before a new client is counted as waiting):
  // otherwise the admin's session refuses the additions too, and the notice counts three.
  const onServer = async (latin: string) =>
    (
      await stack.db.query<{ id: string }>(
        "SELECT id FROM sync_documents WHERE collection = 'clients' AND data->'names'->>'latin' = $1",
        [latin],
      )
    ).length;
  await expect.poll(() => onServer(waiting)).toBe(1);
  await expect.poll(() => onServer(refused)).toBe(1);
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
  await expect(notice).toHaveAccessibleName('1 refused change: see what the server did not accept', {
    timeout: 20_000,
  });
  await expect(notice.locator('[aria-hidden="true"]')).toHaveText('1 refused');

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
  await clients.renameClient(waiting, `Waiting Changed ${suffix}`);
  // The rename, and maybe more: the unlock just before appended this device's access-log entry ('unlocked'), which
  // may not have reached the server before the device went offline (the CI run of 43f2902 counted three).
  await expect(clients.pendingChanges).toHaveText(WAITING);
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
  await expect(clients.syncStatus).toHaveAttribute('title', WAITING);

  // Back online and idle: the refused change stays parked until discarded, so this is the steady state after any
  // refusal, and the last sync time takes more room than the waiting count did (review23-s7 B1).
  await page.context().setOffline(false);
  await clients.waitUntilOnline();
  await expect(clients.pendingChanges).toHaveText('All changes sent', { timeout: 20_000 });
  await expect(clients.syncStatus).toContainText('Last sync', { timeout: 20_000 });
  await expect(notice).toBeVisible();
  await checkBothLanguages('online-idle-refused');

  // Online while a push is under way, with a change waiting: the send is held until the header is checked.
  const held: Route[] = [];
  let holding = true;
  await page.route('**/sync/clients/push', (route) => (holding ? held.push(route) : route.continue()));
  await showMine();
  await clients.renameClient(`Waiting Changed ${suffix}`, `Waiting Again ${suffix}`);
  await expect(clients.syncStatus).toContainText('Syncing', { timeout: 20_000 });
  await expect(clients.pendingChanges).toHaveText(WAITING);
  await checkBothLanguages('online-syncing-refused');
  holding = false;
  for (const route of held) await route.continue();
  await page.unroute('**/sync/clients/push');
  await expect(clients.pendingChanges).toHaveText('All changes sent', { timeout: 20_000 });

  async function checkBothLanguages(state: string) {
    for (const language of ['en', 'ja'] as const) {
      await page.locator('header select').selectOption(language);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await page.screenshot({ path: testInfo.outputPath(`header-${state}-${language}.png`) });
      await expectHeaderOnOneRow(page, `the header ${state} in ${language}`);
    }
    await page.locator('header select').selectOption('en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  }
});
