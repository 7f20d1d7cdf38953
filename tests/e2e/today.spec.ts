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

  // Today hears of it at once (the server's announcement), without being opened again.
  const waiting = page.getByRole('list', { name: 'Waiting for you' });
  await expect(
    waiting.getByRole('listitem').filter({ hasText: /devices? waiting for approval/ }),
  ).toBeVisible();
  // The navigation counts what waits where: the device beside Staff.
  await expect(nav.getByRole('button', { name: /^Staff \d+ waiting$/ })).toBeVisible();
  await expectAccessible(page, 'Today, a device waiting');
  await page.screenshot({ path: testInfo.outputPath('today-manager-en.png'), fullPage: true });

  await page.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(page.getByRole('heading', { name: '今日', level: 2 })).toBeVisible();
  await expect(page.getByText(/承認待ちの端末が\d+台あります/)).toBeVisible();
  await expect(page.getByTestId('nav-count-staff')).toContainText(/対応待ち \d+ 件/);
  await expectAccessible(page, 'Today in Japanese');
  await page.screenshot({ path: testInfo.outputPath('today-manager-ja.png'), fullPage: true });
  await page.getByLabel('言語', { exact: true }).selectOption('en');

  await waiting.getByRole('button', { name: /^Open: .*waiting for approval/ }).click();
  await expect(nav.getByTestId('nav-count-staff')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Staff', level: 2 })).toBeVisible();
});

test('Today is where a coordinator’s device opens, and a concierge’s', async ({ enrolled, newDevice }) => {
  for (const role of ['coordinator', 'concierge'] as const) {
    const clients = await enrolled(role, { page: await newDevice() });
    const { page } = clients;
    await clients.lock();
    await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Today', level: 2 })).toBeVisible();
    await expect(page.getByRole('navigation').getByRole('button', { name: /^Today/ })).toHaveAttribute(
      'aria-current',
      'page',
    );
  }
});
