import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';
import { publishNotice } from '../support/notices';
import { ClientsPage } from '../support/pages/clients-page';
import { EnrolmentPage } from '../support/pages/enrolment-page';
import { MedicalPage } from '../support/pages/medical-page';

/**
 * Issue 19, item 3: a concierge granted a client's medical section adds a second device (a code from This device,
 * approved after the fingerprint check); the new device opens the section once a device holding the key has synced,
 * with no one granting again.
 */
test('a concierge’s new device opens a granted medical section with no new grant', async ({
  enrolled,
  newDevice,
  organisation,
  stack,
}, testInfo) => {
  test.setTimeout(200_000);
  const suffix = Date.now();
  const noticeVersion = `tu-${suffix}`;
  await publishNotice(organisation, { version: noticeVersion, effectiveAt: Date.now() - 60_000 });
  const clientName = `Sora Topup ${suffix}`;
  const conciergeName = `Emi Twodevices ${suffix}`;
  const coordinator = await enrolled('coordinator', { name: `Goro Granting ${suffix}` });
  const concierge = await enrolled('concierge', { page: await newDevice(), name: conciergeName });
  await coordinator.waitUntilOnline();
  await concierge.waitUntilOnline();
  await concierge.addClient(clientName);

  // The coordinator records the consent, writes the section and grants it to the concierge (one device).
  const c = coordinator.page;
  const granting = new MedicalPage(c);
  await expect(async () => {
    await c.getByRole('searchbox', { name: 'Search clients' }).fill(clientName);
    await expect(c.getByRole('button', { name: clientName, exact: true })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await granting.open(clientName);
  await granting.recordConsent(noticeVersion, 'Signed paper form');
  await c.getByRole('button', { name: 'Write the medical section' }).click();
  await c.getByLabel('Medical history').fill('Two devices, one grant');
  await granting.saveSection();
  await expect(granting.notice).toHaveText('Medical section saved.');
  await granting.grant(conciergeName);
  // The grant by hand, in the access log the server holds (once the coordinator's device has pushed it).
  await expect.poll(() => grantsOf(stack, conciergeName, 'by hand'), { timeout: 30_000 }).toBe(1);

  // The concierge asks for a code on This device and enrols a second browser with it.
  const a = concierge.page;
  await a.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'This device' }).click();
  await a.getByRole('button', { name: 'Get a code for another device' }).click();
  const code = (await a.getByTestId('device-invitation-code').textContent())!.trim();
  const tablet = await newDevice();
  await tablet.goto(stack.webHost.url);
  const enrolment = new EnrolmentPage(tablet);
  await enrolment.join({ code, deviceName: `${conciergeName}'s tablet` });
  const approved = await organisation.approve(conciergeName);
  await expect(enrolment.fingerprint).toHaveText(approved.fingerprint);
  await enrolment.waitForApproval();
  const tabletClients = new ClientsPage(tablet);
  await tabletClients.unlock();
  await tabletClients.waitUntilOnline();

  // The new device opens the section: a device holding the key topped it up, no one granted again.
  const reading = new MedicalPage(tablet);
  await reading.open(clientName);
  await expect(async () => {
    await tablet.getByRole('button', { name: 'Show medical section' }).click({ timeout: 2_000 });
    await expect(tablet.getByLabel('Medical history')).toHaveValue('Two devices, one grant', {
      timeout: 2_000,
    });
  }).toPass({ timeout: 60_000 });
  await expectAccessible(tablet, 'medical section on a new device');
  await tablet.screenshot({ path: testInfo.outputPath('new-device-open.png'), fullPage: true });
  // Still the one grant by hand; the top-up is in the access log as the key policy's (once per device that made it:
  // the coordinator's and the concierge's first device may both have).
  await expect
    .poll(() => grantsOf(stack, conciergeName, 'key policy'), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(1);
  expect(await grantsOf(stack, conciergeName, 'by hand')).toBe(1);
});

/** The access-log entries, on the server, of grants to the person: by hand, or by the key policy and the top-up. */
async function grantsOf(
  stack: { db: { query: <T>(sql: string, params: unknown[]) => Promise<T[]> } },
  name: string,
  how: 'by hand' | 'key policy',
): Promise<number> {
  const rows = await stack.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM sync_documents e JOIN staff s ON s.id::text = e.data->>'target'
      WHERE e.collection = 'auditEvents' AND e.data->>'kind' = 'access-granted'
        AND (e.data->'fields' ? 'key-policy') = $2 AND s.display_name = $1`,
    [name, how === 'key policy'],
  );
  return rows[0]!.n;
}
