import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { dumpIndexedDb } from '../support/indexeddb';
import { publishTestNotice } from '../support/notices';
import { recordMedicalConsent, TripsPage, type ItemInput } from '../support/pages/trips-page';
import { chooseClient } from '../support/pages/clients-page';

// Two devices, a consent, a trip, printing in two languages: more than the default minute on a busy shared
// machine. A limit on how long the test may run, not an assertion about speed.
test.describe.configure({ timeout: 240_000 });

// Distinctive enough that finding them anywhere can only mean the plaintext leaked.
const PROCEDURE: ItemInput = {
  kind: 'Procedure',
  title: 'Xylocarpa-5521 knee arthroscopy',
  start: ['2026-04-03', '09:00', 'Asia/Tokyo'],
  end: ['2026-04-03', '12:00', 'Asia/Tokyo'],
  location: 'Quillfeather-8830 Orthopaedic Clinic',
  notes: 'Vortigern-1194 fasting from midnight',
};
const SECRETS = [
  PROCEDURE.title,
  PROCEDURE.location!,
  PROCEDURE.notes!,
  'Xylocarpa',
  'Quillfeather',
  'Vortigern',
];
const HOTEL: ItemInput = {
  kind: 'Hotel',
  title: 'Hotel Okura Tokyo',
  start: ['2026-04-02', '17:00', 'Asia/Tokyo'],
  end: ['2026-04-06', '11:00', 'Asia/Tokyo'],
};

/** Every body of a sync pull the page receives (the event stream is left out: it never ends). */
function recordPulls(page: Page): { bodies: string[]; settled(): Promise<void> } {
  const bodies: string[] = [];
  const reading: Promise<void>[] = [];
  page.on('response', (response) => {
    if (!/\/sync\/[A-Za-z]+\/(pull|push)/.test(response.url())) return;
    reading.push(
      response.text().then(
        (body) => void bodies.push(body),
        () => undefined,
      ),
    );
  });
  return { bodies, settled: async () => void (await Promise.all(reading)) };
}

/** Every request body a page sends to the sync routes (its pushes). */
function recordPushes(page: Page): string[] {
  const bodies: string[] = [];
  page.on('request', (request) => {
    if (/\/sync\/[A-Za-z]+\/push/.test(request.url())) bodies.push(request.postData() ?? '');
  });
  return bodies;
}

test('a coordinator with the key adds a procedure: a concierge without a grant sees its time and "details sealed"; print shows details only to the key holder who asks; none of them in clear in IndexedDB, on the wire or in the server database', async ({
  enrolled,
  newDevice,
  organisation,
  stack,
}, testInfo) => {
  const suffix = Date.now();
  const clientName = `Kenji Sealed ${suffix}`;
  const coordinator = await enrolled('coordinator', { context: { viewport: { width: 1280, height: 900 } } });
  const conciergePage = await newDevice();
  const conciergeTraffic = recordPulls(conciergePage);
  const coordinatorPushes = recordPushes(coordinator.page);
  const concierge = await enrolled('concierge', { page: conciergePage });
  await coordinator.waitUntilOnline();
  await concierge.waitUntilOnline();
  const shot = (page: Page, name: string, target: Page | Locator = page) =>
    target.screenshot({
      path: testInfo.outputPath(`${name}.png`),
      ...(target === page && { fullPage: true }),
    });

  // The concierge's client (assigned to them), with the medical-data consent; the coordinator writes the trip.
  await concierge.addClient(clientName);
  await expect(await coordinator.find(clientName)).toBeVisible();
  const c = coordinator.page;
  await recordMedicalConsent(c, clientName, await publishTestNotice(organisation));
  const trips = new TripsPage(c);
  await trips.open();
  await trips.createTrip({
    title: 'Knee week in Tokyo',
    firstDay: '2026-04-01',
    lastDay: '2026-04-08',
    timeZone: 'Asia/Tokyo',
  });
  await trips.addItem(HOTEL);
  await c.getByRole('button', { name: 'Add item' }).click();
  await trips.itemForm.getByLabel('Kind').selectOption({ label: 'Procedure' });
  await expect(trips.itemForm.getByTestId('item-medical-hint')).toContainText(
    'sealed with the client’s medical key',
  );
  await trips.itemForm.getByRole('button', { name: 'Cancel' }).click();
  await trips.addItem(PROCEDURE);
  // The coordinator made the client's key: they read the details.
  await expect(trips.itemRow(PROCEDURE.title)).toContainText(PROCEDURE.location!);
  await expect(trips.itemRow(PROCEDURE.title)).toContainText(PROCEDURE.notes!);
  await expect(trips.itemRow(PROCEDURE.title)).toContainText('3 Apr 2026, 09:00 (Tokyo)');
  await shot(c, 'coordinator-trip-en');

  // Print: without the medical details unless the key holder ticks the box.
  await c.getByRole('button', { name: 'Printable itinerary' }).click();
  const dialog = c.getByRole('dialog', { name: 'Printable itinerary' });
  const printed = dialog.getByTestId('printed-itinerary');
  await expect(printed).toContainText(HOTEL.title);
  await expect(printed.getByRole('cell', { name: 'Medical appointment', exact: true })).toHaveCount(1);
  for (const secret of SECRETS) await expect(printed).not.toContainText(secret);
  await c.emulateMedia({ media: 'print' });
  await shot(c, 'coordinator-print-without-medical-en');
  await c.emulateMedia({ media: 'screen' });
  await dialog.getByLabel('Include medical details').check();
  await expect(printed).toContainText(PROCEDURE.title);
  await expect(printed).toContainText(PROCEDURE.location!);
  await expect(printed).toContainText(PROCEDURE.notes!);
  await c.emulateMedia({ media: 'print' });
  await shot(c, 'coordinator-print-with-medical-en');
  await c.emulateMedia({ media: 'screen' });
  // Printing with the details is logged (issue 18) before the print dialog opens (stubbed here).
  await c.evaluate(() => (window.print = () => undefined));
  await dialog.getByRole('button', { name: 'Print', exact: true }).click();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(coordinator.pendingChanges).toHaveText('All changes sent');
  const logged = async (kind: string) =>
    (
      await stack.db.query(
        "SELECT id FROM sync_documents WHERE collection = 'auditEvents' AND data->>'kind' = $1",
        [kind],
      )
    ).length;
  await expect.poll(() => logged('printed-medical')).toBe(1);
  expect(await logged('trip-medical-opened')).toBeGreaterThan(0);

  // The server's database: the trip is there, its procedure sealed.
  const rows = await stack.db.query<{ data: unknown }>(
    "SELECT data FROM sync_documents WHERE collection = 'trips' AND data->>'title' = $1",
    ['Knee week in Tokyo'],
  );
  expect(rows).toHaveLength(1);
  const serverText = JSON.stringify(rows);
  expect(serverText).toContain('sealedDetails');
  expect(serverText).toContain(HOTEL.title);
  const everything = JSON.stringify(await stack.db.query('SELECT data FROM sync_documents', []));
  for (const secret of SECRETS) {
    expect(serverText).not.toContain(secret);
    expect(everything).not.toContain(secret);
  }
  // What the coordinator's device sent: sealed only.
  expect(coordinatorPushes.length).toBeGreaterThan(0);
  for (const secret of SECRETS) expect(coordinatorPushes.join('\n')).not.toContain(secret);

  // The concierge, without a grant: the time, the kind and "details sealed"; no way to edit it.
  const k = concierge.page;
  await chooseClient(k, clientName);
  const conciergeTrips = new TripsPage(k);
  await conciergeTrips.open();
  await k.getByRole('button', { name: 'Knee week in Tokyo' }).click();
  const sealedRow = conciergeTrips.itemRow('details sealed');
  await expect(sealedRow).toContainText('Procedure');
  await expect(sealedRow).toContainText('3 Apr 2026, 09:00 (Tokyo)');
  await expect(sealedRow.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await expect(
    k.getByText('only staff with access to this client’s medical section read them'),
  ).toBeVisible();
  await expect(conciergeTrips.itemRow(HOTEL.title)).toBeVisible();
  // The trip's zone is Japan's: both timelines are drawn in Asia/Tokyo.
  const tokyo = conciergeTrips.timeline('Asia/Tokyo').first();
  await expect(
    conciergeTrips.entry(conciergeTrips.timelineDay(tokyo, '2026-04-03'), 'details sealed'),
  ).toContainText('09:00–12:00');
  for (const secret of SECRETS) await expect(k.locator('body')).not.toContainText(secret);
  await shot(k, 'concierge-trip-sealed-en');

  // Their print: no "include medical details" to tick, and the procedure as "Medical appointment".
  await k.getByRole('button', { name: 'Printable itinerary' }).click();
  const conciergeDialog = k.getByRole('dialog', { name: 'Printable itinerary' });
  await expect(conciergeDialog.getByLabel('Include medical details')).toHaveCount(0);
  await expect(conciergeDialog.getByText('Medical details are sealed')).toBeVisible();
  await expect(conciergeDialog.getByRole('cell', { name: 'Medical appointment', exact: true })).toHaveCount(
    1,
  );
  for (const secret of SECRETS) await expect(conciergeDialog).not.toContainText(secret);
  await shot(k, 'concierge-print-en');
  await conciergeDialog.getByRole('button', { name: 'Close' }).click();

  // Japanese.
  await k.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(conciergeTrips.itemRow('詳細は封印されています')).toContainText('処置');
  await shot(k, 'concierge-trip-sealed-ja');
  await k.getByRole('button', { name: '印刷用の旅程' }).click();
  const dialogJa = k.getByRole('dialog', { name: '印刷用の旅程' });
  await expect(dialogJa.getByRole('cell', { name: '診察予約', exact: true })).toHaveCount(1);
  await expect(dialogJa.getByLabel('医療の詳細を含める')).toHaveCount(0);
  await shot(k, 'concierge-print-ja');
  await dialogJa.getByRole('button', { name: '閉じる' }).click();
  await c.getByLabel('Language', { exact: true }).selectOption('ja');
  await c.getByRole('button', { name: '印刷用の旅程' }).click();
  const coordinatorJa = c.getByRole('dialog', { name: '印刷用の旅程' });
  await coordinatorJa.getByLabel('医療の詳細を含める').check();
  await expect(coordinatorJa.getByTestId('printed-itinerary')).toContainText(PROCEDURE.title);
  await shot(c, 'coordinator-print-with-medical-ja');

  // At rest on both devices, and on the concierge's wire: nothing of the procedure in clear.
  await conciergeTraffic.settled();
  expect(conciergeTraffic.bodies.join('\n')).toContain('sealedDetails');
  for (const secret of SECRETS) expect(conciergeTraffic.bodies.join('\n')).not.toContain(secret);
  for (const page of [c, k]) {
    const dumps = await dumpIndexedDb(page);
    const tripRows = dumps.filter((d) => d.database.includes('--trips') && d.store === 'docs');
    expect(tripRows.flatMap((d) => d.rows).length).toBeGreaterThan(0);
    const raw = JSON.stringify(dumps);
    for (const secret of SECRETS) expect(raw).not.toContain(secret);
  }
});

test('a concierge without the key cannot add medical details to a client whose key exists; the trip is unchanged', async ({
  enrolled,
  newDevice,
  organisation,
}) => {
  const clientName = `Mika Refused ${Date.now()}`;
  const coordinator = await enrolled('coordinator');
  const concierge = await enrolled('concierge', { page: await newDevice() });
  await coordinator.waitUntilOnline();
  await concierge.waitUntilOnline();
  await concierge.addClient(clientName);
  await expect(await coordinator.find(clientName)).toBeVisible();
  await recordMedicalConsent(coordinator.page, clientName, await publishTestNotice(organisation));
  const trips = new TripsPage(coordinator.page);
  await trips.open();
  await trips.createTrip({
    title: 'Refused week',
    firstDay: '2026-04-01',
    lastDay: '2026-04-08',
    timeZone: 'Asia/Tokyo',
  });
  await trips.addItem(PROCEDURE);
  await expect(coordinator.pendingChanges).toHaveText('All changes sent');

  const k = concierge.page;
  await chooseClient(k, clientName);
  const conciergeTrips = new TripsPage(k);
  await conciergeTrips.open();
  await k.getByRole('button', { name: 'Refused week' }).click();
  await expect(conciergeTrips.itemRow('details sealed')).toBeVisible();
  await k.getByRole('button', { name: 'Add item' }).click();
  const form = conciergeTrips.itemForm;
  await form.getByLabel('Kind').selectOption({ label: 'Medical appointment' });
  await form.getByLabel('Title').fill('Follow-up');
  await form.getByLabel('Start time', { exact: true }).fill('10:00');
  await form.getByLabel('End time', { exact: true }).fill('11:00');
  await form.getByRole('button', { name: 'Save item' }).click();
  await expect(k.getByRole('alert')).toContainText(
    'Only staff with access to this client’s medical section can write medical details',
  );
  await expect(conciergeTrips.itemRow('Follow-up')).toHaveCount(0);
});
