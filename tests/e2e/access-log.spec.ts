import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';
import { startVerifiedRequest } from '../support/pages/requests-page';
import { publishTestNotice } from '../support/notices';
import { MedicalPage } from '../support/pages/medical-page';
import { chooseClient } from '../support/pages/clients-page';

test('a concierge opens a medical section; the DPO sees it in the access log and on the client, and keeps the breach register', async ({
  enrolled,
  newDevice,
  organisation,
}, testInfo) => {
  test.setTimeout(240_000);
  const notice = await publishTestNotice(organisation);
  const suffix = Date.now();
  const clientName = `Hana Audited ${suffix}`;
  const conciergeName = `Aiko Logged ${suffix}`;
  const coordinator = await enrolled('coordinator', { name: `Chika Granter ${suffix}` });
  const concierge = await enrolled('concierge', { page: await newDevice(), name: conciergeName });
  const dpo = await enrolled('admin', { page: await newDevice(), name: `Dana DPO ${suffix}` });
  await coordinator.waitUntilOnline();
  await concierge.waitUntilOnline();
  await dpo.waitUntilOnline();

  // The concierge's client, with a medical section the coordinator writes and grants to the concierge.
  await concierge.addClient(clientName);
  await expect(await coordinator.find(clientName)).toBeVisible();
  const granter = new MedicalPage(coordinator.page);
  await granter.open(clientName);
  await granter.recordConsent(notice, 'Signed paper form');
  await expect(granter.consent).toContainText(`Consent to medical data in force: notice ${notice}`);
  await coordinator.page.getByRole('button', { name: 'Write the medical section' }).click();
  await coordinator.page.getByLabel('Medical history').fill('Audited history');
  await granter.saveSection();
  await expect(granter.notice).toHaveText('Medical section saved.');
  await granter.grant(conciergeName);

  // The concierge opens it: logged on the device, chained and signed, pushed.
  const opener = new MedicalPage(concierge.page);
  await opener.open(clientName);
  await concierge.page.getByRole('button', { name: 'Show medical section' }).click();
  await expect(concierge.page.getByLabel('Medical history')).toHaveValue('Audited history');

  // The DPO: the entry in the console, within one sync.
  const d = dpo.page;
  await d.getByRole('navigation').getByRole('button', { name: 'Access log' }).click();
  await expect(d.getByRole('heading', { name: 'Access log' })).toBeVisible();
  const log = d.getByTestId('audit-log');
  const row = log
    .getByRole('row')
    .filter({ hasText: conciergeName })
    .filter({ hasText: 'Medical section opened' });
  await expect(row.first()).toBeVisible({ timeout: 30_000 });
  await expect(row.first()).toContainText(clientName);
  await d.getByLabel('Staff member').selectOption({ label: conciergeName });
  // Their unlock is logged too.
  await expect(log.getByRole('row').filter({ hasText: 'Unlocked' })).toHaveCount(1);
  await d.getByLabel('Action').selectOption({ label: 'Medical section opened' });
  await expect(log.getByRole('row')).toHaveCount(2);
  await d.getByRole('button', { name: 'Verify the whole log' }).click();
  await expect(d.getByText(/Every link holds/)).toBeVisible();
  await expectAccessible(d, 'access log');
  await d.screenshot({ path: testInfo.outputPath('access-log-en.png'), fullPage: true });

  // On the client's record.
  await d.getByRole('navigation').getByRole('button', { name: 'Clients' }).click();
  await chooseClient(d, clientName);
  await d.getByRole('tab', { name: 'Medical' }).click();
  const seen = d.getByTestId('client-access');
  await expect(seen.getByRole('heading', { name: 'Who has seen this client’s medical data' })).toBeVisible();
  await expect(seen).toContainText(conciergeName);
  await expectAccessible(d, 'client record, who has seen the medical data');
  await d.screenshot({ path: testInfo.outputPath('client-access-en.png'), fullPage: true });

  // The breach register: a lost laptop, encrypted, with everything the concierge's device could open.
  await d.getByRole('navigation').getByRole('button', { name: 'Access log' }).click();
  await d.getByRole('tab', { name: 'Breach register' }).click();
  const form = d.getByRole('form', { name: 'Record an incident' });
  await form.getByLabel('Discovered by').selectOption({ label: conciergeName });
  await form.getByLabel('What happened').fill(`Laptop left in a taxi ${suffix}`);
  await form.getByLabel('Cause', { exact: true }).selectOption('lost-device');
  const deviceOption = form
    .getByLabel('Add the clients of device')
    .locator('option', { hasText: conciergeName });
  await form
    .getByLabel('Add the clients of device')
    .selectOption((await deviceOption.first().getAttribute('value'))!);
  await form.getByRole('button', { name: 'Everything this device could open' }).click();
  await expect(form.getByRole('checkbox', { name: clientName, exact: true })).toBeChecked();
  await form.getByRole('button', { name: 'Record' }).click();
  await expect(form.getByRole('status')).toHaveText('Incident recorded.');
  const laptop = d.getByTestId('incident').filter({ hasText: `Laptop left in a taxi ${suffix}` });
  await expect(laptop.getByTestId('appi-verdict')).toContainText('Not reportable');
  await expect(laptop).toContainText('The data was under strong encryption and no key was exposed');
  await expect(laptop.getByText('Clocks from discovery')).toHaveCount(0);

  // A mis-sent, unencrypted export of the client's medical data.
  await form.getByLabel('Discovered by').selectOption({ label: conciergeName });
  await form.getByLabel('What happened').fill(`Export e-mailed to the wrong clinic ${suffix}`);
  await form.getByLabel('Cause', { exact: true }).selectOption('misdelivery');
  await form.getByRole('checkbox', { name: clientName, exact: true }).check();
  await form.getByLabel('The data was under strong encryption').uncheck();
  await form.getByRole('button', { name: 'Record' }).click();
  const misSent = d
    .getByTestId('incident')
    .filter({ hasText: `Export e-mailed to the wrong clinic ${suffix}` });
  await expect(misSent.getByTestId('appi-verdict')).toContainText('Reportable');
  await expect(misSent).toContainText(
    'Special care-required data (medical): reportable even for one person.',
  );
  await expect(misSent.getByRole('listitem').filter({ hasText: 'PPC preliminary report' })).toContainText(
    'Running',
  );
  await expect(misSent.getByRole('listitem').filter({ hasText: 'PPC final report' })).toContainText(
    'Running',
  );
  await misSent.getByRole('button', { name: 'Show how to reach them' }).click();
  await expect(misSent.getByTestId('affected-clients')).toContainText(clientName);
  await expectAccessible(d, 'breach register');
  await d.screenshot({ path: testInfo.outputPath('breach-register-en.png'), fullPage: true });

  // In Japanese.
  await d.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(d.getByRole('tab', { name: '漏えい等事案の記録' })).toBeVisible();
  await expect(misSent).toContainText('要配慮個人情報（医療情報）：1名でも報告対象です。');
  await expectAccessible(d, 'breach register (ja)');
  await d.screenshot({ path: testInfo.outputPath('breach-register-ja.png'), fullPage: true });
  await d.getByLabel('言語', { exact: true }).selectOption('en');

  // The client asks what happened to their data: the export's readable report lists both incidents.
  await startVerifiedRequest(d, clientName, { type: 'disclosure' });
  await d.getByRole('button', { name: 'Build the export' }).click();
  await expect(d.getByTestId('export-built')).toContainText('Export built');
  await d.getByRole('button', { name: 'Show the readable report' }).click();
  // Each incident by its date, data and status: never its free-text summary, which may name other clients.
  const incidents = d.getByTestId('export-report').getByTestId('report-incidents');
  await expect(incidents.locator(':scope > li')).toHaveCount(2);
  await expect(incidents.locator(':scope > li').first()).toContainText(/^Found .*\((being handled|closed)\)/);
  await expect(incidents).not.toContainText(`Laptop left in a taxi ${suffix}`);
  await expect(incidents).not.toContainText(`Export e-mailed to the wrong clinic ${suffix}`);
  await expect(incidents).toContainText('You have not been told of it through another channel yet.');
  await d.screenshot({ path: testInfo.outputPath('export-report-incidents-en.png'), fullPage: true });
});
