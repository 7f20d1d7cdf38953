import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';
import { ClientsPage } from '../support/pages/clients-page';

const OPEN_ELSEWHERE_EN =
  'Lumina Concierge is already open in another window or tab on this device. Use that one, or close it and unlock here again.';
const OPEN_ELSEWHERE_JA =
  'Lumina Concierge はこの端末の別のウィンドウまたはタブですでに開いています。そちらを使うか、そちらを閉じてから、ここでもう一度ロックを解除してください。';

test('a second tab of the same browser does not open the store while the first has it open, and says why; once the first locks, it opens', async ({
  enrolled,
  stack,
}, testInfo) => {
  const first = await enrolled('concierge');
  const suffix = Date.now();
  const before = `Second Tab Before ${suffix}`;
  await first.addClient(before);
  await expect(first.client(before)).toBeVisible();

  // The same browser profile: another tab of the same context shares its IndexedDB and its Web Locks.
  const secondPage = await first.page.context().newPage();
  await secondPage.goto(stack.webHost.url);
  const second = new ClientsPage(secondPage);
  const unlock = async (heading: string, button: string) => {
    await expect(secondPage.getByRole('heading', { name: heading })).toBeVisible();
    await secondPage
      .getByLabel(button === 'Unlock' ? 'Passphrase' : 'パスフレーズ', { exact: true })
      .fill('correct horse battery staple');
    await secondPage.getByRole('button', { name: button, exact: true }).click();
  };
  await unlock('Unlock Lumina Concierge', 'Unlock');
  await expect(secondPage.getByRole('alert')).toHaveText(OPEN_ELSEWHERE_EN);
  await expect(secondPage.getByRole('navigation', { name: 'Sections' })).toHaveCount(0);
  await expectAccessible(secondPage, 'lock screen, the store open in another tab');
  await secondPage.screenshot({ path: testInfo.outputPath('second-tab-en.png'), fullPage: true });

  await secondPage.getByLabel('Language', { exact: true }).selectOption('ja');
  await unlock('Lumina Concierge のロックを解除', 'ロック解除');
  await expect(secondPage.getByRole('alert')).toHaveText(OPEN_ELSEWHERE_JA);
  await expectAccessible(secondPage, 'lock screen, the store open in another tab, in Japanese');
  await secondPage.screenshot({ path: testInfo.outputPath('second-tab-ja.png'), fullPage: true });
  await secondPage.getByLabel('言語', { exact: true }).selectOption('en');

  // The first tab was not disturbed: it still writes.
  const during = `Second Tab During ${suffix}`;
  await first.page.bringToFront();
  await first.addClient(during);
  await expect(first.client(during)).toBeVisible();

  // Once the first tab locks (its store closes), the second opens the device with everything the first wrote.
  await first.lock();
  await secondPage.bringToFront();
  await second.unlock();
  await second.search(String(suffix));
  await expect(second.client(before)).toBeVisible();
  await expect(second.client(during)).toBeVisible();

  // Reloading the tab that has the store open gives the lock back with the old page: it unlocks again.
  await secondPage.reload();
  await second.unlock();
  await second.search(String(suffix));
  await expect(second.client(during)).toBeVisible();
});
