import { readFile } from 'node:fs/promises';
import { Ajv } from 'ajv';
import { clientExportJsonSchema } from '../../shared/domain/request-export-schema';
import type { ClientDataExport } from '../../shared/domain/request-export';
import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';
import { publishNotice, publishTestNotice } from '../support/notices';
import { ClientRecordPage } from '../support/pages/client-record-page';
import { chooseClient } from '../support/pages/clients-page';
import { ConsentsPage } from '../support/pages/consents-page';
import { startVerifiedRequest } from '../support/pages/requests-page';
import { TripsPage } from '../support/pages/trips-page';

const DAY_MS = 86_400_000;
const PROCEDURE = {
  kind: 'Procedure',
  title: 'Knee arthroscopy',
  location: 'Keio Orthopaedics',
  start: ['2026-04-03', '09:00', 'Asia/Tokyo'] as [string, string, string],
  end: ['2026-04-03', '12:00', 'Asia/Tokyo'] as [string, string, string],
};
const OFFLINE_REQUEST = /Failed to load resource: net::ERR_INTERNET_DISCONNECTED/;

test('a concierge logs a request offline; the DPO verifies, exports (JSON and report, EN and JA), answers; an open request becomes overdue', async ({
  enrolled,
  newDevice,
  pageErrors,
  stack,
}, testInfo) => {
  test.setTimeout(240_000);
  // The concierge's device is taken offline on purpose: its failed requests are expected, nothing else is.
  pageErrors.allowConsole(OFFLINE_REQUEST);
  const suffix = Date.now();
  const clientName = `Greta Request ${suffix}`;
  const otherName = `Olaf Overdue ${suffix}`;
  const concierge = await enrolled('concierge');
  // The DPO's device, in Tokyo, runs on a clock the test can move (the open request must pass its due date).
  const dpoPage = await newDevice({ timezoneId: 'Asia/Tokyo' });
  await dpoPage.clock.install();
  const dpo = await enrolled('admin', { page: dpoPage, name: `Dana DPO ${suffix}` });
  await concierge.waitUntilOnline();
  await dpo.waitUntilOnline();
  await concierge.addClient(clientName);
  await concierge.addClient(otherName);
  await expect(concierge.pendingChanges).toHaveText('All changes sent');

  // The concierge, at the hotel with no network, logs the client's disclosure request.
  const c = concierge.page;
  const cNav = c.getByRole('navigation', { name: 'Sections' });
  await c.context().setOffline(true);
  await cNav.getByRole('button', { name: 'Requests' }).click();
  await expect(c.getByRole('heading', { name: 'Requests from clients', level: 2 })).toBeVisible();
  for (const name of [clientName, otherName]) {
    await c.getByRole('button', { name: 'Log a request' }).click();
    await c.getByLabel('Client', { exact: true }).selectOption({ label: name });
    await c.getByLabel('What is asked', { exact: true }).selectOption('disclosure');
    await c.getByLabel('Received through', { exact: true }).selectOption('in-person');
    await c
      .getByLabel('What the requester said')
      .fill('Asked at the front desk for a copy of everything held.');
    if (name === clientName) await expectAccessible(c, 'Log a request form');
    await c.getByRole('button', { name: 'Log a request' }).click();
  }
  await expect(c.getByTestId('request-row')).toHaveCount(2);
  // At least the two requests, and maybe this device's access-log entries (its unlock, core/audit/unlocks.ts) if
  // they had not reached the server when the device went offline, as header-offline.spec saw in CI; what matters
  // here is that the offline requests are kept, then sent and received below.
  await expect(concierge.pendingChanges).toHaveText(/^[2-9] changes waiting to be sent$/);
  await c.screenshot({ path: testInfo.outputPath('requests-concierge-offline-en.png'), fullPage: true });
  // A concierge logs, never handles.
  await c.getByRole('button', { name: clientName }).click();
  await expect(c.getByText('Only the DPO and managers handle requests.')).toBeVisible();
  await expect(c.getByRole('button', { name: 'Record the check' })).toHaveCount(0);
  await c.context().setOffline(false);
  await expect(concierge.pendingChanges).toHaveText('All changes sent');
  await expect
    .poll(
      async () =>
        (await stack.db.query("SELECT id FROM sync_documents WHERE collection = 'requests'")).length,
    )
    .toBeGreaterThanOrEqual(2);

  // The DPO sees both on the register, due in 14 days, in their zone.
  const d = dpo.page;
  const dNav = d.getByRole('navigation', { name: 'Sections' });
  await dNav.getByRole('button', { name: 'Requests' }).click();
  const row = d.getByTestId('request-row').filter({ hasText: clientName });
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('data-state', 'open');
  await expect(d.getByTestId('requests-zone')).toHaveText('Times in Asia/Tokyo');
  await expectAccessible(d, 'Request register');
  await d.screenshot({ path: testInfo.outputPath('requests-register-en.png'), fullPage: true });

  // Identity verified in person; the export built on the DPO's device.
  await row.getByRole('button', { name: clientName }).click();
  await expect(d.getByTestId('request-status')).toHaveText('Received');
  await d.getByLabel('How', { exact: true }).selectOption('passport-in-person');
  await d.getByLabel('Outcome', { exact: true }).selectOption('verified');
  await d.getByRole('button', { name: 'Record the check' }).click();
  await expect(d.getByTestId('request-status')).toHaveText('Verifying identity');
  await d.getByRole('button', { name: 'Start work' }).click();
  await expect(d.getByTestId('request-status')).toHaveText('In progress');
  await d.getByRole('button', { name: 'Build the export' }).click();
  await expect(d.getByTestId('export-built')).toContainText('Export built');
  await expectAccessible(d, 'Request detail with the export built');

  // The JSON: saved as a download in the browser host, valid under its schema, with the server's records.
  const downloading = d.waitForEvent('download');
  await d.getByRole('button', { name: 'Save the JSON file' }).click();
  const download = await downloading;
  const exported = JSON.parse(await readFile((await download.path())!, 'utf8')) as ClientDataExport;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(clientExportJsonSchema);
  expect(validate(exported), JSON.stringify(validate.errors)).toBe(true);
  expect(exported.client.names.latin).toBe(clientName);
  expect(exported.requests.map((request) => request.type)).toEqual(['disclosure']);
  expect(exported.accessLog.some((entry) => entry.kind === 'client-data-exported')).toBe(true);
  expect(exported.medical.state).toBe('none');

  // The readable report, in English and in Japanese.
  await d.getByRole('button', { name: 'Show the readable report' }).click();
  const report = d.getByTestId('export-report');
  await expect(
    report.getByRole('heading', { name: 'Your personal data held by Lumina Concierge' }),
  ).toBeVisible();
  await expect(report).toContainText(clientName);
  await expectAccessible(d, 'Export report in English');
  // As printed (to PDF): the print style sheet shows the report alone.
  await d.emulateMedia({ media: 'print' });
  await d.screenshot({ path: testInfo.outputPath('export-report-en.png'), fullPage: true });
  await d.emulateMedia({ media: 'screen' });
  await d.keyboard.press('Escape');
  await d.getByLabel('Report language (the client’s by default)').selectOption('ja');
  await d.getByRole('button', { name: 'Show the readable report' }).click();
  await expect(
    report.getByRole('heading', { name: 'Lumina Conciergeが保有するあなたの個人データ' }),
  ).toBeVisible();
  await expectAccessible(d, 'Export report in Japanese');
  // As printed (to PDF): the print style sheet shows the report alone.
  await d.emulateMedia({ media: 'print' });
  await d.screenshot({ path: testInfo.outputPath('export-report-ja.png'), fullPage: true });
  await d.emulateMedia({ media: 'screen' });
  await d.keyboard.press('Escape');

  // Answered: it records the answer and the export made for it.
  await d.getByLabel('Decision', { exact: true }).selectOption('answer');
  await d.getByLabel('Sent by', { exact: true }).selectOption('secure-download');
  await d.getByLabel('What was answered (or why refused)').fill('Complete export sent as JSON and PDF.');
  await d.getByRole('button', { name: 'Record the decision' }).click();
  await expect(d.getByTestId('request-status')).toHaveText('Answered');
  await expect(d.getByText(/SHA-256 [0-9a-f]{16}/)).toBeVisible();
  await expect
    .poll(async () => {
      const rows = await stack.db.query<{ data: { status: string; exports?: unknown[] } }>(
        "SELECT data FROM sync_documents WHERE collection = 'requests' AND data->>'status' = 'answered'",
      );
      return rows.some((r) => (r.data.exports ?? []).length === 1);
    })
    .toBe(true);
  await d.getByRole('button', { name: 'Back to the register' }).click();

  // Fifteen days on: the open request is overdue, on the register and on Today; the answered one is not.
  await d.clock.setSystemTime(Date.now() + 15 * DAY_MS);
  await dNav.getByRole('button', { name: 'Today' }).click();
  const waiting = d.getByRole('list', { name: 'Waiting for you' });
  // Other specs of the worker's organisation leave disclosure requests open too, and Today's line does not name the
  // client yet (issue 16 review): this spec's request is checked by name on the register below.
  await expect(
    waiting
      .getByRole('listitem')
      .filter({ hasText: 'Client request (Disclosure of their data)' })
      .filter({ hasText: 'Overdue' })
      .first(),
  ).toBeVisible();
  await expectAccessible(d, 'Today with an overdue request');
  await d.screenshot({ path: testInfo.outputPath('today-overdue-request-en.png'), fullPage: true });
  await dNav.getByRole('button', { name: 'Requests' }).click();
  await expect(d.getByTestId('request-row').filter({ hasText: otherName })).toHaveAttribute(
    'data-state',
    'overdue',
  );
  await expect(d.getByTestId('request-row').filter({ hasText: clientName })).toHaveAttribute(
    'data-state',
    'closed',
  );
  await d.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(d.getByRole('heading', { name: '顧客からの請求', level: 2 })).toBeVisible();
  await expectAccessible(d, 'Request register in Japanese');
  await d.screenshot({ path: testInfo.outputPath('requests-register-ja.png'), fullPage: true });
});

const HISTORY = 'Quillwort-5520 knee arthroscopy, 2021';

test('the DPO’s export holds the medical section, opened with a grant to the DPO’s device, and its opening in the access log', async ({
  enrolled,
  organisation,
}) => {
  test.setTimeout(240_000);
  const suffix = Date.now();
  const clientName = `Mika Medical Export ${suffix}`;
  const dpoName = `Dora DPO ${suffix}`;
  await publishNotice(organisation, { version: `req-${suffix}` });
  const coordinator = await enrolled('coordinator');
  const dpo = await enrolled('admin', { name: dpoName });
  await coordinator.waitUntilOnline();
  await dpo.waitUntilOnline();

  // The coordinator records the medical-data consent, writes the section and grants the DPO's device.
  await coordinator.addClient(clientName);
  const c = coordinator.page;
  await chooseClient(c, clientName);
  await c.getByRole('tab', { name: 'Consents' }).click();
  await c.getByRole('button', { name: 'Record a consent' }).click();
  await c.getByLabel('Purpose', { exact: true }).selectOption('medical-data');
  await c.getByLabel('Privacy notice shown', { exact: true }).selectOption({ index: 1 });
  await c.getByLabel('How', { exact: true }).selectOption('signed-paper');
  await c.getByRole('button', { name: 'Record', exact: true }).click();
  await c.getByRole('tab', { name: 'Medical' }).click();
  await c.getByRole('button', { name: 'Write the medical section' }).click();
  await c.getByLabel('Medical history').fill(HISTORY);
  await c.getByRole('button', { name: 'Save medical section' }).click();
  await c.getByRole('button', { name: `Grant access to ${dpoName}` }).click();
  await expect(c.getByText(`Access granted to ${dpoName}.`)).toBeVisible();
  // A procedure on the client's trip: its details sealed under the same key (issue 16 review, F1).
  const trips = new TripsPage(c);
  await trips.open();
  await trips.createTrip({
    title: 'Knee week',
    firstDay: '2026-04-01',
    lastDay: '2026-04-08',
    timeZone: 'Asia/Tokyo',
  });
  await trips.addItem(PROCEDURE);

  // The DPO's device has the grant once the wrap arrives.
  const d = dpo.page;
  await chooseClient(d, clientName);
  await d.getByRole('tab', { name: 'Medical' }).click();
  await expect(d.getByRole('button', { name: 'Show medical section' })).toBeVisible({ timeout: 30_000 });
  const dpoTrips = new TripsPage(d);
  await dpoTrips.open();
  await d.getByRole('button', { name: 'Knee week', exact: true }).click({ timeout: 30_000 });
  await expect(dpoTrips.itemRow(PROCEDURE.title)).toContainText(PROCEDURE.location!, { timeout: 30_000 });

  // The DPO logs the request received by email, verifies, builds and saves the export.
  const dNav = d.getByRole('navigation', { name: 'Sections' });
  await dNav.getByRole('button', { name: 'Requests' }).click();
  await d.getByRole('button', { name: 'Log a request' }).click();
  await d.getByLabel('Client', { exact: true }).selectOption({ label: clientName });
  await d.getByLabel('Received through', { exact: true }).selectOption('email');
  await d.getByRole('button', { name: 'Log a request' }).click();
  await d
    .getByTestId('request-row')
    .filter({ hasText: clientName })
    .getByRole('button', { name: clientName })
    .click();
  await d.getByRole('button', { name: 'Record the check' }).click();
  await d.getByRole('button', { name: 'Build the export' }).click();
  await expect(d.getByTestId('export-built')).toContainText('Export built');
  const downloading = d.waitForEvent('download');
  await d.getByRole('button', { name: 'Save the JSON file' }).click();
  const exported = JSON.parse(
    await readFile((await (await downloading).path())!, 'utf8'),
  ) as ClientDataExport;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(clientExportJsonSchema);
  expect(validate(exported), JSON.stringify(validate.errors)).toBe(true);
  expect(exported.medical).toMatchObject({ state: 'open', content: { history: HISTORY } });
  expect(exported.trips.flatMap((trip) => trip.items)).toEqual([
    expect.objectContaining({
      kind: 'procedure',
      sealedDetails: expect.any(String),
      openedDetails: { title: PROCEDURE.title, location: PROCEDURE.location },
    }),
  ]);
  expect(exported.consents.map((entry) => [entry.record.purpose, entry.validity])).toEqual([
    ['medical-data', 'valid'],
  ]);
  expect(
    exported.accessLog.some(
      (entry) => entry.kind === 'medical-unsealed' && entry.staffId === exported.exportedBy.staffId,
    ),
  ).toBe(true);
  await d.getByRole('button', { name: 'Show the readable report' }).click();
  await expect(d.getByTestId('report-medical')).toContainText(HISTORY);
  await expect(d.getByTestId('export-report')).toContainText(PROCEDURE.title);
  await expect(d.getByTestId('export-report')).toContainText(PROCEDURE.location!);
  await expect(d.getByTestId('export-report')).not.toContainText('not opened on the exporting device');
  // Read by the client: words, not codes; people, not device ids.
  const report = d.getByTestId('export-report');
  await expect(report.getByRole('region', { name: 'Your consents' })).toContainText('Medical data: Given on');
  await expect(report.getByRole('region', { name: 'Who can open your medical information' })).toContainText(
    dpoName,
  );
  await expect(report).not.toContainText('medical-data');
});

test('carried out from the register: an export refused before the check, a withdrawal with its reason, a cessation of use (EN and JA)', async ({
  enrolled,
  organisation,
}, testInfo) => {
  test.setTimeout(240_000);
  const notice = await publishTestNotice(organisation);
  const suffix = Date.now();
  const clientName = `Cora Cessation ${suffix}`;
  const coordinator = await enrolled('coordinator');
  const manager = await enrolled('manager');
  const dpo = await enrolled('admin');
  await Promise.all([coordinator, manager, dpo].map((device) => device.waitUntilOnline()));

  // The coordinator records the client's marketing consent.
  await coordinator.addClient(clientName);
  await ClientRecordPage.open(coordinator, clientName);
  await coordinator.page.getByRole('tab', { name: 'Consents' }).click();
  const consents = new ConsentsPage(coordinator.page);
  await consents.record({ purpose: 'Marketing', notice });
  await expect(consents.state('Marketing')).toHaveAttribute('data-state', 'in-force');

  // The DPO: two disclosure requests of the client, logged before anyone checked who asked.
  const d = dpo.page;
  await expect(await dpo.find(clientName)).toBeVisible({ timeout: 30_000 });
  await d.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Requests' }).click();
  for (const channel of ['email', 'phone']) {
    await d.getByRole('button', { name: 'Log a request' }).click();
    await d.getByLabel('Client', { exact: true }).selectOption({ label: clientName });
    await d.getByLabel('Received through', { exact: true }).selectOption(channel);
    await d.getByRole('button', { name: 'Log a request' }).click();
  }
  const rows = d.getByTestId('request-row').filter({ hasText: clientName });
  await expect(rows).toHaveCount(2);

  // In English: the export is refused before the requester's identity is verified; the requester withdraws.
  await rows.first().getByRole('button', { name: clientName }).click();
  await d.getByRole('button', { name: 'Build the export' }).click();
  await expect(d.getByRole('alert')).toHaveText(
    'Verify the requester’s identity first: nothing is exported before.',
  );
  await expect(d.getByTestId('export-built')).toHaveCount(0);
  await expectAccessible(d, 'Export refused before the identity check');
  await d.screenshot({ path: testInfo.outputPath('request-export-refused-en.png'), fullPage: true });
  await d.getByLabel('How the requester withdrew it').selectOption('email');
  await d.getByLabel('Why the requester withdrew it').fill('Found the copy they were sent last year.');
  await d.getByRole('button', { name: 'The requester withdrew it' }).click();
  await expect(d.getByTestId('request-status')).toHaveText('Withdrawn');
  await expect(d.getByText('Found the copy they were sent last year.')).toBeVisible();
  await expectAccessible(d, 'Request withdrawn with its reason');
  await d.screenshot({ path: testInfo.outputPath('request-withdrawn-en.png'), fullPage: true });
  await d.getByRole('button', { name: 'Back to the register' }).click();

  // In Japanese: the same on the other request.
  await d.getByLabel('Language', { exact: true }).selectOption('ja');
  await rows.filter({ hasText: '受付済み' }).getByRole('button', { name: clientName }).click();
  await d.getByRole('button', { name: 'エクスポートを作成' }).click();
  await expect(d.getByRole('alert')).toHaveText(
    '先に請求者の本人確認をしてください。確認前は何もエクスポートしません。',
  );
  await expectAccessible(d, 'Export refused before the identity check, in Japanese');
  await d.screenshot({ path: testInfo.outputPath('request-export-refused-ja.png'), fullPage: true });
  await d.getByLabel('請求者が取り下げた方法').selectOption('phone');
  await d.getByLabel('請求者が取り下げた理由').fill('別の窓口で回答を受け取った。');
  await d.getByRole('button', { name: '請求者が取り下げた' }).click();
  await expect(d.getByTestId('request-status')).toHaveText('取下げ');
  await expect(d.getByText('別の窓口で回答を受け取った。')).toBeVisible();
  await expectAccessible(d, 'Request withdrawn with its reason, in Japanese');
  await d.screenshot({ path: testInfo.outputPath('request-withdrawn-ja.png'), fullPage: true });

  // A manager carries out a cessation of use: the marketing consent withdrawn from the register, then the answer.
  const m = manager.page;
  await expect(await manager.find(clientName)).toBeVisible({ timeout: 30_000 });
  await startVerifiedRequest(m, clientName, { type: 'cessation-of-use', rowText: 'Cessation of use' });
  await expect(m.getByTestId('request-needs-evidence')).toHaveText('Answer once the action above is done.');
  const action = m.getByTestId('request-action');
  await action.getByRole('checkbox', { name: 'Marketing' }).check();
  await action.getByRole('button', { name: 'Stop the use (withdraw the consents)' }).click();
  await expect(action.getByRole('status')).toContainText('(1 consent withdrawn)');
  await expect(m.getByTestId('request-needs-evidence')).toHaveCount(0);
  await expectAccessible(m, 'Cessation of use carried out');
  await m.getByLabel('Decision', { exact: true }).selectOption('answer');
  await m.getByLabel('Sent by', { exact: true }).selectOption('email');
  await m.getByLabel('What was answered (or why refused)').fill('Marketing stopped; consent withdrawn.');
  await m.getByRole('button', { name: 'Record the decision' }).click();
  await expect(m.getByTestId('request-status')).toHaveText('Answered');
  await expect(m.getByTestId('request-action-done')).toContainText('(1 consent withdrawn)');
  await m.screenshot({ path: testInfo.outputPath('request-cessation-en.png'), fullPage: true });
  // The withdrawal is in the client's consent ledger, on the coordinator's device too.
  await expect(consents.state('Marketing')).toHaveAttribute('data-state', 'withdrawn', { timeout: 30_000 });
  await m.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(m.getByTestId('request-status')).toHaveText('回答済み');
  await expect(m.getByTestId('request-action-done')).toContainText('利用を停止しました');
  await expectAccessible(m, 'Cessation of use carried out, in Japanese');
  await m.screenshot({ path: testInfo.outputPath('request-cessation-ja.png'), fullPage: true });
});
