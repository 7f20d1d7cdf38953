import { expect, test } from '../support/fixtures';
import { startVerifiedRequest } from '../support/pages/requests-page';
import { expectAccessible } from '../support/axe';
import { dumpIndexedDb } from '../support/indexeddb';
import { publishNotice } from '../support/notices';
import { OFFLINE_REQUEST } from '../support/page-errors';
import { ClientRecordPage } from '../support/pages/client-record-page';
import { MedicalPage } from '../support/pages/medical-page';
import type { Database } from '../../server/db/database';
import { ErasureStore } from '../../server/erasure/erasure-store';
import { LegalHoldStore } from '../../server/retention/legal-hold-store';
import { ChangeStore } from '../../server/sync/change-store';
import { DAY_MS } from '../../shared/domain/erasure';

/** The tables of the server's database whose rows' text holds `needle`. */
async function tablesHolding(db: Database, needle: string): Promise<string[]> {
  const tables = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const found: string[] = [];
  for (const { table_name } of tables) {
    const rows = await db.query(`SELECT 1 FROM "${table_name}" t WHERE t::text ILIKE $1 LIMIT 1`, [
      `%${needle}%`,
    ]);
    if (rows.length > 0) found.push(table_name);
  }
  return found;
}

const idOf = async (db: Database, name: string) =>
  (
    await db.query<{ id: string }>(
      "SELECT id FROM sync_documents WHERE collection = 'clients' AND data->'names'->>'latin' = $1",
      [name],
    )
  )[0]!.id;

test('a client erased on one device while another is offline is gone from both, from the server, and certified', async ({
  enrolled,
  organisation,
  pageErrors,
  stack,
}, testInfo) => {
  test.setTimeout(240_000);
  pageErrors.allowConsole(OFFLINE_REQUEST);
  // The offline rename of the erased client, refused when the device is back (403 client-erased), and parked.
  pageErrors.allowConsole(/status of 403/);
  const suffix = Date.now();
  const name = `Quillon Erasewell ${suffix}`;
  const passport = `QE${String(suffix).slice(-7)}`;
  const phrase = `Xylocarpine-${suffix} cardiac history`;
  const notice = `e1-${suffix}`;
  await publishNotice(organisation, { version: notice, effectiveAt: Date.now() - 60_000 });
  const coordinator = await enrolled('coordinator', { name: `Cora Coordinator ${suffix}` });
  const dpo = await enrolled('admin', { name: `Dana DPO ${suffix}` });
  await coordinator.waitUntilOnline();
  await dpo.waitUntilOnline();

  // The coordinator's client: a passport and a medical section; and another client, who stays.
  const other = `Ottilie Staywell ${suffix}`;
  await coordinator.addClient(other);
  await expect(await coordinator.find(other)).toBeVisible();
  await coordinator.addClient(name);
  const record = await ClientRecordPage.open(coordinator, name);
  const passportSection = record.section('Passport');
  await passportSection.getByLabel('Passport number').fill(passport);
  await passportSection.getByLabel('Issuing country').selectOption('GB');
  await passportSection.getByLabel('Expiry date').fill('2031-05-01');
  await record.save(passportSection);
  const medical = new MedicalPage(coordinator.page);
  await coordinator.page.getByRole('tab', { name: 'Medical' }).click();
  await medical.recordConsent(notice, 'Signed paper form');
  await coordinator.page.getByRole('button', { name: 'Write the medical section' }).click();
  await coordinator.page.getByLabel('Medical history').fill(phrase);
  await medical.saveSection();
  await expect(medical.notice).toHaveText('Medical section saved.');
  await expect(coordinator.pendingChanges).toHaveText('All changes sent');
  const clientId = await idOf(stack.db, name);
  await expect(await dpo.find(name)).toBeVisible();
  await record.backToList();

  // The coordinator's device goes offline, where the client is renamed; the DPO erases the client.
  await coordinator.page.context().setOffline(true);
  const renamed = `Quillon Offlinewell ${suffix}`;
  await coordinator.renameClient(name, renamed);
  // The client's erasure request, received by e-mail and carried out from the register.
  const d = dpo.page;
  await startVerifiedRequest(d, name, { type: 'erasure' });
  await d.getByRole('button', { name: 'Erase this client…' }).click();
  const dialog = d.getByRole('dialog', { name: `Erase ${name} everywhere` });
  await expect(dialog).toContainText('every key to the medical section is destroyed');
  // The request it answers is its reference (on the certificate).
  await expect(dialog.getByLabel('Reference (request id or matter, no personal data)')).toHaveValue(
    /^[0-9a-f-]{36}$/,
  );
  await dialog.getByLabel('Type the client’s name to confirm').fill('Someone else');
  await dialog.getByRole('button', { name: 'Schedule erasure' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Type the name exactly as shown.');
  await expectAccessible(dpo.page, 'the erase dialog');
  await dpo.page.screenshot({ path: testInfo.outputPath('erase-dialog-en.png'), fullPage: true });
  await dialog.getByLabel('Type the client’s name to confirm').fill(name);
  await dialog.getByRole('button', { name: 'Schedule erasure' }).click();
  await expect(d.getByRole('status').filter({ hasText: 'The erasure is scheduled' })).toBeVisible();
  // Hidden at once on the DPO's device, during the grace period.
  await d.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Clients' }).click();
  await expect(d.getByRole('heading', { name: 'Clients', level: 2 })).toBeVisible();
  await expect(await dpo.find(name)).toHaveCount(0);
  // Nor named in the request register, nor offered when logging a request (its erasure request stays listed).
  await d
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: /Requests/ })
    .click();
  await expect(d.getByRole('heading', { name: 'Requests from clients', level: 2 })).toBeVisible();
  await expect(d.getByRole('main').getByText(name)).toHaveCount(0);
  await d.getByRole('button', { name: 'Log a request' }).click();
  await expect(d.getByLabel('Client', { exact: true }).locator('option', { hasText: name })).toHaveCount(0);
  await expect(d.getByLabel('Client', { exact: true }).locator('option', { hasText: other })).toHaveCount(1);
  await d.getByRole('button', { name: 'Cancel' }).click();
  // Nor named in the access log, where the coordinator's reads of the record are listed (by id only now).
  await d.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Access log' }).click();
  await expect(d.getByRole('heading', { name: 'Access log', level: 2 })).toBeVisible();
  await expect(d.getByRole('main').getByText(clientId.slice(0, 8)).first()).toBeVisible();
  await expect(d.getByRole('main').getByText(name)).toHaveCount(0);

  // The grace period ends: the server's retention job runs (its clock 31 days on).
  const job = new ErasureStore(stack.db, new ChangeStore(stack.db));
  expect((await job.run(Date.now() + 31 * DAY_MS)).executed).toHaveLength(1);
  for (const needle of [name, passport, phrase])
    expect(await tablesHolding(stack.db, needle), needle).toEqual([]);
  const confirmations = () =>
    stack.db.query<{ device_id: string }>(
      `SELECT c.device_id FROM erasure_confirmations c JOIN erasures e ON e.id = c.erasure_id WHERE e.client_id = $1`,
      [clientId],
    );
  await expect.poll(async () => (await confirmations()).length, { timeout: 60_000 }).toBe(1);

  // The coordinator's device comes back: the client leaves its list, its search and its disk.
  await coordinator.page.context().setOffline(false);
  await expect.poll(async () => (await confirmations()).length, { timeout: 60_000 }).toBe(2);
  await expect(await coordinator.find(name)).toHaveCount(0);
  // Its offline rename was refused and parked, then forgotten with the rest of the client: nothing waits, nothing
  // is shown as refused, and the server never took it.
  await expect(await coordinator.find(renamed)).toHaveCount(0);
  await expect(coordinator.page.getByTestId('parked-notice')).toHaveCount(0);
  await expect(coordinator.pendingChanges).toHaveText('All changes sent');
  expect(await tablesHolding(stack.db, renamed)).toEqual([]);
  await coordinator.search(name.split(' ')[1]!);
  await expect(coordinator.client(name)).toHaveCount(0);
  await coordinator.search(other.split(' ')[1]!);
  await expect(coordinator.client(other)).toBeVisible();
  // No row of any collection names the client, nor any of the replication's bookkeeping (RxDB's meta instance: the
  // last state the server sent, kept per document id), which the purge removes with the documents.
  const dumps = await dumpIndexedDb(coordinator.page);
  const naming = dumps
    .flatMap((d) => (d.rows as Array<Record<string, unknown>>).map((row) => ({ db: d.database, row })))
    .filter(({ row }) => JSON.stringify(row).includes(clientId));
  expect(naming).toEqual([]);

  // The certificate, by client id, lists both devices.
  await dpo.page.getByRole('navigation').getByRole('button', { name: 'Erasures' }).click();
  const table = dpo.page.getByTestId('erasures');
  const row = table.getByRole('row').filter({ hasText: clientId });
  await expect(row).toContainText('erased');
  await row.getByRole('button', { name: 'Certificate' }).click();
  const certificate = dpo.page.getByTestId('certificate');
  await expect(certificate.getByTestId('certificate-devices').getByRole('listitem')).toHaveCount(2);
  await expect(certificate).toContainText('the recovery key’s copy destroyed: yes');
  await expectAccessible(dpo.page, 'the erasure certificate');
  await dpo.page.screenshot({ path: testInfo.outputPath('erasure-certificate-en.png'), fullPage: true });
});

test('a legal hold stops erasure on the device, saying why and who placed it, and on the server', async ({
  enrolled,
  stack,
}, testInfo) => {
  const suffix = Date.now();
  const name = `Hollis Heldfast ${suffix}`;
  const dpoName = `Dana Holder ${suffix}`;
  const coordinator = await enrolled('coordinator');
  const dpo = await enrolled('admin', { name: dpoName });
  await coordinator.addClient(name);
  await expect(await dpo.find(name)).toBeVisible();
  const clientId = await idOf(stack.db, name);
  const [admin] = await stack.db.query<{ id: string }>('SELECT id FROM staff WHERE display_name = $1', [
    dpoName,
  ]);
  await new LegalHoldStore(stack.db).apply(admin!.id, { clientId, reason: `Matter ${suffix}` }, Date.now());

  await ClientRecordPage.open(dpo, name);
  await dpo.page.getByRole('button', { name: 'Erase this client…' }).click();
  const held = dpo.page.getByTestId('erase-held');
  await expect(held).toContainText(`“Matter ${suffix}”, placed by ${dpoName}`);
  await expect(dpo.page.getByRole('button', { name: 'Schedule erasure' })).toBeDisabled();
  await expectAccessible(dpo.page, 'the erase dialog under a legal hold');
  await dpo.page.screenshot({ path: testInfo.outputPath('erase-held-en.png'), fullPage: true });

  // The same in Japanese.
  await dpo.page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('ja');
  await expect(held).toContainText('訴訟ホールド');
  await dpo.page.screenshot({ path: testInfo.outputPath('erase-held-ja.png'), fullPage: true });
  expect(await stack.db.query('SELECT 1 FROM erasures WHERE client_id = $1', [clientId])).toEqual([]);

  // A client whose erasure was scheduled before a hold: the due list shows it waiting, with the hold.
  const later = `Lorcan Laterheld ${suffix}`;
  await coordinator.addClient(later);
  await expect
    .poll(
      async () =>
        (await stack.db.query('SELECT 1 FROM sync_documents WHERE data::text LIKE $1', [`%${later}%`]))
          .length,
    )
    .toBe(1);
  const laterId = await idOf(stack.db, later);
  await new ErasureStore(stack.db, new ChangeStore(stack.db)).schedule(
    admin!.id,
    { clientId: laterId, basis: 'decision' },
    Date.now(),
  );
  await new LegalHoldStore(stack.db).apply(
    admin!.id,
    { clientId: laterId, reason: `Audit ${suffix}` },
    Date.now(),
  );
  await dpo.page.getByRole('navigation').getByRole('button', { name: '消去' }).click();
  const row = dpo.page.getByTestId('erasures').getByRole('row').filter({ hasText: laterId });
  await expect(row.getByTestId('erasure-hold')).toContainText(`「Audit ${suffix}」`);
  await expectAccessible(dpo.page, 'the due list in Japanese');
  await dpo.page.screenshot({ path: testInfo.outputPath('due-list-ja.png'), fullPage: true });

  // The anonymised statistics (point 6), in Japanese: few clients here, so every cell under five is withheld.
  await dpo.page.getByRole('navigation').getByRole('button', { name: '統計' }).click();
  await expect(dpo.page.getByRole('heading', { name: '匿名化統計' })).toBeVisible();
  await expect(dpo.page.getByTestId('statistics-nationality')).not.toContainText(later);
  await expectAccessible(dpo.page, 'the anonymised statistics in Japanese');
  await dpo.page.screenshot({ path: testInfo.outputPath('statistics-ja.png'), fullPage: true });
});
