import type { Page } from '@playwright/test';
import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';
import { dumpIndexedDb } from '../support/indexeddb';
import { ClientsPage } from '../support/pages/clients-page';
import { EnrolmentPage } from '../support/pages/enrolment-page';
import { StaffPage } from '../support/pages/staff-page';

const PASSPHRASES = {
  admin: 'harbour lantern quiet meadow',
  manager: 'copper violet orchard tides',
  concierge: 'maple summit drizzle anchor',
};

/** What the app keeps outside IndexedDB that a wipe must remove: the sealed vault key and device record. */
const localRecords = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((key) => /device|vault|unlock/.test(key)));

test('first admin with the setup code; staff invited, devices approved by fingerprint; role-scoped sync; a revoked device wipes itself', async ({
  // A stack of its own: this spec sets the organisation up from scratch, with the code the server printed.
  freshStack: stack,
  newDevice,
  pageErrors,
}, testInfo) => {
  test.setTimeout(180_000);
  // The revoked device's sync requests are refused (401) until it wipes itself: expected, nothing else is.
  // A revoked device hears of staff changes, and its next requests (sync, the directory) are refused.
  pageErrors.allowConsole(
    /status of 401 \(Unauthorized\) \(http:\/\/127\.0\.0\.1:\d+\/(sync\/|directory|organisation)/,
  );
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  const adminPage = await newDevice();
  const managerPage = await newDevice();
  const conciergePage = await newDevice();
  const url = stack.webHost.url;

  // 1. The first admin sets the organisation up with the code the server printed.
  await adminPage.goto(url);
  const adminEnrolment = new EnrolmentPage(adminPage);
  await adminEnrolment.setUp(
    {
      setupCode: stack.setupCode.toLowerCase(),
      displayName: 'Aiko Tanaka',
      deviceName: 'Aiko’s laptop',
      passphrase: PASSPHRASES.admin,
    },
    false,
  );
  await shot(adminPage, '01-setup-en');
  await adminPage.getByRole('button', { name: 'Set up and open' }).click();
  // The organisation recovery key is shown once, to print: the private key in groups, its fingerprint, the date.
  await expect(adminPage.getByRole('heading', { name: 'Organisation recovery key' })).toBeVisible();
  // Crockford base32 with a checksum, in groups of five: no 0/O, 1/I/l or punctuation to misread from paper.
  await expect(adminPage.getByTestId('recovery-key')).toHaveText(
    /^([0-9A-HJKMNP-TV-Z]{5} ){10}[0-9A-HJKMNP-TV-Z]{5}$/,
  );
  await expect(adminPage.getByTestId('recovery-fingerprint')).toHaveText(/^[0-9a-f]{4}( [0-9a-f]{4}){7}$/);
  await shot(adminPage, '01b-recovery-sheet-en');
  // Printed, the sheet is the key and its facts alone: no buttons, no tick box, no app around it.
  await adminPage.emulateMedia({ media: 'print' });
  await expect(adminPage.getByTestId('recovery-key')).toBeVisible();
  await expect(adminPage.getByRole('button', { name: 'Print' })).toBeHidden();
  await expect(adminPage.getByRole('checkbox')).toBeHidden();
  await expect(adminPage.getByRole('button', { name: 'Continue' })).toBeHidden();
  await shot(adminPage, '01c-recovery-sheet-printed');
  await adminPage.emulateMedia({ media: 'screen' });
  await adminPage.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void (window as unknown as { printed: number }).printed++;
  });
  await adminPage.getByRole('button', { name: 'Print' }).click();
  expect(await adminPage.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  const carryOn = adminPage.getByRole('button', { name: 'Continue' });
  await expect(carryOn).toBeDisabled();
  await adminPage.getByLabel('I have printed this sheet and stored it safely').check();
  await carryOn.click();
  await expect(adminPage.getByTestId('recovery-key')).toHaveCount(0);
  await expect(adminPage.getByTestId('account')).toHaveText('Aiko Tanaka · Administrator');
  // What to do next, on the first screen: the new organisation's admin lands on Today, which leads to inviting
  // office staff (issue 23, point 2), not on the read-only Clients sentence.
  const adminNav = adminPage.getByRole('navigation', { name: 'Sections' });
  await expect(adminPage.getByRole('heading', { name: 'Today', level: 2 })).toBeVisible();
  await expect(adminNav.getByRole('button', { name: 'Today' })).toHaveAttribute('aria-current', 'page');
  await expect(
    adminPage.getByText('Your role reads every client but does not add or change them.'),
  ).toHaveCount(0);
  const firstStep = adminPage.getByRole('listitem').filter({ hasText: 'Invite your office staff' });
  await expect(firstStep).toBeVisible();
  await expect(adminPage.getByRole('listitem').filter({ hasText: 'Load the privacy notice' })).toBeVisible();
  await expectAccessible(adminPage, 'Today, first steps');
  await shot(adminPage, '01d-first-steps-en');
  await firstStep.getByRole('button', { name: /^Open: Invite your office staff/ }).click();
  await expect(adminPage.getByRole('heading', { name: 'Staff', level: 2 })).toBeVisible();

  // 2. The admin invites a manager; the code is shown once.
  const adminStaff = new StaffPage(adminPage);
  await adminStaff.open();
  const managerCode = await adminStaff.invite('Mika Sato', 'Manager');
  await shot(adminPage, '02-invitation-code-en');
  await adminStaff.dismissCode();
  await expect(adminPage.getByText(managerCode)).toHaveCount(0);

  // 3. The manager's device enrols and waits; the admin approves after comparing the fingerprint.
  await managerPage.goto(url);
  const managerEnrolment = new EnrolmentPage(managerPage);
  await managerEnrolment.join({
    code: managerCode,
    deviceName: 'Mika’s laptop',
    passphrase: PASSPHRASES.manager,
  });
  await shot(managerPage, '03-pending-approval-en');
  const managerRequest = adminStaff.enrolmentRequest('Mika Sato');
  await expect(managerRequest).toContainText('Mika Sato (Manager) asks to enrol the device “Mika’s laptop”.');
  const managerFingerprint = await managerEnrolment.fingerprint.textContent();
  await expect(adminStaff.fingerprintOf(managerRequest)).toHaveText(managerFingerprint!);
  await expect(adminStaff.approveButton(managerRequest)).toBeDisabled();
  await adminStaff.confirmCompared(managerRequest);
  await shot(adminPage, '04-approval-en');
  await adminStaff.approve(managerRequest, 'Mika’s laptop');
  await managerEnrolment.waitForApproval();
  const managerClients = new ClientsPage(managerPage);
  await managerClients.unlock(PASSPHRASES.manager);
  await expect(managerPage.getByTestId('account')).toHaveText('Mika Sato · Manager');
  // With a manager in the office, the first step is done.
  await adminNav.getByRole('button', { name: 'Today' }).click();
  await expect(adminPage.getByRole('listitem').filter({ hasText: 'Invite your office staff' })).toHaveCount(
    0,
  );
  await expect(adminPage.getByRole('listitem').filter({ hasText: 'Load the privacy notice' })).toBeVisible();
  await adminNav.getByRole('button', { name: 'Staff' }).click();

  // 4. The admin invites a concierge.
  const conciergeCode = await adminStaff.invite('Kenji Mori', 'Concierge');
  await adminStaff.dismissCode();

  // 5. The concierge enrols; this time the manager approves, again after comparing the fingerprint.
  await conciergePage.goto(url);
  const conciergeEnrolment = new EnrolmentPage(conciergePage);
  await conciergeEnrolment.join({
    code: conciergeCode,
    deviceName: 'Kenji’s laptop',
    passphrase: PASSPHRASES.concierge,
  });
  const managerStaff = new StaffPage(managerPage);
  await managerStaff.open();
  const conciergeRequest = managerStaff.enrolmentRequest('Kenji Mori');
  const conciergeFingerprint = await conciergeEnrolment.fingerprint.textContent();
  await expect(managerStaff.fingerprintOf(conciergeRequest)).toHaveText(conciergeFingerprint!);
  expect(conciergeFingerprint).not.toBe(managerFingerprint);
  await managerStaff.confirmCompared(conciergeRequest);
  await managerStaff.approve(conciergeRequest, 'Kenji’s laptop');
  await conciergeEnrolment.waitForApproval();
  const conciergeClients = new ClientsPage(conciergePage);
  await conciergeClients.unlock(PASSPHRASES.concierge);
  // A concierge manages no staff: the Staff section is not offered at all.
  await expect(new StaffPage(conciergePage).navButton()).toHaveCount(0);
  await shot(managerPage, '05-staff-list-en');

  // 6. The concierge creates a client; it reaches the manager through the server.
  const clientName = `Eleanor Whitfield ${Date.now()}`;
  await conciergeClients.addClient(clientName);
  await expect(await conciergeClients.find(clientName)).toBeVisible();
  await managerPage
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'Clients' })
    .click();
  await expect(await managerClients.find(clientName)).toBeVisible();
  const [stored] = await stack.db.query<{ assigned: string[] }>(
    "SELECT data->'assignedStaffIds' AS assigned FROM sync_documents WHERE data->'names'->>'latin' = $1",
    [clientName],
  );
  expect(stored!.assigned).toHaveLength(1);

  // 7. The manager revokes the concierge's device.
  await managerStaff.open();
  await managerStaff.revokeDevice('Kenji Mori', 'Kenji’s laptop');
  await shot(managerPage, '06-device-revoked-en');
  // Each approval and the revocation is in the access log of the device that made it (issue 18).
  const logged = async (kind: string) =>
    (
      await stack.db.query(
        "SELECT id FROM sync_documents WHERE collection = 'auditEvents' AND data->>'kind' = $1",
        [kind],
      )
    ).length;
  await expect.poll(() => logged('device-approved'), { timeout: 30_000 }).toBe(2);
  await expect.poll(() => logged('device-revoked'), { timeout: 30_000 }).toBe(1);
  await managerPage.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(managerPage.getByRole('heading', { name: 'スタッフと端末' })).toBeVisible();
  await shot(managerPage, '07-staff-list-ja');
  await managerPage.getByLabel('言語', { exact: true }).selectOption('en');

  // 8. At its next contact with the server the concierge's device wipes itself: the live stream's staff announcement
  // makes it fetch the directory at once, refused, so it may be gone before it pushes a new client.
  const unsent = `Not Sent ${Date.now()}`;
  await conciergeClients.nameInput
    .fill(unsent, { timeout: 5_000 })
    .then(() => conciergeClients.addButton.click({ timeout: 5_000 }))
    .catch(() => undefined);
  await expect(conciergePage.getByRole('heading', { name: 'This device was revoked' })).toBeVisible();
  await expect(conciergePage.getByRole('alert')).toHaveText(
    'All client data and keys on this device have been erased.',
  );
  await expect.poll(() => dumpIndexedDb(conciergePage)).toEqual([]);
  expect(await conciergePage.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);
  expect(await localRecords(conciergePage)).toEqual([]);
  await shot(conciergePage, '08-revoked-en');
  await conciergePage.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(conciergePage.getByRole('heading', { name: 'この端末は失効しました' })).toBeVisible();
  await shot(conciergePage, '09-revoked-ja');
  expect(
    await stack.db.query("SELECT id FROM sync_documents WHERE data->'names'->>'latin' = $1", [unsent]),
  ).toEqual([]);

  // After a reload the device is a blank one: it asks to be enrolled again.
  await conciergePage.reload();
  await expect(conciergePage.getByRole('heading', { name: 'この端末を登録する' })).toBeVisible();

  // The other devices are untouched.
  await managerPage
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'Clients' })
    .click();
  await expect(await managerClients.find(clientName)).toBeVisible();
  expect(await localRecords(managerPage)).not.toEqual([]);
});
