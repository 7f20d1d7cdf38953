import { randomUUID } from 'node:crypto';
import { addDays, calendarDateIn } from '../../shared/domain/dates';
import { zonedParts } from '../../shared/domain/itinerary-checks';
import type { Client, Trip, TripItem } from '../../shared/index';
import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';
import { seedDocuments } from '../support/server/seed';

const TOKYO = 'Asia/Tokyo';

/** A client assigned to `staffId`, as the server would hold it. */
function client(staffId: string, latin: string, passportExpiry?: string): Client {
  const now = Date.now();
  return {
    id: randomUUID(),
    names: { latin },
    status: 'active',
    ...(passportExpiry
      ? { passport: { number: 'P1234567', country: 'GB', expiryDate: passportExpiry } }
      : {}),
    assignedStaffIds: [staffId],
    createdAt: now,
    updatedAt: now,
  };
}

function trip(owner: Client, timeZone: string, startDate: string, endDate: string, items: TripItem[]): Trip {
  const now = Date.now();
  return {
    id: randomUUID(),
    clientId: owner.id,
    assignedStaffIds: owner.assignedStaffIds,
    title: `${owner.names.latin}'s stay`,
    startDate,
    endDate,
    timeZone,
    items,
    createdAt: now,
    updatedAt: now,
  };
}

const item = (
  kind: TripItem['kind'],
  title: string,
  start: string,
  end: string,
  more: Partial<TripItem> = {},
) => ({
  id: randomUUID(),
  kind,
  title,
  start,
  end,
  ...more,
});

test('Today shows a concierge the day of their clients across two zones, in Tokyo time, offline too', async ({
  enrolled,
  newDevice,
  stack,
}, testInfo) => {
  const name = `Schedule concierge ${Date.now()}`;
  const page = await newDevice();
  const concierge = await enrolled('concierge', { page, name });
  const staffRows = await stack.db.query<{ id: string }>('SELECT id FROM staff WHERE display_name = $1', [
    name,
  ]);
  const staffId = staffRows[0]!.id;
  // Today in Tokyo, as the device counts it (a run crossing Tokyo's midnight would see the day move on).
  const today = calendarDateIn(Date.now(), TOKYO);
  const tomorrow = addDays(today, 1);
  const at = (date: string, time: string, offset = '+09:00') => `${date}T${time}:00${offset}`;

  const emma = client(staffId, 'Emma Clarke', addDays(today, 20));
  const lucas = client(staffId, 'Lucas Moreau');
  const mei = client(staffId, 'Mei Lin');
  const colleague = client(randomUUID(), 'Not Mine');
  await seedDocuments(stack.db, 'clients', [emma, lucas, mei]);
  await seedDocuments(stack.db, 'trips', [
    // Emma flies in from London today; her transfer has no partner yet, and her passport ends mid-trip.
    trip(emma, 'Europe/London', addDays(today, -1), addDays(today, 30), [
      item('flight', 'BA5 LHR–HND', at(addDays(today, -1), '19:00', '+00:00'), at(today, '15:00'), {
        startTimeZone: 'Europe/London',
        endTimeZone: TOKYO,
      }),
      item('transfer', 'Haneda to Aman Tokyo', at(today, '16:00'), at(today, '17:00')),
    ]),
    // Lucas, at home in Paris time, checks out tomorrow morning and flies home.
    trip(lucas, 'Europe/Paris', addDays(today, -3), tomorrow, [
      item('hotel', 'Park Hyatt Tokyo', at(addDays(today, -3), '15:00'), at(tomorrow, '11:00'), {
        partnerId: randomUUID(),
      }),
      item('flight', 'AF273 NRT–CDG', at(tomorrow, '13:00'), at(tomorrow, '18:30', '+01:00'), {
        startTimeZone: TOKYO,
        endTimeZone: 'Europe/Paris',
      }),
    ]),
    // Mei lives in Tokyo: no second clock beside hers.
    trip(mei, TOKYO, today, addDays(today, 2), [
      item('transfer', 'Car to Hakone', at(today, '09:30'), at(today, '11:30'), { partnerId: randomUUID() }),
    ]),
  ]);
  await seedDocuments(stack.db, 'clients', [colleague]);

  // Seeded rows are announced to no stream: the device pulls them when it next opens.
  await concierge.lock();
  await concierge.unlock();
  await concierge.waitUntilOnline();
  await expect(await concierge.find('Mei Lin')).toBeVisible();
  await expect(await concierge.find('Not Mine')).toHaveCount(0);
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('button', { name: 'Today' }).click();
  const todayList = page.getByRole('list', { name: /^Today, / });
  const tomorrowList = page.getByRole('list', { name: /^Tomorrow, / });
  const rows = (list: typeof todayList) => list.locator(':scope > li');
  // Once the trips have arrived, the network goes: the day is read from what the device holds.
  await expect(rows(todayList)).toHaveCount(4);
  await page.context().setOffline(true);
  await expect(concierge.syncStatus).toContainText('Offline');
  await nav.getByRole('button', { name: 'Clients' }).click();
  await nav.getByRole('button', { name: 'Today' }).click();
  await expect(rows(todayList)).toHaveCount(4);
  // Emma's flight left London at 19:00 yesterday (early today in Tokyo) and lands at 15:00.
  // The clients' clocks, whatever the season's daylight saving.
  const there = (dateTime: string, zone: string) => zonedParts(Date.parse(dateTime), zone).time;
  await expect(rows(todayList).nth(0)).toContainText(
    `${there(at(addDays(today, -1), '19:00', '+00:00'), TOKYO)} (${there(at(addDays(today, -1), '19:00', '+00:00'), 'Europe/London')} in London)`,
  );
  await expect(rows(todayList).nth(0)).toContainText('Emma Clarke · Flight departs · BA5 LHR–HND');
  await expect(rows(todayList).nth(0)).toContainText('Passport expires before the trip ends');
  await expect(rows(todayList).nth(1)).toContainText('09:30');
  await expect(rows(todayList).nth(1)).toContainText('Mei Lin · Transfer · Car to Hakone');
  await expect(rows(todayList).nth(1)).not.toContainText(/\(\d\d:\d\d in /);
  await expect(rows(todayList).nth(2)).toContainText(
    `15:00 (${there(at(today, '15:00'), 'Europe/London')} in London)`,
  );
  await expect(rows(todayList).nth(2)).toContainText('Emma Clarke · Flight lands');
  await expect(rows(todayList).nth(3)).toContainText('16:00');
  await expect(rows(todayList).nth(3)).toContainText('Emma Clarke · Transfer · Haneda to Aman Tokyo');
  await expect(rows(todayList).nth(3)).toContainText('No partner confirmed');
  await expect(rows(tomorrowList)).toHaveCount(2);
  await expect(rows(tomorrowList).nth(0)).toContainText(
    `11:00 (${there(at(tomorrow, '11:00'), 'Europe/Paris')} in Paris)`,
  );
  await expect(rows(tomorrowList).nth(0)).toContainText('Lucas Moreau · Hotel check-out · Park Hyatt Tokyo');
  await expect(rows(tomorrowList).nth(1)).toContainText(
    `13:00 (${there(at(tomorrow, '13:00'), 'Europe/Paris')} in Paris)`,
  );
  await expect(rows(tomorrowList).nth(1)).toContainText('Lucas Moreau · Flight departs · AF273 NRT–CDG');
  await expect(page.getByText('Not Mine')).toHaveCount(0);
  await expectAccessible(page, 'Today, a concierge’s schedule');
  await page.screenshot({ path: testInfo.outputPath('today-concierge-en.png'), fullPage: true });

  await page.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(page.getByRole('list', { name: /^今日/ }).locator(':scope > li')).toHaveCount(4);
  await expect(page.getByText('パスポートが旅行の終了前に期限切れになります').first()).toBeVisible();
  await expectAccessible(page, 'Today in Japanese, a concierge’s schedule');
  await page.screenshot({ path: testInfo.outputPath('today-concierge-ja.png'), fullPage: true });
  await page.getByLabel('言語', { exact: true }).selectOption('en');
});
