import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';

test('a person changes their passphrase on This device: the old one is asked, the new one follows enrolment’s rules and opens the device from then on', async ({
  enrolled,
}, testInfo) => {
  const clients = await enrolled('coordinator');
  const { page } = clients;
  const name = `Passphrase Client ${Date.now()}`;
  await clients.addClient(name);
  await page.getByRole('navigation').getByRole('button', { name: 'This device' }).click();
  const panel = page.getByRole('region', { name: 'Change my passphrase' });
  await expect(panel).toBeVisible();
  const submit = panel.getByRole('button', { name: 'Change passphrase' });

  // A weak new passphrase, and two that differ, are refused before anything is tried.
  await panel.getByLabel('Current passphrase').fill('correct horse battery staple');
  await panel.getByLabel('Passphrase', { exact: true }).fill('password1234');
  await panel.getByLabel('Passphrase again').fill('password12345');
  await submit.click();
  await expect(panel.getByText('Nothing was changed: see the fields above.')).toBeVisible();
  await expect(panel.getByText('Choose a passphrase that meets both rules.')).toBeVisible();
  await expectAccessible(page, 'This device, changing the passphrase');
  await page.screenshot({ path: testInfo.outputPath('passphrase-change-en.png'), fullPage: true });

  // A wrong current passphrase changes nothing.
  const next = 'lantern orchard cobalt whistle';
  await panel.getByLabel('Current passphrase').fill('not my passphrase at all');
  await panel.getByLabel('Passphrase', { exact: true }).fill(next);
  await panel.getByLabel('Passphrase again').fill(next);
  await expect(panel.getByTestId('passphrase-strength')).toContainText(/Strength: (strong|very strong)/);
  await submit.click();
  await expect(panel.getByRole('alert')).toHaveText('That is not this device’s current passphrase.');

  await panel.getByLabel('Current passphrase').fill('correct horse battery staple');
  await submit.click();
  await expect(panel.getByRole('status')).toHaveText(
    'Your passphrase is changed. Use the new one from the next unlock.',
  );

  await page.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(page.getByRole('region', { name: 'パスフレーズの変更' })).toBeVisible();
  await expectAccessible(page, 'This device, changing the passphrase, in Japanese');
  await page.screenshot({ path: testInfo.outputPath('passphrase-change-ja.png'), fullPage: true });
  await page.getByLabel('言語', { exact: true }).selectOption('en');

  // The old passphrase no longer opens the device; the new one does, and the data is there.
  await clients.lock();
  await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('That passphrase does not unlock this device.');
  await clients.unlock(next);
  await expect(await clients.find(name)).toBeVisible();
});
