import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';
import { OFFLINE_REQUEST } from '../support/page-errors';

/**
 * Issue 23, bug 1: a push the server refuses for good (here a client rename queued by a coordinator who became the
 * admin, a role that may read clients but not change them) must not block the queue, nor be held unsent in silence. The change is parked and shown
 * in plain words with Copy and Discard, the record goes back to the server's version, nothing stays pending or red,
 * and a later allowed change of the same collection reaches the server.
 */
test('a rename the server refuses for good is parked, shown, and does not block the queue', async ({
  enrolled,
  organisation,
  stack,
  pageErrors,
}) => {
  pageErrors.allowConsole(OFFLINE_REQUEST);
  // The browser reports the refused push itself as a failed request.
  pageErrors.allowConsole(/status of 403/);
  const suffix = Date.now();
  const name = `Refusal Tester ${suffix}`;
  const clients = await enrolled('coordinator', {
    name,
    context: { permissions: ['clipboard-read', 'clipboard-write'] },
  });
  const { page } = clients;
  const kept = `Kept Name ${suffix}`;
  const later = `Later Client ${suffix}`;
  await clients.waitUntilOnline();
  await clients.addClient(kept);
  await clients.addClient(later);
  await expect(clients.pendingChanges).toHaveText('All changes sent');
  const serverName = async (id: string) =>
    (
      await stack.db.query<{ name: string }>(
        "SELECT data->'names'->>'latin' AS name FROM sync_documents WHERE collection = 'clients' AND id = $1",
        [id],
      )
    )[0]?.name;
  const idOf = async (latin: string) =>
    (
      await stack.db.query<{ id: string }>(
        "SELECT id FROM sync_documents WHERE collection = 'clients' AND data->'names'->>'latin' = $1",
        [latin],
      )
    )[0]?.id;
  await expect.poll(() => idOf(later)).toBeDefined();
  const row = { id: (await idOf(kept))! };

  // Offline, the rename waits on the device; meanwhile the person becomes the admin, who may not change clients.
  await page.context().setOffline(true);
  await expect(clients.syncStatus).toContainText('Offline');
  // Only this spec's clients in the (virtualised) list: the worker's shared organisation holds many.
  const showMine = () => page.getByRole('searchbox', { name: 'Search clients' }).fill(String(suffix));
  await showMine();
  await clients.renameClient(kept, `Refused Name ${suffix}`);
  await organisation.changeRole(name, 'admin');
  await page.context().setOffline(false);

  // The device hears of the new role and asks for a session under it (role-change.spec.ts). Whether the rename
  // reached the server first (which refused it) or not (the admin's session refuses it without sending it), it
  // ends up parked with the same reason.
  await expect(page.getByText('Your role is now Administrator. Unlock to continue with it.')).toBeVisible({
    timeout: 20_000,
  });
  await clients.unlock();
  await showMine();
  const notice = page.getByTestId('parked-notice');
  await expect(notice).toHaveAccessibleName('1 refused change: see what the server did not accept', {
    timeout: 20_000,
  });
  await expect(notice.locator('[aria-hidden="true"]')).toHaveText('1 refused');
  // The record is the server's again, nothing waits, and no error is shown.
  await expect(await clients.find(kept)).toBeVisible();
  await expect(clients.pendingChanges).toHaveText('All changes sent');
  await expect(page.locator('.sync-error').filter({ hasNotText: 'refused' })).toHaveCount(0);
  await expect(clients.syncStatus).not.toContainText('HTTP');
  expect(await serverName(row.id)).toBe(kept);

  await notice.click();
  const panel = page.getByTestId('parked-changes');
  await expect(panel.getByRole('heading', { name: 'Changes the server refused' })).toBeVisible();
  const change = panel.getByTestId('parked-change');
  await expect(change).toHaveCount(1);
  await expect(change.getByRole('heading')).toHaveText(`Client: Refused Name ${suffix}`);
  await expect(change).toContainText('Your role may not change this kind of record.');
  // The field as the record's form names it, not its path in the stored record ("names.latin").
  await expect(change.getByRole('row', { name: /Name in Latin script/ })).toContainText(kept);
  await expect(change).not.toContainText('names.latin');
  await expectAccessible(page, 'the refused changes on This device');
  await page.screenshot({ path: test.info().outputPath('sync-refused-en.png'), fullPage: true });

  await change.getByRole('button', { name: `Copy the change to Refused Name ${suffix}` }).click();
  await expect(change.getByRole('status')).toHaveText('Copied.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`Client: Refused Name ${suffix}`);
  expect(copied).toContain('Your role may not change this kind of record.');
  expect(copied).not.toMatch(/403|HTTP|forbidden/);
  expect(copied).toContain('Name in Latin script (as in the passport): ');

  // Kept through a lock: the list is sealed on the device.
  await clients.lock();
  await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(notice).toHaveAccessibleName('1 refused change: see what the server did not accept');

  // In Japanese, in plain words too.
  await page.getByLabel('Language', { exact: true }).selectOption('ja');
  await notice.click();
  await expect(panel.getByRole('heading', { name: 'サーバーが受け付けなかった変更' })).toBeVisible();
  await expect(change).toContainText('あなたの役割では、この種類の記録を変更できません。');
  await expect(change.getByRole('row', { name: /ローマ字氏名/ })).toContainText(kept);
  await expectAccessible(page, 'the refused changes on This device, in Japanese');
  await page.screenshot({ path: test.info().outputPath('sync-refused-ja.png'), fullPage: true });
  await page.getByLabel('言語', { exact: true }).selectOption('en');

  // A coordinator again (the next unlock reads the role), the same device's next rename reaches the server.
  await organisation.changeRole(name, 'coordinator');
  await expect(page.getByText('Your role is now Coordinator. Unlock to continue with it.')).toBeVisible({
    timeout: 20_000,
  });
  await clients.unlock();
  await showMine();
  await clients.renameClient(later, `Later Renamed ${suffix}`);
  await expect(clients.pendingChanges).toHaveText('All changes sent');
  await expect
    .poll(
      async () =>
        (
          await stack.db.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM sync_documents WHERE collection = 'clients' AND data->'names'->>'latin' = $1",
            [`Later Renamed ${suffix}`],
          )
        )[0]?.n,
    )
    .toBe(1);
  // The refused rename was never applied.
  expect(await serverName(row.id)).toBe(kept);

  await page.getByRole('button', { name: 'This device' }).click();
  await change.getByRole('button', { name: `Discard the change to Refused Name ${suffix}` }).click();
  await expect(panel).toHaveCount(0);
  await expect(notice).toHaveCount(0);
});
