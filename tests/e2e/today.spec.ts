import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';
import { EnrolmentPage } from '../support/pages/enrolment-page';

test('Today shows a manager the devices waiting for approval, and leads to where they are approved', async ({
  enrolled,
  organisation,
  newDevice,
  stack,
}, testInfo) => {
  const manager = await enrolled('manager');
  const { page } = manager;
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('button', { name: 'Today' }).click();
  await expect(page.getByRole('heading', { name: 'Today', level: 2 })).toBeVisible();
  await expectAccessible(page, 'Today, nothing waiting');

  // A new concierge's device asks to join and waits.
  const code = await organisation.invite(`Waiting concierge ${Date.now()}`, 'concierge');
  const joining = await newDevice();
  await joining.goto(stack.webHost.url);
  await new EnrolmentPage(joining).join({ code, deviceName: 'New laptop' });

  // Today asks the server again when opened.
  await nav.getByRole('button', { name: 'Clients' }).click();
  await nav.getByRole('button', { name: 'Today' }).click();
  const waiting = page.getByRole('list', { name: 'Waiting for you' });
  await expect(
    waiting.getByRole('listitem').filter({ hasText: /devices? waiting for approval/ }),
  ).toBeVisible();
  await expectAccessible(page, 'Today, a device waiting');
  await page.screenshot({ path: testInfo.outputPath('today-manager-en.png'), fullPage: true });

  await page.getByLabel('Language').selectOption('ja');
  await expect(page.getByRole('heading', { name: '今日', level: 2 })).toBeVisible();
  await expect(page.getByText(/承認待ちのデバイスが\d+台あります/)).toBeVisible();
  await expectAccessible(page, 'Today in Japanese');
  await page.screenshot({ path: testInfo.outputPath('today-manager-ja.png'), fullPage: true });
  await page.getByLabel('言語').selectOption('en');

  await waiting.getByRole('button', { name: /^Open: .*waiting for approval/ }).click();
  await expect(page.getByRole('heading', { name: 'Staff', level: 2 })).toBeVisible();
});
