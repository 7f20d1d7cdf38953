import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';
import { publishNotice } from '../support/notices';
import { MedicalPage } from '../support/pages/medical-page';

/**
 * Issue 23: "ask for medical access" from the sealed view. A concierge asks; the coordinator sees it on Today and
 * beside the concierge on the Medical tab, grants, and the request is closed; asked again later, it is declined.
 */
test('a concierge asks for medical access; the coordinator sees it on Today and grants it, or declines it', async ({
  enrolled,
  newDevice,
  organisation,
  stack,
}, testInfo) => {
  test.setTimeout(200_000);
  const suffix = Date.now();
  const noticeVersion = `ma-${suffix}`;
  await publishNotice(organisation, { version: noticeVersion, effectiveAt: Date.now() - 60_000 });
  const clientName = `Mio Asking ${suffix}`;
  const coordinatorName = `Chie Granting ${suffix}`;
  const conciergeName = `Akira Asking ${suffix}`;
  const coordinator = await enrolled('coordinator', { name: coordinatorName });
  const concierge = await enrolled('concierge', { page: await newDevice(), name: conciergeName });
  await coordinator.waitUntilOnline();
  await concierge.waitUntilOnline();
  await concierge.addClient(clientName);

  // The coordinator records the consent and writes the section.
  const c = coordinator.page;
  await expect(coordinator.page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
  const granting = new MedicalPage(c);
  await expect(async () => {
    await c.getByRole('searchbox', { name: 'Search clients' }).fill(clientName);
    await expect(c.getByRole('button', { name: clientName, exact: true })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await granting.open(clientName);
  await granting.recordConsent(noticeVersion, 'Signed paper form');
  await c.getByRole('button', { name: 'Write the medical section' }).click();
  await c.getByLabel('Medical history').fill('Knee surgery, 2021');
  await granting.saveSection();
  await expect(granting.notice).toHaveText('Medical section saved.');

  // The concierge, sealed out, asks.
  const a = concierge.page;
  const asking = new MedicalPage(a);
  await asking.open(clientName);
  await expect(a.getByText('A sealed medical section exists for this client.')).toBeVisible({
    timeout: 20_000,
  });
  await a.getByRole('button', { name: 'Ask for access' }).click();
  await expect(a.getByTestId('medical-ask').getByRole('status')).toContainText('You asked for access on');
  await expectAccessible(a, 'sealed view, access asked');
  await a.screenshot({ path: testInfo.outputPath('asked-en.png'), fullPage: true });
  await a.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(a.getByTestId('medical-ask').getByRole('status')).toContainText('アクセス権を依頼しました');
  await expectAccessible(a, 'sealed view, access asked (ja)');
  await a.screenshot({ path: testInfo.outputPath('asked-ja.png'), fullPage: true });
  await a.getByLabel('言語', { exact: true }).selectOption('en');
  const rows = () =>
    stack.db.query<{ status: string }>(
      'SELECT r.status FROM medical_access_requests r JOIN staff s ON s.id = r.asked_by WHERE s.display_name = $1 ORDER BY r.asked_at',
      [conciergeName],
    );
  expect((await rows()).map((row) => row.status)).toEqual(['open']);

  // The coordinator's Today names who asks for which client.
  const nav = c.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('button', { name: /Today/ }).click();
  await expect(
    c.getByText(`${conciergeName} asks for access to the medical section of ${clientName}`),
  ).toBeVisible({
    timeout: 40_000,
  });
  await expectAccessible(c, 'Today with a request for medical access');
  await c.screenshot({ path: testInfo.outputPath('today-asked-en.png'), fullPage: true });

  // On the Medical tab, beside the concierge: asked, and Grant closes the request.
  await nav.getByRole('button', { name: 'Clients' }).click();
  await granting.open(clientName);
  const person = c.getByRole('listitem').filter({ hasText: conciergeName });
  await expect(person.getByTestId('asked-access')).toBeVisible({ timeout: 40_000 });
  await granting.grant(conciergeName);
  await expect.poll(async () => (await rows()).map((row) => row.status)).toEqual(['granted']);
  await a.getByRole('button', { name: 'Show medical section' }).click();
  await expect(a.getByLabel('Medical history')).toHaveValue('Knee surgery, 2021');

  // Revoked, asked again, declined.
  await granting.revoke(conciergeName);
  await expect(a.getByText('A sealed medical section exists for this client.')).toBeVisible();
  await a.getByRole('button', { name: 'Ask for access' }).click();
  await expect(a.getByTestId('medical-ask').getByRole('status')).toBeVisible();
  await expect(person.getByTestId('asked-access')).toBeVisible({ timeout: 40_000 });
  await person.getByRole('button', { name: `Decline the request of ${conciergeName}` }).click();
  await expect(granting.notice).toHaveText(`The request of ${conciergeName} is declined.`);
  await expect.poll(async () => (await rows()).map((row) => row.status)).toEqual(['granted', 'declined']);
});
