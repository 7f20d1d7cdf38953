import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';
import { ClientRecordPage } from '../support/pages/client-record-page';
import { storedClient } from '../support/stored-documents';

/**
 * Issue 15, point 5 (APPI Art. 30): data a partner sends back (test results) is recorded on the client's Sharing tab,
 * with how the partner obtained it, and shows in the client's provision ledger; an incomplete form is refused and
 * nothing is recorded. In English and Japanese.
 */
test('a concierge records data received from a partner, with how the partner obtained it', async ({
  enrolled,
  stack,
}, testInfo) => {
  test.setTimeout(240_000);
  const suffix = Date.now();
  const manager = await enrolled('manager', { name: `Rina Manager ${suffix}` });
  const concierge = await enrolled('concierge', { name: `Yuto Concierge ${suffix}` });
  await manager.waitUntilOnline();
  await concierge.waitUntilOnline();

  // A partner in the directory (receipts need no vetting: the data comes from it).
  const m = manager.page;
  await m.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Partners' }).click();
  await m.getByRole('button', { name: 'Add a partner' }).click();
  const partnerName = `Kobe Lab ${suffix}`;
  await m.getByLabel('Name in English').fill(partnerName);
  await m.getByLabel('Name in Japanese').fill(`神戸検査センター ${suffix}`);
  await m.getByLabel('Kind').selectOption('clinic');
  await m.getByLabel('Country (ISO code, e.g. JP)').fill('JP');
  await m.getByLabel('City').fill('Kobe');
  await m.getByRole('button', { name: 'Save the partner' }).click();
  await expect(m.getByTestId('partner-row').filter({ hasText: partnerName })).toBeVisible();

  const clientName = `Aoi Receipt ${suffix}`;
  await concierge.addClient(clientName);
  const client = await storedClient(stack, clientName);
  const c = concierge.page;
  await ClientRecordPage.open(concierge, clientName);
  await c.getByRole('tab', { name: 'Sharing' }).click();
  const form = c.getByRole('form', { name: 'Record data received from a partner (Art. 30)' });
  const receipts = () =>
    stack.db.query<{ data: Record<string, unknown> }>(
      "SELECT data FROM sync_documents WHERE collection = 'provisions' AND data->>'clientId' = $1",
      [client.id],
    );

  // Incomplete: refused on the device, nothing recorded.
  await form.getByLabel('What was received (English)').fill('Blood test results');
  await form.getByRole('button', { name: 'Record the receipt' }).click();
  await expect(form).toContainText('Choose a partner and fill in every field.');
  expect(await receipts()).toEqual([]);

  await expect(async () => {
    await form
      .getByLabel('Partner the data came from')
      .selectOption({ label: partnerName }, { timeout: 2000 });
  }).toPass({ timeout: 40_000 });
  await form.getByLabel('What was received (Japanese)').fill('血液検査の結果');
  await form.getByLabel('How the partner obtained it').fill('Blood tests the lab ran during the visit');
  await form.getByRole('button', { name: 'Record the receipt' }).click();
  await expect(form).toContainText('Recorded.');
  const row = c.getByTestId('provision-row').filter({ hasText: 'Blood tests the lab ran during the visit' });
  await expect(row).toHaveAttribute('data-kind', 'received');
  await expect(row).toContainText(partnerName);
  await expect(row).toContainText('Blood test results');
  await expect
    .poll(async () => (await receipts()).map((r) => r.data))
    .toEqual([
      expect.objectContaining({
        kind: 'received',
        obtainedHow: 'Blood tests the lab ran during the visit',
        items: [{ key: 'received', label: { en: 'Blood test results', ja: '血液検査の結果' } }],
      }),
    ]);
  await expectAccessible(c, 'Provision records with a receipt');
  await c.screenshot({ path: testInfo.outputPath('receipt-en.png'), fullPage: true });

  await c.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(c.getByRole('heading', { name: '提携先から受領したデータを記録（第30条）' })).toBeVisible();
  await expect(c.getByRole('heading', { name: '提供記録' })).toBeVisible();
  await expect(row).toContainText('血液検査の結果');
  await expectAccessible(c, 'Provision records with a receipt (ja)');
  await c.screenshot({ path: testInfo.outputPath('receipt-ja.png'), fullPage: true });
});
