// Over 400 lines: one walk through a whole itinerary per role, in both languages; splitting it would repeat its set-up.
import type { Locator, Page } from '@playwright/test';
import type { Role } from '../../shared/index';
import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';
import type { ClientsPage } from '../support/pages/clients-page';
import { ClientRecordPage } from '../support/pages/client-record-page';
import { publishTestNotice } from '../support/notices';
import {
  setOrgContact,
  TEST_ORG_CONTACT,
  TEST_ORG_EMERGENCY_SHOWN,
  TEST_ORG_PHONE_SHOWN,
} from '../support/org-contact';
import { recordMedicalConsent, TripsPage, type ItemInput } from '../support/pages/trips-page';

// Each test drives a whole itinerary through the UI, some on two devices: more than the default minute on a busy
// shared machine. A limit on how long a test may run, not an assertion about speed.
test.describe.configure({ timeout: 240_000 });

/** The trip every role builds: London to Tokyo, with an appointment before arrival and one over a therapy. */
const FLIGHT: ItemInput = {
  kind: 'Flight',
  title: 'LHR to HND',
  // 19:00 in London (BST, +01:00) is 03:00 on 2 April in Tokyo; it lands at 16:00 Tokyo time, 08:00 in London.
  start: ['2026-04-01', '19:00', 'Europe/London'],
  end: ['2026-04-02', '16:00', 'Asia/Tokyo'],
  cost: ['1250.50', 'GBP'],
};
const EARLY_APPOINTMENT: ItemInput = {
  kind: 'Medical appointment',
  title: 'Pre-travel cardiology review',
  start: ['2026-04-01', '10:00', 'Europe/London'],
  end: ['2026-04-01', '11:00', 'Europe/London'],
  location: 'Harley Street Clinic',
};
const HOTEL: ItemInput = {
  kind: 'Hotel',
  title: 'Hotel Okura Tokyo',
  start: ['2026-04-02', '17:00', 'Asia/Tokyo'],
  end: ['2026-04-06', '11:00', 'Asia/Tokyo'],
  cost: ['180000', 'JPY'],
};
const CONSULTATION: ItemInput = {
  kind: 'Medical appointment',
  title: 'Cardiology consultation',
  start: ['2026-04-03', '10:00', 'Asia/Tokyo'],
  end: ['2026-04-03', '11:30', 'Asia/Tokyo'],
  location: 'St Luke’s International Hospital',
  notes: 'Fasting from midnight',
};
const THERAPY: ItemInput = {
  kind: 'Wellness therapy',
  title: 'Shiatsu massage',
  start: ['2026-04-03', '11:00', 'Asia/Tokyo'],
  end: ['2026-04-03', '12:00', 'Asia/Tokyo'],
};
const TRANSFER: ItemInput = {
  kind: 'Transfer',
  title: 'Car to Hakone',
  // 07:00–08:30 in Tokyo is 23:00 on 3 April to 00:30 on 4 April in London.
  start: ['2026-04-04', '07:00', 'Asia/Tokyo'],
  end: ['2026-04-04', '08:30', 'Asia/Tokyo'],
};

/** Opens the itinerary of `clientName` from the clients list. */
async function openItinerary(clients: ClientsPage, clientName: string): Promise<TripsPage> {
  await ClientRecordPage.open(clients, clientName);
  const trips = new TripsPage(clients.page);
  await trips.open();
  return trips;
}

for (const role of ['coordinator', 'concierge'] as const satisfies readonly Role[]) {
  test(`a ${role} builds a London–Tokyo itinerary: flags, both time zones, printable without medical details, in English and Japanese`, async ({
    enrolled,
    organisation,
  }, testInfo) => {
    const clients = await enrolled(role, { context: { viewport: { width: 1280, height: 900 } } });
    const { page } = clients;
    const shot = (name: string, target: Page | Locator = page) =>
      target.screenshot({
        path: testInfo.outputPath(`${role}-${name}.png`),
        ...(target === page && { fullPage: true }),
      });

    const clientName = `Hiroshi Tanaka ${role} ${Date.now()}`;
    // The organisation's contact, as its admin saved it (settings.spec saves it through the screen).
    await setOrgContact(organisation);
    await clients.addClient(clientName);
    // Medical items (their details sealed with the client's key) need the medical-data consent first.
    await recordMedicalConsent(page, clientName, await publishTestNotice(organisation));
    const trips = new TripsPage(page);
    await trips.open();
    const { itemForm } = trips;
    const itemRow = (title: string) => trips.itemRow(title);
    const timelineDay = (timeline: Locator, date: string) => trips.timelineDay(timeline, date);
    const entry = (day: Locator, title: string) => trips.entry(day, title);
    await expect(page.getByText('No trips yet.')).toBeVisible();

    // The trip form refuses what it cannot store, next to each field, and stores nothing.
    // Zones are picked by city from every zone the runtime knows; what names no zone is refused.
    await trips.fillTrip({ timeZone: 'Atlantis', firstDay: '2026-04-08', lastDay: '2026-04-01' });
    const { tripForm } = trips;
    await tripForm.getByRole('button', { name: 'Create trip' }).click();
    // Each date field shows its day spelt out, whatever the browser's locale.
    await expect(tripForm.getByLabel('First day')).toHaveValue('Wed, 8 Apr 2026');
    await expect(tripForm.getByLabel('Last day')).toHaveValue('Wed, 1 Apr 2026');
    await expect(tripForm.getByLabel('Trip title')).toHaveAccessibleDescription('Fill this in.');
    await expect(tripForm.getByLabel('Last day')).toHaveAccessibleDescription('The end is before the start.');
    await expect(tripForm.getByLabel('Client’s time zone')).toHaveAccessibleDescription(
      /Pick a time zone from the list: type a city/,
    );
    await expect(tripForm.locator('datalist option[value="London (Europe/London)"]')).toHaveCount(1);
    await expect(tripForm.locator('datalist option[value="Tokyo (Asia/Tokyo)"]')).toHaveCount(1);
    await expectAccessible(page, 'new trip form with errors');
    await shot('trip-form-errors', tripForm);
    await expect(page.getByRole('list', { name: 'Trips' })).toHaveCount(0);

    await trips.createTrip({
      title: 'Spring check-up in Tokyo',
      firstDay: '2026-04-01',
      lastDay: '2026-04-08',
      timeZone: 'London (Europe/London)',
    });
    await expect(page.getByText('Dates are days in London.')).toBeVisible();
    await expect(page.locator('.trip-view > p').first()).toContainText('1 Apr 2026 – 8 Apr 2026');

    // An item ending before it starts is refused with the reason beside the end time; nothing is added.
    await page.getByRole('button', { name: 'Add item' }).click();
    await itemForm.getByLabel('Title').fill('Backwards transfer');
    await itemForm.getByLabel('Start time', { exact: true }).fill('10:00');
    await itemForm.getByLabel('End time', { exact: true }).fill('09:00');
    await itemForm.getByLabel('Cost').fill('12.5');
    await itemForm.getByLabel('Currency').fill('JPY');
    await itemForm.getByRole('button', { name: 'Save item' }).click();
    await expect(itemForm.getByLabel('End time', { exact: true })).toHaveAccessibleDescription(
      'The end is before the start.',
    );
    await expect(itemForm.getByLabel('Cost')).toHaveAccessibleDescription(
      /This currency does not have that many decimals\./,
    );
    await shot('item-form-errors', itemForm);
    await itemForm.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByText('No items yet.')).toBeVisible();

    for (const item of [FLIGHT, EARLY_APPOINTMENT, HOTEL, CONSULTATION, THERAPY, TRANSFER]) {
      await trips.addItem(item);
    }

    // Editing shows each end in the zone it was entered in; removing takes the item out.
    await trips.addItem({
      kind: 'Free time',
      title: 'Afternoon in Ginza',
      start: ['2026-04-05', '14:00', 'Asia/Tokyo'],
      end: ['2026-04-05', '17:00', 'Asia/Tokyo'],
    });
    await page.getByRole('button', { name: 'Edit Afternoon in Ginza' }).click();
    const editForm = page.getByRole('form', { name: 'Item' });
    await expect(editForm.getByLabel('Start time', { exact: true })).toHaveValue('14:00');
    await expect(editForm.getByLabel('Start time zone')).toHaveValue('Tokyo (Asia/Tokyo)');
    await expectAccessible(page, 'item form');
    await expect(editForm.getByLabel('Kind')).toHaveValue('free-time');
    await editForm.getByLabel('Title').fill('Afternoon in Asakusa');
    await editForm.getByRole('button', { name: 'Save item' }).click();
    await expect(itemRow('Afternoon in Asakusa')).toContainText('5 Apr 2026, 14:00 (Tokyo)');
    await expect(itemRow('Afternoon in Ginza')).toHaveCount(0);
    await page.getByRole('button', { name: 'Remove Afternoon in Asakusa' }).click();
    await expect(itemRow('Afternoon in Asakusa')).toHaveCount(0);

    // Times read back in the zone each end was entered in; amounts in their currency.
    await expect(itemRow(FLIGHT.title)).toContainText('1 Apr 2026, 19:00 (London)');
    await expect(itemRow(FLIGHT.title)).toContainText('2 Apr 2026, 16:00 (Tokyo)');
    await expect(itemRow(FLIGHT.title).getByTestId('item-cost')).toHaveText('£1,250.50');
    await expect(itemRow(HOTEL.title).getByTestId('item-cost')).toHaveText('JP¥180,000');

    // The flags, on the items themselves.
    await expect(itemRow(EARLY_APPOINTMENT.title).getByRole('note')).toHaveText(
      '⚠ Before the arrival flight lands',
    );
    await expect(itemRow(CONSULTATION.title).getByRole('note')).toHaveText(`⚠ Overlaps ${THERAPY.title}`);
    await expect(itemRow(THERAPY.title).getByRole('note')).toHaveText(`⚠ Overlaps ${CONSULTATION.title}`);
    await expect(itemRow(HOTEL.title).getByRole('note')).toHaveCount(0);
    await expect(itemRow(FLIGHT.title).getByRole('note')).toHaveCount(0);
    await shot('editor-en');

    // Each item at the time where it happens, the client's home time (London) beside it; Japan's time for the office.
    await expect(itemRow(CONSULTATION.title)).toContainText('3 Apr 2026, 10:00 (Tokyo)');
    await expect(itemRow(CONSULTATION.title).getByTestId('item-home-time')).toHaveText(
      'Client’s time (London): 3 Apr 2026, 02:00 → 3 Apr 2026, 03:30',
    );
    await expect(itemRow(EARLY_APPOINTMENT.title).getByTestId('item-home-time')).toHaveCount(0);
    const local = trips.localTimeline();
    const tokyo = trips.timeline('Asia/Tokyo');
    await expect(timelineDay(local, '2026-04-01').getByRole('heading')).toHaveText('Wednesday, 1 April 2026');
    const flightLine = entry(timelineDay(local, '2026-04-01'), FLIGHT.title);
    await expect(flightLine).toContainText('19:00–16:00 (+1)');
    await expect(flightLine).toContainText('(London → Tokyo)');
    await expect(entry(timelineDay(local, '2026-04-02'), FLIGHT.title)).toHaveCount(0);
    const consultationLine = entry(timelineDay(local, '2026-04-03'), CONSULTATION.title);
    await expect(consultationLine.locator('.timeline-time')).toHaveText('10:00–11:30');
    await expect(consultationLine).toContainText('client’s time 02:00–03:30 (London)');
    await expect(entry(timelineDay(local, '2026-04-04'), TRANSFER.title)).toContainText(
      'client’s time 23:00 (−1)–00:30 (London)',
    );
    await expect(entry(timelineDay(local, '2026-04-03'), TRANSFER.title)).toHaveCount(0);
    // A stay of four nights is one band: check-in → check-out on its first day, "Staying" between, check-out last.
    await expect(entry(timelineDay(local, '2026-04-02'), HOTEL.title).locator('.timeline-time')).toHaveText(
      'Check-in 2 Apr 17:00 → check-out 6 Apr 11:00',
    );
    for (const date of ['2026-04-03', '2026-04-04', '2026-04-05']) {
      await expect(entry(timelineDay(local, date), HOTEL.title)).toHaveCount(1);
      await expect(entry(timelineDay(local, date), HOTEL.title).locator('.timeline-time')).toHaveText(
        'Staying',
      );
    }
    await expect(entry(timelineDay(local, '2026-04-06'), HOTEL.title).locator('.timeline-time')).toHaveText(
      'Check-out 11:00',
    );
    await expect(entry(timelineDay(tokyo, '2026-04-04'), HOTEL.title).locator('.timeline-time')).toHaveText(
      'Staying',
    );
    for (const timeline of [local, tokyo]) {
      await expect(timeline).not.toContainText('24:00');
      await expect(timeline).not.toContainText('continue');
    }
    await expect(entry(timelineDay(tokyo, '2026-04-01'), EARLY_APPOINTMENT.title)).toContainText(
      '18:00–19:00',
    );
    await expect(entry(timelineDay(tokyo, '2026-04-01'), FLIGHT.title)).toHaveCount(0);
    await expect(entry(timelineDay(tokyo, '2026-04-02'), FLIGHT.title)).toContainText('03:00–16:00');
    await expect(entry(timelineDay(tokyo, '2026-04-03'), TRANSFER.title)).toHaveCount(0);
    await expect(entry(timelineDay(tokyo, '2026-04-04'), TRANSFER.title)).toContainText('07:00–08:30');
    await expect(entry(timelineDay(tokyo, '2026-04-03'), CONSULTATION.title)).toContainText('10:00–11:30');
    // ...and flagged there too.
    await expect(entry(timelineDay(tokyo, '2026-04-03'), CONSULTATION.title).getByRole('note')).toHaveText(
      `⚠ Overlaps ${THERAPY.title}`,
    );
    await expect(
      entry(timelineDay(local, '2026-04-01'), EARLY_APPOINTMENT.title).getByRole('note'),
    ).toHaveText('⚠ Before the arrival flight lands');
    await expectAccessible(page, 'trip editor and timelines');
    await shot('timeline-local-en', local);
    await shot('timeline-tokyo-en', tokyo);

    // The printable itinerary: medical items reduced to "Medical appointment" and the time, unless asked.
    await page.getByRole('button', { name: 'Printable itinerary' }).click();
    const dialog = page.getByRole('dialog', { name: 'Printable itinerary' });
    const printed = dialog.getByTestId('printed-itinerary');
    await expect(printed).toContainText(`Itinerary for ${clientName}`);
    await expect(printed).toContainText(HOTEL.title);
    // Local time first, the client's time beside it; the stay as one band.
    const printedDay = (date: string) => printed.locator(`section.print-day[data-date="${date}"]`);
    await expect(printedDay('2026-04-03').getByRole('row').filter({ hasText: '10:00–11:30' })).toContainText(
      '02:00–03:30 (London)',
    );
    await expect(printedDay('2026-04-02')).toContainText('Check-in 2 Apr 17:00 → check-out 6 Apr 11:00');
    await expect(printedDay('2026-04-05')).toContainText('Staying');
    await expect(printed).not.toContainText('24:00');
    // LUMINA's contact and emergency number, from the organisation's settings, grouped for dialling.
    const printContact = printed.getByTestId('print-contact');
    await expect(printContact).toHaveText(
      new RegExp(
        `LUMINA contact\\s*\\${TEST_ORG_PHONE_SHOWN}\\s*E-mail\\s*${TEST_ORG_CONTACT.email}\\s*` +
          `Office\\s*${TEST_ORG_CONTACT.address.en}\\s*Emergency number \\(24 hours\\)\\s*\\${TEST_ORG_EMERGENCY_SHOWN}`,
      ),
    );
    await expectAccessible(page, 'printable itinerary');
    // The client's language, chosen at print time: the page changes, the controls stay in the UI's language.
    const printLanguage = dialog.getByLabel('Language of the itinerary');
    await expect(printLanguage).toHaveValue('en');
    await printLanguage.selectOption({ label: '日本語' });
    await expect(printed).toContainText(`${clientName} 様の旅程`);
    await expect(printedDay('2026-04-02')).toContainText(
      'チェックイン 4月2日 17:00 → チェックアウト 4月6日 11:00',
    );
    // The office's address in the print's language; the labels too.
    await expect(printContact).toContainText(`事務所${TEST_ORG_CONTACT.address.ja}`);
    await expect(printContact).toContainText(`緊急連絡先（24時間）${TEST_ORG_EMERGENCY_SHOWN}`);
    await expect(printed.getByRole('cell', { name: '診察予約', exact: true })).toHaveCount(3);
    await expect(dialog.getByRole('button', { name: 'Print' })).toBeVisible();
    await expectAccessible(page, 'printable itinerary in Japanese from the English UI');
    await shot('print-chosen-ja-from-en');
    await printLanguage.selectOption('en');
    await expect(printed).toContainText(`Itinerary for ${clientName}`);
    // The two appointments and the therapy: every medical kind.
    await expect(printed.getByRole('cell', { name: 'Medical appointment', exact: true })).toHaveCount(3);
    for (const secret of [
      CONSULTATION.title,
      CONSULTATION.location!,
      CONSULTATION.notes!,
      EARLY_APPOINTMENT.title,
      THERAPY.title,
    ]) {
      await expect(printed).not.toContainText(secret);
    }
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('#root')).toBeHidden();
    await expect(dialog.getByRole('button', { name: 'Print' })).toBeHidden();
    await shot('print-without-medical-en');
    await page.pdf({ path: testInfo.outputPath(`${role}-itinerary-without-medical-en.pdf`) });
    await page.emulateMedia({ media: 'screen' });

    await dialog.getByLabel('Include medical details').check();
    await expect(printed).toContainText(CONSULTATION.title);
    await expect(printed).toContainText(CONSULTATION.location!);
    await expect(printed).toContainText(CONSULTATION.notes!);
    await expect(printed).toContainText(EARLY_APPOINTMENT.title);
    await page.emulateMedia({ media: 'print' });
    await shot('print-with-medical-en');
    await page.emulateMedia({ media: 'screen' });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toHaveCount(0);

    // Japanese: the same trip, dates and amounts formatted for ja.
    await page.getByLabel('Language', { exact: true }).selectOption('ja');
    await expect(page.getByRole('button', { name: '項目を追加' })).toBeVisible();
    await expect(itemRow(HOTEL.title).getByTestId('item-cost')).toHaveText('￥180,000');
    await expect(itemRow(FLIGHT.title).getByTestId('item-cost')).toHaveText('£1,250.50');
    await expect(itemRow(FLIGHT.title)).toContainText('2026年4月1日 19:00（ロンドン）');
    // The trip's days in the one style of calendar dates (date fields, the profile, the timeline's days).
    await expect(page.locator('.trip-view > p').first()).toContainText('2026年4月1日～2026年4月8日');
    // Zones by the city picked, not by their IANA names.
    await expect(page.getByText('日付は ロンドン の日付です。')).toBeVisible();
    await expect(page.locator('.trip-view')).not.toContainText('Europe/London の日付');
    await expect(itemRow(EARLY_APPOINTMENT.title).getByRole('note')).toHaveText('⚠ 到着便の着陸前');
    const localJa = page.getByRole('region', { name: '現地時刻のタイムライン' });
    const tokyoJa = page.getByRole('region', { name: 'Asia/Tokyo のタイムライン' });
    await expect(timelineDay(localJa, '2026-04-01').getByRole('heading')).toHaveText('2026年4月1日水曜日');
    await expect(entry(timelineDay(localJa, '2026-04-02'), HOTEL.title).locator('.timeline-time')).toHaveText(
      'チェックイン 4月2日 17:00 → チェックアウト 4月6日 11:00',
    );
    await expect(entry(timelineDay(localJa, '2026-04-03'), HOTEL.title).locator('.timeline-time')).toHaveText(
      '滞在中',
    );
    await expect(timelineDay(tokyoJa, '2026-04-02').getByRole('heading')).toHaveText('2026年4月2日木曜日');
    await expect(page.getByTestId('trip-totals')).toHaveText('費用：£1,250.50 · ￥180,000');
    await page.getByRole('button', { name: '旅行を編集' }).click();
    await expect(page.getByLabel('顧客のタイムゾーン')).toHaveValue('ロンドン (Europe/London)');
    await expect(page.locator('#trip-zone-options option[value="東京 (Asia/Tokyo)"]')).toHaveCount(1);
    await expectAccessible(page, 'trip form in Japanese');
    await shot('trip-form-ja', page.getByRole('form', { name: '旅行を編集' }));
    await page.getByRole('button', { name: 'キャンセル' }).click();
    await expectAccessible(page, 'trip editor in Japanese');
    await shot('editor-ja');
    await shot('timeline-local-ja', localJa);
    await shot('timeline-tokyo-ja', tokyoJa);

    await page.getByRole('button', { name: '印刷用の旅程' }).click();
    const dialogJa = page.getByRole('dialog', { name: '印刷用の旅程' });
    await expect(dialogJa.getByTestId('printed-itinerary')).toContainText(`${clientName} 様の旅程`);
    await expect(dialogJa.getByRole('cell', { name: '診察予約', exact: true })).toHaveCount(3);
    await expect(dialogJa.getByTestId('printed-itinerary')).not.toContainText(CONSULTATION.title);
    await expect(dialogJa.getByLabel('旅程の言語')).toHaveValue('ja');
    await expectAccessible(page, 'printable itinerary, Japanese UI');
    await page.emulateMedia({ media: 'print' });
    await shot('print-without-medical-ja');
    await page.emulateMedia({ media: 'screen' });
    await dialogJa.getByLabel('医療の詳細を含める').check();
    await expect(dialogJa.getByTestId('printed-itinerary')).toContainText(CONSULTATION.title);
    await page.emulateMedia({ media: 'print' });
    await shot('print-with-medical-ja');

    // The server took every change (its schema validates the costs and entry zones too).
    await expect(clients.pendingChanges).toHaveText('すべての変更を送信済み');
  });
}

test('an admin reads a client’s itinerary but cannot create or change trips', async ({ enrolled }) => {
  const coordinator = await enrolled('coordinator');
  const admin = await enrolled('admin');
  const clientName = `Yuki Mori ${Date.now()}`;
  await coordinator.addClient(clientName);
  const trips = await openItinerary(coordinator, clientName);
  await trips.createTrip({
    title: 'Hakone retreat',
    firstDay: '2026-05-10',
    lastDay: '2026-05-14',
    timeZone: 'Asia/Tokyo',
  });
  // A hotel: a therapy's details would be sealed from the admin, who holds no key (trips-medical.spec.ts).
  await trips.addItem({
    ...HOTEL,
    start: ['2026-05-10', '15:00', 'Asia/Tokyo'],
    end: ['2026-05-14', '11:00', 'Asia/Tokyo'],
  });
  await expect(coordinator.pendingChanges).toHaveText('All changes sent');

  const adminTrips = await openItinerary(admin, clientName);
  await expect(admin.page.getByText('You can read these trips but not change them.')).toBeVisible();
  await expect(admin.page.getByRole('button', { name: 'New trip' })).toHaveCount(0);
  await admin.page.getByRole('button', { name: 'Hakone retreat' }).click();
  await expect(adminTrips.itemRow(HOTEL.title)).toBeVisible();
  await expect(admin.page.getByRole('button', { name: 'Add item' })).toHaveCount(0);
  await expect(admin.page.getByRole('button', { name: 'Edit trip' })).toHaveCount(0);
  await expect(admin.page.getByRole('button', { name: `Edit ${HOTEL.title}` })).toHaveCount(0);
  await expect(admin.page.getByRole('button', { name: `Remove ${HOTEL.title}` })).toHaveCount(0);
  // Reading is not writing: the admin can still print it.
  await expect(admin.page.getByRole('button', { name: 'Printable itinerary' })).toBeVisible();
});

test('a trip made on one device reaches a second device through the server', async ({ enrolled }) => {
  const office = await enrolled('coordinator');
  const remote = await enrolled('manager');
  await office.waitUntilOnline();
  await remote.waitUntilOnline();
  const clientName = `Emma Clarke ${Date.now()}`;
  await office.addClient(clientName);
  const trips = await openItinerary(office, clientName);
  await trips.createTrip({
    title: 'Autumn wellness week',
    firstDay: '2026-10-20',
    lastDay: '2026-10-27',
    timeZone: 'Europe/London',
  });
  await trips.addItem({
    ...HOTEL,
    start: ['2026-10-21', '15:00', 'Asia/Tokyo'],
    end: ['2026-10-26', '11:00', 'Asia/Tokyo'],
  });
  await expect(office.pendingChanges).toHaveText('All changes sent');

  const remoteTrips = await openItinerary(remote, clientName);
  await remote.page.getByRole('button', { name: 'Autumn wellness week' }).click();
  await expect(remoteTrips.itemRow(HOTEL.title)).toContainText('21 Oct 2026, 15:00 (Tokyo)');
  await expect(remoteTrips.itemRow(HOTEL.title).getByTestId('item-cost')).toHaveText('JP¥180,000');
});
