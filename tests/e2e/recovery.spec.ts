import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { loadSodium, recoveryCodeGroups } from '../../shared/crypto/index';
import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';
import { ClientsPage } from '../support/pages/clients-page';
import { EnrolmentPage } from '../support/pages/enrolment-page';
import { MedicalPage } from '../support/pages/medical-page';
import { NoticesPage } from '../support/pages/notices-page';
import { publishNotice } from '../support/notices';
import { StaffPage } from '../support/pages/staff-page';

const EN_FILE = fileURLToPath(new URL('../support/notices/privacy-policy-en.txt', import.meta.url));
const JA_FILE = fileURLToPath(new URL('../support/notices/privacy-policy-ja.txt', import.meta.url));

/**
 * Issue 19, item 1: recovery from the printed sheet. A stack of its own, set up through the UI, so that the code is
 * read from the recovery sheet the setup shows, as the DPO would copy it. A coordinator writes two clients' medical
 * sections (their laptop and the recovery key are the only holders); the DPO revokes that laptop; nobody can open
 * them. The DPO types the sheet on the Recovery screen (a miscopied code and another organisation's are
 * refused first, changing nothing) and restores both to another coordinator, who opens the section.
 */
test('the only holder’s laptop is lost: the DPO restores access from the printed recovery sheet', async ({
  freshStack: stack,
  newDevice,
  pageErrors,
}, testInfo) => {
  test.setTimeout(240_000);
  // The revoked laptop's requests are refused (401) until it wipes itself: expected.
  pageErrors.allowConsole(
    /status of 401 \(Unauthorized\) \(http:\/\/127\.0\.0\.1:\d+\/(sync\/|directory|organisation|audit)/,
  );
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  const url = stack.webHost.url;
  const suffix = Date.now();
  const clientName = `Hana Recovery ${suffix}`;
  const otherName = `Jun Recovery ${suffix}`;
  const writer = { name: 'Kaito Writer', device: 'Kaito’s laptop' };
  const heir = { name: 'Nao Heir', device: 'Nao’s laptop' };

  // 1. The DPO sets the organisation up and copies the recovery sheet from the screen.
  const dpo = await newDevice();
  await dpo.goto(url);
  const setup = new EnrolmentPage(dpo);
  await setup.setUp(
    { setupCode: stack.setupCode, displayName: 'Rie DPO', deviceName: 'Rie’s laptop' },
    false,
  );
  await dpo.getByRole('button', { name: 'Set up and open' }).click();
  await expect(dpo.getByTestId('recovery-key')).toHaveText(
    /^([0-9A-HJKMNP-TV-Z]{5} ){10}[0-9A-HJKMNP-TV-Z]{5}$/,
  );
  const sheet = (await dpo.getByTestId('recovery-key').textContent())!;
  const sheetFingerprint = (await dpo.getByTestId('recovery-fingerprint').textContent())!;
  await setup.storeRecoverySheet();
  // The first admin's app opens on Today, with the first steps (issue 23, point 2).
  await expect(dpo.getByRole('heading', { name: 'Today', level: 2 })).toBeVisible();

  // 2. A privacy notice in effect, and two coordinators enrolled and approved by the DPO.
  const notices = new NoticesPage(dpo);
  await notices.open();
  const version = `rc-${suffix}`;
  await notices.load({
    version,
    effectiveAt: Date.now() - 2 * 60_000,
    summary: 'First version',
    files: [
      { language: 'English', file: EN_FILE },
      { language: 'Japanese', file: JA_FILE },
    ],
  });
  const staff = new StaffPage(dpo);
  await staff.open();
  const enrol = async (person: { name: string; device: string }) => {
    const code = await staff.invite(person.name, 'Coordinator');
    await staff.dismissCode();
    const page = await newDevice();
    await page.goto(url);
    const enrolment = new EnrolmentPage(page);
    await enrolment.join({ code, deviceName: person.device });
    const request = staff.enrolmentRequest(person.name);
    await expect(staff.fingerprintOf(request)).toHaveText((await enrolment.fingerprint.textContent())!);
    await staff.confirmCompared(request);
    await staff.approve(request, person.device);
    await enrolment.waitForApproval();
    const clients = new ClientsPage(page);
    await clients.unlock();
    return clients;
  };
  const writing = await enrol(writer);
  const heirClients = await enrol(heir);

  // 3. The writer records the consent and writes the section: their laptop holds the only wrap besides recovery.
  await writing.addClient(clientName);
  const written = new MedicalPage(writing.page);
  await written.open(clientName);
  await written.recordConsent(version, 'Signed paper form');
  await writing.page.getByRole('button', { name: 'Write the medical section' }).click();
  await writing.page.getByLabel('Medical history').fill('Knee surgery, 2021');
  await written.saveSection();
  await expect(written.notice).toHaveText('Medical section saved.');
  // A second client of the same writer, to restore both at once.
  await writing.page.getByRole('button', { name: 'All clients' }).click();
  await writing.addClient(otherName);
  await written.open(otherName);
  await written.recordConsent(version, 'Signed paper form');
  await writing.page.getByRole('button', { name: 'Write the medical section' }).click();
  await writing.page.getByLabel('Medical history').fill('Asthma');
  await written.saveSection();
  await expect(written.notice).toHaveText('Medical section saved.');
  const [client] = await stack.db.query<{ id: string }>(
    "SELECT id FROM sync_documents WHERE collection = 'clients' AND data->'names'->>'latin' = $1",
    [clientName],
  );
  const wrapsOfClient = () =>
    stack.db.query<{ id: string; recipient: string; granter: string }>(
      `SELECT id, data->>'recipientId' AS recipient, data->>'granterId' AS granter FROM sync_documents
       WHERE collection = 'keyWraps' AND data->>'clientId' = $1 AND NOT deleted ORDER BY id`,
      [client!.id],
    );
  await expect.poll(async () => (await wrapsOfClient()).length, { timeout: 30_000 }).toBe(2);

  // 4. The writer's laptop is lost: the DPO revokes it. No one can open the section any more.
  await staff.revokeDevice(writer.name, writer.device);
  const waiting = new MedicalPage(heirClients.page);
  await waiting.open(clientName);
  await expect(heirClients.page.getByText('A sealed medical section exists for this client.')).toBeVisible({
    timeout: 30_000,
  });
  await expect(
    heirClients.page.getByText(/No one who may grant access holds the key.*under Recovery\./),
  ).toBeVisible();

  // 5. The DPO's Recovery screen lists the section, with why.
  await dpo.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Recovery' }).click();
  await expect(dpo.getByRole('heading', { name: 'Restore medical access' })).toBeVisible();
  await expect(dpo.getByTestId('recovery-fingerprint-expected')).toContainText(sheetFingerprint);
  const item = dpo.getByTestId('sections-to-recover').getByRole('listitem').filter({ hasText: clientName });
  const other = dpo.getByTestId('sections-to-recover').getByRole('listitem').filter({ hasText: otherName });
  await expect(item).toContainText('every device holding the key is revoked', { timeout: 30_000 });
  await expect(other).toContainText('every device holding the key is revoked', { timeout: 30_000 });
  await dpo.getByRole('checkbox', { name: 'Select all (2)' }).check();
  await expect(item.getByRole('checkbox')).toBeChecked();
  await expect(other.getByRole('checkbox')).toBeChecked();
  await dpo.getByRole('checkbox', { name: `${heir.name} (Coordinator)` }).check();
  const code = dpo.getByLabel('Recovery key from the printed sheet');
  const restore = dpo.getByRole('button', { name: 'Restore access' });
  await expectAccessible(dpo, 'Recovery screen');
  await shot(dpo, '01-recovery-en');

  // A miscopied character, and another organisation's sheet: refused with the reason, the field emptied.
  const before = await wrapsOfClient();
  const miscopied = (sheet[0] === '2' ? '3' : '2') + sheet.slice(1);
  await code.fill(miscopied);
  await restore.click();
  await expect(dpo.getByRole('alert')).toContainText('a character was miscopied');
  await expect(code).toHaveValue('');
  await expectAccessible(dpo, 'Recovery screen, miscopied code');
  await shot(dpo, '02-recovery-checksum-en');
  const sodium = await loadSodium();
  const elsewhere = recoveryCodeGroups(sodium, sodium.crypto_box_keypair().privateKey).join(' ');
  await code.fill(elsewhere);
  await restore.click();
  await expect(dpo.getByRole('alert')).toContainText('This recovery key is not this organisation’s');
  await expect(dpo.getByRole('alert')).toContainText(sheetFingerprint);
  await shot(dpo, '03-recovery-other-organisation-en');
  await dpo.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(dpo.getByRole('heading', { name: '医療情報へのアクセスの回復' })).toBeVisible();
  await dpo.getByLabel('印刷した復旧シートの復旧キー').fill(miscopied.slice(5));
  await dpo.getByRole('button', { name: 'アクセスを回復' }).click();
  await expect(dpo.getByRole('alert')).toContainText('復旧キーの長さが違います');
  await expect(item).toContainText('キーを持つ端末はすべて失効しています');
  await expectAccessible(dpo, 'Recovery screen (ja)');
  await shot(dpo, '04-recovery-ja');
  await dpo.getByLabel('言語', { exact: true }).selectOption('en');
  expect(await wrapsOfClient()).toEqual(before);

  // 6. The sheet as printed: access restored to the other coordinator, by the DPO's device, in the access log.
  await code.fill(sheet.toLowerCase());
  await restore.click();
  await expect(dpo.getByTestId('recovery-outcome')).toHaveText(
    `Access restored to 2 medical sections for ${heir.name}.`,
  );
  await expect(code).toHaveValue('');
  await shot(dpo, '05-recovery-restored-en');
  const [ids] = await stack.db.query<{ dpo: string; dpo_device: string; heir: string; heir_device: string }>(
    `SELECT (SELECT id FROM staff WHERE display_name = 'Rie DPO') AS dpo,
            (SELECT d.id FROM devices d JOIN staff s ON s.id = d.staff_id WHERE s.display_name = 'Rie DPO') AS dpo_device,
            (SELECT id FROM staff WHERE display_name = $1) AS heir,
            (SELECT d.id FROM devices d JOIN staff s ON s.id = d.staff_id WHERE s.display_name = $1) AS heir_device`,
    [heir.name],
  );
  await expect
    .poll(async () => (await wrapsOfClient()).find((wrap) => wrap.recipient === ids!.heir_device)?.granter, {
      timeout: 30_000,
    })
    .toBe(ids!.dpo_device);
  await expect
    .poll(
      async () =>
        stack.db.query<{ staff: string; client: string; target: string; fields: string[] }>(
          `SELECT data->>'staffId' AS staff, data->>'clientId' AS client, data->>'target' AS target,
                  data->'fields' AS fields FROM sync_documents
           WHERE collection = 'auditEvents' AND data->>'kind' = 'access-granted' AND data->>'clientId' = $1`,
          [client!.id],
        ),
      { timeout: 30_000 },
    )
    .toEqual([
      { staff: ids!.dpo, client: client!.id, target: ids!.heir, fields: ['medical', 'recovery-key'] },
    ]);
  await expect(item).toHaveCount(0, { timeout: 30_000 });
  await expect(other).toHaveCount(0);

  // 7. The other coordinator opens the section.
  await heirClients.page.getByRole('button', { name: 'Show medical section' }).click({ timeout: 30_000 });
  await expect(heirClients.page.getByLabel('Medical history')).toHaveValue('Knee surgery, 2021');
  await shot(heirClients.page, '06-section-opened-en');

  // 8. The new holder may grant, so their device's rotation job replaces the key the lost laptop held: no wrap
  // of the client is left for that laptop, and the recovery key still has one.
  await expect
    .poll(async () => (await wrapsOfClient()).map((wrap) => wrap.recipient).sort(), { timeout: 60_000 })
    .toEqual([ids!.heir_device, 'org-recovery'].sort());
});

/**
 * The other path of issue 19: every granter left the company. In the worker's organisation (set up by the fixture,
 * which keeps the recovery key pair: the sheet's code is what the setup screen prints, recoveryCodeGroups of its
 * private key), a coordinator writes two clients' sections and leaves; the DPO restores both at once to a manager
 * enrolled afterwards, typing the sheet with hyphens.
 */
test('every granter left: the DPO restores two sections at once to a person chosen now', async ({
  enrolled,
  newDevice,
  organisation,
  pageErrors,
}, testInfo) => {
  test.setTimeout(200_000);
  pageErrors.allowConsole(
    /status of 401 \(Unauthorized\) \(http:\/\/127\.0\.0\.1:\d+\/(sync\/|directory|organisation|audit)/,
  );
  const suffix = Date.now();
  const version = `rl-${suffix}`;
  await publishNotice(organisation, { version, effectiveAt: Date.now() - 60_000 });
  // The coordinators and managers earlier tests enrolled on this shared server have left before: the test is about
  // an organisation where no one who could grant is left, whatever ran before it.
  await organisation.revokeEveryoneIn(['coordinator', 'manager']);
  const leaverName = `Gina Leaving ${suffix}`;
  const newcomerName = `Mei Newcomer ${suffix}`;
  const clientNames = [`Ren Left ${suffix}`, `Sae Left ${suffix}`];
  const leaver = await enrolled('coordinator', { name: leaverName });
  const dpo = await enrolled('admin', { page: await newDevice(), name: `Dora DPO ${suffix}` });
  await leaver.waitUntilOnline();
  const writing = new MedicalPage(leaver.page);
  for (const name of clientNames) await leaver.addClient(name);
  for (const [index, name] of clientNames.entries()) {
    await writing.open(name);
    await writing.recordConsent(version, 'Signed paper form');
    await leaver.page.getByRole('button', { name: 'Write the medical section' }).click();
    await leaver.page.getByLabel('Medical history').fill(`History ${index + 1}`);
    await writing.saveSection();
    await expect(writing.notice).toHaveText('Medical section saved.');
    await leaver.page.getByRole('button', { name: 'All clients' }).click();
  }
  await leaver.waitUntilOnline();

  // The coordinator leaves: the DPO revokes all their access.
  const staff = new StaffPage(dpo.page);
  await staff.open();
  await staff.staffRow(leaverName).getByRole('button', { name: 'Revoke access' }).click();
  await dpo.page.getByRole('button', { name: 'Confirm revocation' }).click();
  await expect(dpo.page.getByText(`Revoked the access of ${leaverName}.`)).toBeVisible();
  const newcomer = await enrolled('manager', { page: await newDevice(), name: newcomerName });

  const d = dpo.page;
  await d.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Recovery' }).click();
  const list = d.getByTestId('sections-to-recover');
  for (const name of clientNames) {
    const item = list.getByRole('listitem').filter({ hasText: name });
    await expect(item).toContainText('everyone holding the key has left', { timeout: 30_000 });
    await item.getByRole('checkbox').check();
  }
  await d.getByRole('checkbox', { name: `${newcomerName} (Manager)` }).check({ timeout: 30_000 });
  const sodium = await loadSodium();
  const sheet = recoveryCodeGroups(sodium, organisation.recovery.privateKey).join('-');
  await d.getByLabel('Recovery key from the printed sheet').fill(sheet);
  await d.getByRole('button', { name: 'Restore access' }).click();
  await expect(d.getByTestId('recovery-outcome')).toHaveText(
    `Access restored to 2 medical sections for ${newcomerName}.`,
  );
  for (const name of clientNames)
    await expect(list.getByRole('listitem').filter({ hasText: name })).toHaveCount(0, { timeout: 30_000 });
  await expectAccessible(d, 'Recovery screen, restored');
  await d.screenshot({ path: testInfo.outputPath('left-restored-en.png'), fullPage: true });

  const reading = new MedicalPage(newcomer.page);
  for (const [index, name] of clientNames.entries()) {
    await reading.open(name);
    await newcomer.page.getByRole('button', { name: 'Show medical section' }).click({ timeout: 30_000 });
    await expect(newcomer.page.getByLabel('Medical history')).toHaveValue(`History ${index + 1}`);
    await newcomer.page.getByRole('button', { name: 'All clients' }).click();
  }
});
