import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClientDataExport } from '../../shared/domain/request-export';
import { expectAccessible } from '../support/axe';
import { ConsentSeeder } from '../support/consent-seeder';
import { expect, test } from '../support/fixtures';
import { confirmedPartnerId, storedClient } from '../support/stored-documents';
import { startVerifiedRequest } from '../support/pages/requests-page';
import { publishNotice } from '../support/notices';
import { ClientRecordPage } from '../support/pages/client-record-page';

/**
 * Issue 15, acceptance: the partner makes its key pair in the opener (its built file, in a page of its own); a
 * manager records and confirms that key; a concierge asks to share a name and the medical history, a manager who
 * did not ask approves; the manager's device, without a grant, cannot build the package; the concierge's device
 * builds and saves it; the opener shows exactly the approved items and refuses an altered, re-addressed or expired
 * copy; the provision record is on the server, with the file's hash, and in the client's export.
 */

const OPENER = pathToFileURL(resolve(import.meta.dirname, '../../out/opener/lumina-opener.html')).href;
const PASSPHRASE = 'cedar harbour 桜の道 quietly north';
const HISTORY = 'Wintergreen-7781 appendectomy, 2019';
const DAY = 24 * 60 * 60 * 1000;

test('a package built for an approved share opens in the partner’s opener with exactly the approved items', async ({
  browser,
  enrolled,
  organisation,
  stack,
}, testInfo) => {
  test.setTimeout(360_000);
  const suffix = Date.now();
  const seeder = await ConsentSeeder.create(stack, organisation, `Sora Seeder ${suffix}`);
  const notice = await publishNotice(organisation, { version: `d-${suffix}` });
  const cited = { id: notice.id, version: notice.version, language: 'en', sha256: notice.texts[0]!.sha256 };

  // The partner, on its own machine: the opener from its file makes the key pair.
  const partnerContext = await browser.newContext({ acceptDownloads: true });
  const o = await partnerContext.newPage();
  await o.goto(OPENER);
  await o.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await o.getByLabel('Passphrase again').fill(PASSPHRASE);
  const keyDownload = o.waitForEvent('download');
  await o.getByRole('button', { name: 'Create the key pair' }).click();
  const keyPath = testInfo.outputPath('partner-key.json');
  await (await keyDownload).saveAs(keyPath);
  const partnerFingerprint = (await o.locator('#created-fingerprint').textContent())!.trim();
  const publicKeyLine = await o.getByLabel('Public key to send to LUMINA').inputValue();

  const manager = await enrolled('manager', { name: `Mina Manager ${suffix}` });
  const conciergeName = `Kenji Concierge ${suffix}`;
  const concierge = await enrolled('concierge', { name: conciergeName });
  const dpo = await enrolled('admin', { name: `Dana DPO ${suffix}` });
  await manager.waitUntilOnline();
  await concierge.waitUntilOnline();

  // The manager records the partner with the line it sent; the fingerprint read by phone is the opener's.
  const m = manager.page;
  const mNav = m.getByRole('navigation', { name: 'Sections' });
  await mNav.getByRole('button', { name: 'Partners' }).click();
  await m.getByRole('button', { name: 'Add a partner' }).click();
  const partnerName = `Osaka Clinic ${suffix}`;
  await m.getByLabel('Name in English').fill(partnerName);
  await m.getByLabel('Name in Japanese').fill(`大阪クリニック ${suffix}`);
  await m.getByLabel('Kind').selectOption('clinic');
  await m.getByLabel('Country (ISO code, e.g. JP)').fill('JP');
  await m.getByLabel('City').fill('Osaka');
  await m.getByLabel('Confidentiality agreement signed on').fill('2026-01-01');
  await m.getByLabel('Agreement expires on').fill('2099-12-31');
  await m.getByLabel('Public key (paste what the partner sent)').fill(publicKeyLine);
  await m.getByRole('button', { name: 'Save the partner' }).click();
  const row = m.getByTestId('partner-row').filter({ hasText: partnerName });
  await expect(row.getByTestId('partner-fingerprint')).toHaveText(partnerFingerprint);
  await row.getByRole('button', { name: 'Mark as vetted' }).click();
  // Confirming needs "I compared the fingerprint" ticked first, as device approval does.
  await expect(row.getByRole('button', { name: 'Fingerprint confirmed by phone' })).toBeDisabled();
  await row.getByLabel(/every digit is identical/).check();
  await row.getByRole('button', { name: 'Fingerprint confirmed by phone' }).click();
  await expect(row.getByTestId('partner-key-state')).toContainText('Confirmed by phone');
  const partnerId = await confirmedPartnerId(stack, partnerName);

  // The concierge's client: medical and provision consents, a stay booked with the partner, the medical history.
  const clientName = `Haruka Delivery ${suffix}`;
  await concierge.addClient(clientName);
  const client = await storedClient(stack, clientName);
  await seeder.record({ clientId: client.id, action: 'given', purpose: 'medical-data', notice: cited });
  const provisionConsent = await seeder.record({
    clientId: client.id,
    action: 'given',
    purpose: 'provision',
    notice: cited,
    fields: { partnerId, statedPurpose: 'Admission paperwork' },
  });
  const tripTitle = `Osaka stay ${suffix}`;
  await seeder.push('trips', [
    {
      id: crypto.randomUUID(),
      clientId: client.id,
      assignedStaffIds: client.assigned,
      title: tripTitle,
      startDate: '2027-05-01',
      endDate: '2027-05-04',
      timeZone: 'Asia/Tokyo',
      items: [
        {
          id: crypto.randomUUID(),
          kind: 'hotel',
          start: '2027-05-02T15:00:00+09:00',
          end: '2027-05-03T10:00:00+09:00',
          title: 'Clinic guest room',
          partnerId,
        },
      ],
      createdAt: Date.now(),
      updatedAt: Date.now(),
    },
  ]);
  const c = concierge.page;
  await ClientRecordPage.open(concierge, clientName);
  await c.getByRole('tab', { name: 'Medical' }).click();
  await expect(async () => {
    await c.getByRole('button', { name: 'Write the medical section' }).click({ timeout: 2000 });
    await c.getByLabel('Medical history').fill(HISTORY, { timeout: 2000 });
  }).toPass({ timeout: 40_000 });
  await c.getByRole('button', { name: 'Save medical section' }).click();
  await expect(c.getByTestId('medical-notice')).toHaveText('Medical section saved.');

  // The concierge asks for the name and the medical history; a manager who did not ask approves.
  await c.getByRole('tab', { name: 'Sharing' }).click();
  const askForm = c.getByRole('form', { name: 'Ask to share data with a partner' });
  await expect(async () => {
    await askForm.getByLabel('Partner', { exact: true }).selectOption({ label: `${partnerName} (JP)` });
    await c.getByRole('checkbox', { name: 'Names' }).check();
    await c.getByRole('checkbox', { name: 'Medical history' }).check();
    await c.getByLabel('Purpose (no personal data)').fill('Admission paperwork');
    await c
      .getByLabel('Purpose under the client’s consent')
      .selectOption({ label: 'Arranging treatment and admission' });
    await c
      .getByLabel('Booked trip item it serves')
      .selectOption({ label: `${tripTitle}: Clinic guest room (2 May 2027)` }, { timeout: 2000 });
    await c.getByRole('button', { name: 'Ask for approval' }).click();
    await expect(askForm.getByRole('status')).toHaveText('The request is waiting for a manager.', {
      timeout: 2000,
    });
  }).toPass({ timeout: 40_000 });
  await mNav.getByRole('button', { name: /Shares/ }).click();
  await expect(async () => {
    await mNav.getByRole('button', { name: 'Clients' }).click();
    await mNav.getByRole('button', { name: /Shares/ }).click();
    await m
      .getByTestId('share-request')
      .filter({ hasText: partnerName })
      .getByRole('button', { name: 'Approve' })
      .click({ timeout: 2000 });
  }).toPass({ timeout: 40_000 });

  // The manager's device holds no grant for the client: it cannot build the package, and says why.
  const approvedByManager = m
    .getByTestId('share-request')
    .filter({ hasText: partnerName })
    .filter({ has: m.getByRole('button', { name: 'Build and save the package' }) })
    .first();
  await approvedByManager.getByRole('button', { name: 'Build and save the package' }).click();
  await expect(approvedByManager.getByRole('alert')).toHaveText(
    'This device cannot open the client’s medical information: a device with access builds the package (the requester’s, or ask for access).',
  );
  expect(
    await stack.db.query(
      "SELECT id FROM sync_documents WHERE collection = 'provisions' AND data->>'clientId' = $1",
      [client.id],
    ),
  ).toEqual([]);

  // The concierge's device builds and saves it.
  await c.getByRole('tab', { name: 'Medical' }).click();
  await c.getByRole('tab', { name: 'Sharing' }).click();
  const mine = c.getByTestId('share-request').filter({ hasText: partnerName });
  await expect(mine).toHaveAttribute('data-status', 'approved');
  await expectAccessible(c, 'An approved share with its package');
  const packageDownload = c.waitForEvent('download');
  await mine.getByRole('button', { name: 'Build and save the package' }).click();
  const packagePath = testInfo.outputPath('delivered.lumina-share');
  await (await packageDownload).saveAs(packagePath);
  await expect(mine.getByTestId('package-built')).toContainText('Its provision record is written.');
  await c.screenshot({ path: testInfo.outputPath('package-built-en.png'), fullPage: true });
  const bytes = new Uint8Array(await readFile(packagePath));
  const hash = createHash('sha256').update(bytes).digest('hex');

  // The partner opens it: exactly the approved items, from the concierge's device.
  const openPackage = async (path: string, name: string) => {
    await o.getByLabel('Package file').setInputFiles(path);
    await o.getByLabel('Your key file').setInputFiles(keyPath);
    await o.getByLabel('Passphrase of the key file').fill(PASSPHRASE);
    await o.getByRole('button', { name: 'Open the package' }).click();
    await o.screenshot({ path: testInfo.outputPath(`opener-${name}.png`), fullPage: true });
  };
  await openPackage(packagePath, 'delivered');
  const view = o.getByRole('article');
  await expect(view.getByText('Signature verified')).toBeVisible({ timeout: 60_000 });
  const rows = view.getByRole('table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveText(['Names', clientName, '—'].join(''));
  await expect(rows.nth(1)).toHaveText(['Medical history', HISTORY, 'Medical information'].join(''));
  await expect(view).toContainText(conciergeName);
  await expect(view).toContainText('Admission paperwork');
  await o.screenshot({ path: testInfo.outputPath('opener-delivered.png'), fullPage: true });

  // An altered copy, a copy whose header names another recipient, and the package after its expiry: refused.
  const altered = bytes.slice();
  altered[altered.length - 80]! ^= 0x01;
  const readdressed = bytes.slice();
  const recipientAt = Buffer.from(bytes).indexOf(Buffer.from(publicKeyBytes(publicKeyLine)));
  expect(recipientAt).toBeGreaterThan(0);
  readdressed[recipientAt]! ^= 0x01;
  for (const [name, copy, message] of [
    ['altered', altered, 'This package was altered after it was sealed'],
    ['readdressed', readdressed, 'This package'],
  ] as const) {
    const path = testInfo.outputPath(`${name}.lumina-share`);
    await writeFile(path, copy);
    await openPackage(path, name);
    await expect(o.getByRole('alert'), name).toContainText(message, { timeout: 60_000 });
    await expect(o.getByRole('article')).toBeHidden();
    await expect(o.locator('body')).not.toContainText(HISTORY);
  }
  await o.clock.install({ time: Date.now() + 8 * DAY });
  await openPackage(packagePath, 'expired');
  await expect(o.getByRole('alert')).toContainText('This package expired on', { timeout: 60_000 });
  await expect(o.locator('body')).not.toContainText(HISTORY);

  // The provision record, on the server, names the package and the file's hash.
  await expect
    .poll(async () =>
      (
        await stack.db.query<{ data: { packageHash?: string; kind: string } }>(
          "SELECT data FROM sync_documents WHERE collection = 'provisions' AND data->>'clientId' = $1",
          [client.id],
        )
      ).map((r) => `${r.data.kind}:${r.data.packageHash}`),
    )
    .toEqual([`provided:${hash}`]);
  await expect(mine.getByTestId('share-delivered')).toContainText(hash.slice(0, 16));

  // In the client's export, built by the DPO for a disclosure request.
  const d = dpo.page;
  await startVerifiedRequest(d, clientName, { type: 'provision-records' });
  await expect(async () => {
    await d.getByRole('button', { name: 'Build the export' }).click();
    await expect(d.getByTestId('export-built')).toContainText('Export built', { timeout: 2000 });
    const saving = d.waitForEvent('download', { timeout: 5000 });
    await d.getByRole('button', { name: 'Save the JSON file' }).click();
    const exported = JSON.parse(await readFile((await (await saving).path())!, 'utf8')) as ClientDataExport;
    expect(exported.provisionLedger.records.map((record) => record.packageHash)).toEqual([hash]);
  }).toPass({ timeout: 60_000 });

  // The client withdraws the consent: the delivered package joins the managers' list of packages to be destroyed.
  await seeder.record({
    clientId: client.id,
    action: 'withdrawn',
    purpose: 'provision',
    refersTo: provisionConsent.id,
    notice: cited,
    fields: { partnerId, statedPurpose: 'Admission paperwork' },
  });
  const toDestroy = m.getByTestId('to-destroy').filter({ hasText: clientName });
  await expect(async () => {
    await mNav.getByRole('button', { name: 'Clients' }).click();
    await mNav.getByRole('button', { name: /Shares/ }).click();
    await expect(toDestroy).toContainText(`package delivered to ${partnerName}`, { timeout: 2000 });
  }).toPass({ timeout: 40_000 });
  await expectAccessible(m, 'Packages to be destroyed');
  await m.screenshot({ path: testInfo.outputPath('to-destroy-en.png'), fullPage: true });
  await m.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(m.getByRole('heading', { name: '廃棄を依頼するパッケージ' })).toBeVisible();
  await expectAccessible(m, 'Packages to be destroyed (ja)');
  await m.screenshot({ path: testInfo.outputPath('to-destroy-ja.png'), fullPage: true });
  await m
    .getByLabel('言語', { exact: true })
    .selectOption('en')
    .catch(async () => m.getByLabel('Language', { exact: true }).selectOption('en'));
  await toDestroy.getByRole('button', { name: 'Record that the partner was told to destroy it' }).click();
  await expect(toDestroy).toHaveCount(0);
  await expect
    .poll(async () =>
      (
        await stack.db.query<{ data: { kind: string } }>(
          "SELECT data FROM sync_documents WHERE collection = 'provisions' AND data->>'clientId' = $1",
          [client.id],
        )
      )
        .map((r) => r.data.kind)
        .sort(),
    )
    .toEqual(['destroy-notified', 'provided']);
  await partnerContext.close();
});

/** The 32 key bytes of the opener's public-key line (`lumina-partner-1:` base64url of key and 4 check bytes). */
function publicKeyBytes(line: string): Uint8Array {
  const encoded = line.trim().slice('lumina-partner-1:'.length);
  return new Uint8Array(Buffer.from(encoded, 'base64url')).slice(0, 32);
}
