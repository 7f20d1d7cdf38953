import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PrivacyNotice } from '../../shared/domain/privacy-notice';
import { expectAccessible } from '../support/axe';
import { ConsentSeeder, type CitedNotice } from '../support/consent-seeder';
import { expect, test } from '../support/fixtures';
import { lettersOf, storedClientId } from '../support/stored-documents';
import { ClientRecordPage } from '../support/pages/client-record-page';
import { MarketingPage, NoticesPage, RenewalsPage } from '../support/pages/notices-page';
import type { TestStack } from '../support/stack';

const EN_FILE = fileURLToPath(new URL('../support/notices/privacy-policy-en.txt', import.meta.url));
const JA_FILE = fileURLToPath(new URL('../support/notices/privacy-policy-ja.txt', import.meta.url));
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const MINUTE = 60_000;
// A device taken offline on purpose fails its requests.
const OFFLINE_REQUEST = /net::ERR_INTERNET_DISCONNECTED/;
const DAY = 24 * 60 * MINUTE;

/** A notice version as the server stores it, by its label. */
async function storedNotice(stack: TestStack, version: string): Promise<PrivacyNotice> {
  let found: PrivacyNotice | undefined;
  await expect
    .poll(async () => {
      const rows = await stack.db.query<{ data: PrivacyNotice }>(
        "SELECT data FROM sync_documents WHERE collection = 'orgSettings' AND data->>'version' = $1",
        [version],
      );
      found = rows[0]?.data;
      return found !== undefined;
    })
    .toBe(true);
  return found!;
}

const cite = (notice: PrivacyNotice, language = 'en'): CitedNotice => {
  const text = notice.texts.find((candidate) => candidate.language === language)!;
  return { id: notice.id, version: notice.version, language, sha256: text.sha256 };
};

test('an admin loads notice v1 in English and Japanese from files; it is fixed once effective and held offline by another device; a non-admin sees no Notices screen', async ({
  enrolled,
  stack,
  pageErrors,
}, testInfo) => {
  test.setTimeout(180_000);
  pageErrors.allowConsole(OFFLINE_REQUEST);
  const suffix = Date.now();
  const admin = await enrolled('admin', { name: `Dana DPO ${suffix}` });
  const secondAdmin = await enrolled('admin', { name: `Eiko DPO ${suffix}` });
  const coordinator = await enrolled('coordinator', { name: `Chika Coordinator ${suffix}` });
  await admin.waitUntilOnline();
  const notices = new NoticesPage(admin.page);
  await notices.open();
  const page = admin.page;

  // The form refuses what is not a UTF-8 text, and says what is missing.
  await page.getByRole('button', { name: 'Load a new version' }).click();
  await notices.form.getByLabel('Text file for English').setInputFiles({
    name: 'policy-sjis.txt',
    mimeType: 'text/plain',
    // 個人情報 in Shift_JIS.
    buffer: Buffer.from([0x8c, 0xc2, 0x90, 0x6c, 0x8f, 0xee, 0x95, 0xf1]),
  });
  await expect(notices.form.getByRole('alert')).toContainText('This file is not UTF-8 text');
  await notices.form.getByLabel('Text file for Japanese').setInputFiles({
    name: 'empty.txt',
    mimeType: 'text/plain',
    buffer: Buffer.alloc(0),
  });
  await expect(notices.form.getByText('This file is empty.')).toBeVisible();
  await notices.form.getByLabel('Substantial change to the use of medical data').check();
  await notices.form.getByRole('button', { name: 'Save version' }).click();
  await expect(notices.form.locator('#notice-version-error')).toHaveText('Required.');
  await expect(notices.form.locator('#notice-deadline-date-error')).toHaveText('Required.');
  await expect(page.getByText('The version was not saved: see the fields above.')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('notice-form-errors-en.png'), fullPage: true });
  await expectAccessible(page, 'the notice form with errors');
  await notices.form.getByRole('button', { name: 'Cancel' }).click();

  // A version not yet effective can be corrected and deleted.
  const draft = `D${suffix}`;
  await notices.load({
    version: draft,
    effectiveAt: Date.now() + 2 * DAY,
    summary: 'Draft to correct',
    files: [{ language: 'English', file: EN_FILE }],
  });
  await expect(notices.row(draft)).toContainText('Scheduled');
  await notices
    .row(draft)
    .getByRole('button', { name: `Edit ${draft}` })
    .click();
  await notices.form.getByLabel('Summary of the changes').fill('Draft, corrected');
  await notices.save(draft);
  await expect(notices.row(draft)).toContainText('Draft, corrected');
  await notices
    .row(draft)
    .getByRole('button', { name: `Delete ${draft}` })
    .click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  await expect(notices.row(draft)).toHaveCount(0);

  // v1, in effect: English and Japanese texts, hashed on the device as the files' SHA-256.
  const v1 = `${suffix}.1`;
  await notices.load({
    version: v1,
    effectiveAt: Date.now() - 2 * MINUTE,
    summary: 'First version loaded in the app',
    files: [
      { language: 'English', file: EN_FILE },
      { language: 'Japanese', file: JA_FILE },
    ],
  });
  const row = notices.row(v1);
  // In effect, or already superseded by a version another spec on this worker's organisation published since.
  await expect(row).toContainText(/In effect|Superseded/);
  await expect(row).toContainText(sha256(EN_FILE));
  await expect(row).toContainText(sha256(JA_FILE));
  await expect(row).toContainText('Fixed');
  await expect(row.getByRole('button', { name: `Edit ${v1}` })).toHaveCount(0);
  await expect(row.getByRole('button', { name: `Delete ${v1}` })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('notices-list-en.png'), fullPage: true });
  await expectAccessible(page, 'the notices list');

  const stored = await storedNotice(stack, v1);
  expect(stored.texts.map((text) => [text.language, text.sha256])).toEqual([
    ['en', sha256(EN_FILE)],
    ['ja', sha256(JA_FILE)],
  ]);
  expect(stored.texts[1]!.text).toBe(readFileSync(JA_FILE, 'utf8'));

  await row.getByRole('button', { name: `View the Japanese text of ${v1}` }).click();
  await expect(page.getByTestId('notice-text')).toContainText('医療データの利用に関わる重要な変更');
  await expectAccessible(page, 'a notice text');
  await page.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(page.getByRole('heading', { name: 'プライバシーポリシーの版' })).toBeVisible();
  await expect(notices.row(v1)).toContainText(/施行中|旧版/);
  await page.screenshot({ path: testInfo.outputPath('notices-list-ja.png'), fullPage: true });
  await expectAccessible(page, 'the notices list in Japanese');
  await page.getByLabel('言語', { exact: true }).selectOption('en');

  // Another admin device receives it, and still shows it offline after a lock.
  const other = new NoticesPage(secondAdmin.page);
  await other.open();
  await expect(other.row(v1)).toContainText(sha256(JA_FILE));
  await secondAdmin.page.context().setOffline(true);
  await secondAdmin.lock();
  await secondAdmin.unlock();
  await other.open();
  await expect(other.row(v1)).toContainText(/In effect|Superseded/);
  await secondAdmin.page.context().setOffline(false);

  // A coordinator has no Notices screen.
  await expect(coordinator.page.getByRole('heading', { name: 'Clients' })).toBeVisible();
  await expect(new NoticesPage(coordinator.page).navButton()).toHaveCount(0);
  await expect(new MarketingPage(coordinator.page).navButton()).toHaveCount(0);
});

test('v2, a substantial change, puts a client with a v1 medical consent on the renewal list and marks them in the client list until their renewal is recorded', async ({
  enrolled,
  organisation,
  stack,
}, testInfo) => {
  test.setTimeout(180_000);
  const suffix = Date.now();
  // Before the browsers unlock: their staff directory then lists the seeder's device key.
  const seeder = await ConsentSeeder.create(stack, organisation, `Sora Seeder ${suffix}`);
  const admin = await enrolled('admin', { name: `Dana DPO ${suffix}` });
  const coordinator = await enrolled('coordinator', { name: `Chika Coordinator ${suffix}` });
  await admin.waitUntilOnline();
  await coordinator.waitUntilOnline();

  const notices = new NoticesPage(admin.page);
  await notices.open();
  const v1Label = `${suffix}.1`;
  await notices.load({
    version: v1Label,
    effectiveAt: Date.now() - 3 * MINUTE,
    summary: 'First version',
    files: [
      { language: 'English', file: EN_FILE },
      { language: 'Japanese', file: JA_FILE },
    ],
  });
  const v1 = await storedNotice(stack, v1Label);

  // A client with contact details and a medical consent under v1.
  const name = `Renata Renewal ${lettersOf(suffix)}`;
  await coordinator.addClient(name);
  const record = await ClientRecordPage.open(coordinator, name);
  const identity = record.section('Names and identity');
  await record.chooseLanguages(identity, ['Japanese', 'English']);
  await record.save(identity);
  const contact = record.section('Contact');
  await contact.getByLabel('E-mail').fill(`renata.${suffix}@example.jp`);
  await record.save(contact);
  await record.backToList();
  const clientId = await storedClientId(stack, name);
  await seeder.record({
    clientId,
    action: 'given',
    purpose: 'medical-data',
    notice: cite(v1),
    at: Date.now() - MINUTE,
  });

  const renewals = new RenewalsPage(coordinator.page);
  await renewals.open();
  await expect(renewals.heading).toBeVisible();
  await expect(coordinator.page.getByTestId(`renewal-${clientId}`)).toHaveCount(0);

  // v2: substantial, in effect, renewal within 30 days.
  const v2Label = `${suffix}.2`;
  await notices.load({
    version: v2Label,
    effectiveAt: Date.now() - MINUTE,
    summary: 'Medical data shared with partner clinics abroad',
    deadline: Date.now() + 30 * DAY,
    files: [
      { language: 'English', file: EN_FILE },
      { language: 'Japanese', file: JA_FILE },
    ],
  });
  await expect(notices.row(v2Label)).toContainText('Yes: consent renewed by');

  const row = renewals.row(name);
  await expect(row).toContainText('Japanese');
  await expect(row).toContainText(`renata.${suffix}@example.jp`);
  await expect(row).toContainText(`Version ${v1Label}`);
  await expect(row).toContainText(`New version ${v2Label}`);
  await expect(row).toContainText('Not told yet');
  await coordinator.page.screenshot({ path: testInfo.outputPath('renewals-en.png'), fullPage: true });
  await expectAccessible(coordinator.page, 'the renewal list');

  await coordinator.page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'Clients' })
    .click();
  await expect((await coordinator.find(name)).getByTestId('renewal-badge')).toHaveText('Needs renewal');
  await coordinator.page.screenshot({
    path: testInfo.outputPath('client-list-renewal-en.png'),
    fullPage: true,
  });
  await expectAccessible(coordinator.page, 'the client list with a renewal mark');
  // Today says renewals are waiting, and leads to them.
  const nav = coordinator.page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('button', { name: 'Today' }).click();
  const waitingRenewals = coordinator.page
    .getByRole('list', { name: 'Waiting for you' })
    .getByRole('listitem')
    .filter({ hasText: /clients? must renew their medical consent/ });
  await expect(waitingRenewals).toBeVisible();
  await waitingRenewals.getByRole('button', { name: /^Open: / }).click();
  await expect(row).toBeVisible();

  // Told by e-mail: still needs renewal.
  await renewals.open();
  await row.getByRole('button', { name: `Record for ${name}` }).click();
  await coordinator.page.screenshot({ path: testInfo.outputPath('renewal-form-en.png'), fullPage: true });
  await expectAccessible(coordinator.page, 'the renewal form');
  await coordinator.page
    .getByRole('form', { name: `Renewal of ${name}` })
    .getByRole('button', { name: 'Cancel' })
    .click();
  await renewals.record(name, 'The client was told of the new version', 'E-mail');
  await expect(row).toContainText('Told');
  await coordinator.page.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(coordinator.page.getByRole('heading', { name: '再同意', level: 2 })).toBeVisible();
  await coordinator.page.screenshot({ path: testInfo.outputPath('renewals-ja.png'), fullPage: true });
  await expectAccessible(coordinator.page, 'the renewal list in Japanese');
  await coordinator.page.getByLabel('言語', { exact: true }).selectOption('en');

  // Renewed under v2: off the list, the mark gone.
  await renewals.record(name, 'The client renewed their consent', 'E-signature on the device');
  await expect(renewals.row(name)).toHaveCount(0);
  await coordinator.page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'Clients' })
    .click();
  await expect(await coordinator.find(name)).toBeVisible();
  await expect(coordinator.client(name).getByTestId('renewal-badge')).toHaveCount(0);

  // The ledger on the server: the v1 consent, the told and the renewed records under v2, each signed.
  const v2 = await storedNotice(stack, v2Label);
  await expect
    .poll(async () => {
      const rows = await stack.db.query<{ data: { action: string; noticeId: string; signature?: string } }>(
        "SELECT data FROM sync_documents WHERE collection = 'consents' AND data->>'clientId' = $1",
        [clientId],
      );
      return rows
        .map(
          ({ data }) =>
            `${data.action}:${data.noticeId === v2.id ? 'v2' : 'v1'}:${data.signature ? 'signed' : '-'}`,
        )
        .sort();
    })
    .toEqual(['given:v1:signed', 'given:v2:signed', 'informed:v2:signed']);
});

test('the marketing list and its CSV hold only clients with a live marketing consent; who was left out is never shown', async ({
  enrolled,
  organisation,
  stack,
}, testInfo) => {
  test.setTimeout(180_000);
  const suffix = Date.now();
  const seeder = await ConsentSeeder.create(stack, organisation, `Sora Seeder ${suffix}`);
  const admin = await enrolled('admin', { name: `Dana DPO ${suffix}` });
  const manager = await enrolled('manager', { name: `Mika Manager ${suffix}` });
  await admin.waitUntilOnline();
  await manager.waitUntilOnline();
  const notices = new NoticesPage(admin.page);
  await notices.open();
  const label = `${suffix}.m`;
  await notices.load({
    version: label,
    effectiveAt: Date.now() - 4 * MINUTE,
    summary: 'Version for marketing consents',
    files: [{ language: 'English', file: EN_FILE }],
  });
  const notice = cite(await storedNotice(stack, label));

  const names = {
    consented: `Ana Consented ${lettersOf(suffix)}`,
    withdrawn: `Ben Withdrawn ${lettersOf(suffix)}`,
    medicalOnly: `Cho MedicalOnly ${lettersOf(suffix)}`,
    none: `Dai NoConsent ${lettersOf(suffix)}`,
  };
  for (const name of Object.values(names)) {
    await manager.addClient(name);
    await expect(await manager.find(name)).toBeVisible();
  }
  const ids = Object.fromEntries(
    await Promise.all(
      Object.entries(names).map(async ([key, name]) => [key, await storedClientId(stack, name)]),
    ),
  ) as Record<keyof typeof names, string>;
  const at = Date.now() - MINUTE;
  await seeder.record({ clientId: ids.consented, action: 'given', purpose: 'marketing', notice, at });
  const given = await seeder.record({
    clientId: ids.withdrawn,
    action: 'given',
    purpose: 'marketing',
    notice,
    at,
  });
  await seeder.record({
    clientId: ids.withdrawn,
    action: 'withdrawn',
    purpose: 'marketing',
    notice,
    refersTo: given.id,
  });
  await seeder.record({ clientId: ids.medicalOnly, action: 'given', purpose: 'medical-data', notice, at });

  const marketing = new MarketingPage(manager.page);
  await marketing.open();
  await expect(marketing.list.getByRole('rowheader', { name: names.consented })).toBeVisible();
  for (const name of [names.withdrawn, names.medicalOnly, names.none]) {
    await expect(manager.page.getByText(name)).toHaveCount(0);
  }
  await expect(marketing.count).toContainText(/without a marketing consent in force were left out/);
  await expect(manager.page.getByTestId('marketing-check')).toContainText('and the server’s');
  await manager.page.screenshot({ path: testInfo.outputPath('marketing-en.png'), fullPage: true });
  await expectAccessible(manager.page, 'the marketing list');

  const csv = await marketing.exportCsv();
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  expect(lines[0]).toBe('name,preferred_language,email');
  expect(lines).toContain(`${names.consented},,`);
  for (const name of [names.withdrawn, names.medicalOnly, names.none]) expect(csv).not.toContain(name);

  await manager.page.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(manager.page.getByRole('heading', { name: 'マーケティングリスト' })).toBeVisible();
  await manager.page.screenshot({ path: testInfo.outputPath('marketing-ja.png'), fullPage: true });
  await expectAccessible(manager.page, 'the marketing list in Japanese');
});
