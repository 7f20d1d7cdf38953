import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';

/**
 * The breach register as a ledger (issue 18): an incident recorded, then updated as facts come in (a key was
 * exposed after all, the preliminary report filed); the verdict follows the facts and every state stays in its
 * history, in English and in Japanese.
 */
test('the DPO updates an incident; the verdict follows and every state is kept in its history', async ({
  enrolled,
  newDevice,
}, testInfo) => {
  test.setTimeout(180_000);
  const suffix = Date.now();
  const clientName = `Yui Breached ${suffix}`;
  const coordinator = await enrolled('coordinator');
  const dpo = await enrolled('admin', { page: await newDevice(), name: `Dana Ledger ${suffix}` });
  await coordinator.waitUntilOnline();
  await coordinator.addClient(clientName);
  await dpo.waitUntilOnline();
  await expect(await dpo.find(clientName)).toBeVisible({ timeout: 30_000 });
  const d = dpo.page;
  const nav = d.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('button', { name: 'Access log' }).click();
  await d.getByRole('tab', { name: 'Breach register' }).click();

  // Local date-time texts of the browser, hours ago (the server refuses a report before discovery or in the future).
  const hoursAgo = (hours: number) =>
    d.evaluate((h) => {
      const at = new Date(Date.now() - h * 3_600_000);
      at.setMinutes(at.getMinutes() - at.getTimezoneOffset());
      return at.toISOString().slice(0, 16);
    }, hours);

  // Recorded: a laptop lost, encrypted, the key safe: not reportable.
  const form = d.getByRole('form', { name: 'Record an incident' });
  await form.getByLabel('Discovered (date and time)').fill(await hoursAgo(3));
  await form.getByLabel('Discovered by').selectOption({ label: `Dana Ledger ${suffix}` });
  await form.getByLabel('What happened').fill(`Laptop lost on a train ${suffix}`);
  await form.getByLabel('Cause', { exact: true }).selectOption('lost-device');
  await form.getByRole('checkbox', { name: clientName }).check();
  await form.getByRole('button', { name: 'Record' }).click();
  await expect(form.getByRole('status')).toHaveText('Incident recorded.');
  const incident = d.getByTestId('incident').filter({ hasText: `Laptop lost on a train ${suffix}` });
  await expect(incident.getByTestId('appi-verdict')).toContainText('Not reportable');

  // Updated: the passphrase was on a note in the bag; the preliminary report filed.
  await incident.getByText('Update this incident').click();
  const update = incident.getByRole('form', { name: 'Update this incident' });
  await update
    .getByLabel('What happened')
    .fill(`Laptop lost on a train, passphrase note in the bag ${suffix}`);
  await update.getByLabel('A key that opens it was exposed too').check();
  await update.getByLabel('PPC preliminary report sent').fill(await hoursAgo(1));
  await update.getByRole('button', { name: 'Save the update' }).click();
  const updated = d.getByTestId('incident').filter({ hasText: `passphrase note in the bag ${suffix}` });
  await expect(updated.getByTestId('appi-verdict')).toContainText('Reportable');
  await expect(updated.getByRole('listitem').filter({ hasText: 'PPC preliminary report' })).toContainText(
    'Filed',
  );
  await updated.getByText('History (2 states)').click();
  const history = updated.getByTestId('incident-history');
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await expect(history.getByRole('listitem').first()).toContainText(
    'key exposure, what happened, PPC preliminary report',
  );
  await expect(history.getByRole('listitem').last()).toContainText('recorded');
  await expectAccessible(d, 'breach register, an incident updated');
  await d.screenshot({ path: testInfo.outputPath('breach-update-en.png'), fullPage: true });

  await d.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(updated.getByText('履歴（2件の状態）')).toBeVisible();
  await expect(history.getByRole('listitem').first()).toContainText('鍵の漏えい, 発生した事象, 速報');
  await expect(updated.getByText('この事案を更新')).toBeVisible();
  await expectAccessible(d, 'breach register, an incident updated (ja)');
  await d.screenshot({ path: testInfo.outputPath('breach-update-ja.png'), fullPage: true });
  await d.getByLabel('言語', { exact: true }).selectOption('en');
});
