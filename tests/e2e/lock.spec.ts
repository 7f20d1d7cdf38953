import { expect, test } from '../support/fixtures';
import { dumpIndexedDb } from '../support/indexeddb';

const unlockHeading = 'Unlock Lumina Concierge';

test('the app locks itself after the idle time: 5 minutes by default, or what the person chose', async ({
  page,
  enrolled,
}) => {
  // Playwright's clock runs at real speed until the test jumps it forward.
  await page.clock.install();
  const clients = await enrolled('manager', { page });

  await page.clock.fastForward('04:30');
  await expect(clients.nameInput).toBeVisible();
  await page.clock.fastForward('00:31');
  await expect(page.getByRole('heading', { name: unlockHeading })).toBeVisible();
  await expect(page.getByText('Locked after 5 minutes without activity.')).toBeVisible();

  await clients.unlock();
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'This device' })
    .click();
  await page.getByLabel('Lock after inactivity').selectOption({ label: '1 minute' });
  await page.clock.fastForward('01:01');
  await expect(page.getByText('Locked after 1 minute without activity.')).toBeVisible();
});

test('failed unlocks: five free attempts, then a growing wait shown on screen, and the tenth erases the device', async ({
  page,
  enrolled,
}, testInfo) => {
  await page.clock.install();
  const clients = await enrolled('manager', { page });
  await clients.lock();

  const passphrase = page.getByLabel('Passphrase', { exact: true });
  const unlock = page.getByRole('button', { name: 'Unlock', exact: true });
  const wait = page.getByTestId('unlock-wait');
  const attemptsLeft = page.getByTestId('unlock-attempts-left');
  const fail = async () => {
    await passphrase.fill('not the passphrase at all');
    await unlock.click();
    await expect(page.getByRole('alert')).toHaveText('That passphrase does not unlock this device.');
  };

  for (let failure = 1; failure <= 4; failure++) {
    await fail();
    await expect(attemptsLeft).toHaveText(
      `${10 - failure} more failed attempts and this device erases its data and must be enrolled again.`,
    );
    await expect(wait).toHaveCount(0);
  }
  await fail();
  await expect(wait).toHaveText('Too many failed attempts. Try again in 0:30.');
  await expect(unlock).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath('unlock-wait-en.png') });

  for (const [failure, seconds] of [
    [6, 30],
    [7, 60],
    [8, 120],
    [9, 240],
  ] as const) {
    await page.clock.fastForward(seconds * 1000);
    await expect(unlock).toBeEnabled();
    await fail();
    await expect(attemptsLeft).toContainText(`${10 - failure} more failed attempt`);
  }
  await expect(wait).toHaveText('Too many failed attempts. Try again in 8:00.');
  await expect(attemptsLeft).toHaveText(
    '1 more failed attempt and this device erases its data and must be enrolled again.',
  );

  await page.clock.fastForward(480_000);
  await passphrase.fill('not the passphrase at all');
  await unlock.click();
  await expect(page.getByRole('heading', { name: 'Too many failed unlock attempts' })).toBeVisible();
  await expect.poll(() => dumpIndexedDb(page)).toEqual([]);
  expect(await page.evaluate(() => localStorage.getItem('lumina.device-vault.v1'))).toBeNull();
  await page.screenshot({ path: testInfo.outputPath('wiped-after-failures-en.png') });
});
