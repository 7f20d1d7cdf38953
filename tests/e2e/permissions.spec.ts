import { randomUUID } from 'node:crypto';
import type { Page, TestInfo } from '@playwright/test';
import type { Client, Trip } from '../../shared/index';
import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';
import { ClientRecordPage } from '../support/pages/client-record-page';
import { seedDocuments } from '../support/server/seed';

/**
 * Issue 23, bug 1: every action the permission table (shared/auth/roles.ts) forbids a role is absent from its
 * screens, and where a whole part is read-only the screen says so in plain words, in English and Japanese. The
 * admin (the DPO) reads every client and writes none of clients, trips, medical sections or consents; a concierge
 * reaches only the clients assigned to them and none of the office's sections.
 */

const uniqueLetters = () =>
  `${Date.now()}`.slice(-6).replace(/\d/g, (digit) => String.fromCharCode(65 + Number(digit)));

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await expectAccessible(page, name);
}

function seededClient(latin: string, staffId: string): Client {
  const now = Date.now();
  return {
    id: randomUUID(),
    names: { latin },
    status: 'active',
    dateOfBirth: '1985-03-14',
    passport: { number: 'X1234567', country: 'GB', expiryDate: '2031-05-01' },
    assignedStaffIds: [staffId],
    createdAt: now,
    updatedAt: now,
  };
}

function seededTrip(owner: Client): Trip {
  const now = Date.now();
  return {
    id: randomUUID(),
    clientId: owner.id,
    assignedStaffIds: owner.assignedStaffIds,
    title: `${owner.names.latin} in Tokyo`,
    startDate: '2027-04-01',
    endDate: '2027-04-08',
    timeZone: 'Europe/London',
    items: [
      {
        id: randomUUID(),
        kind: 'hotel',
        title: 'Aman Tokyo',
        start: '2027-04-01T15:00:00+09:00',
        end: '2027-04-08T11:00:00+09:00',
      },
    ],
    createdAt: now,
    updatedAt: now,
  };
}

test.describe.configure({ timeout: 240_000 });

test('the admin reads a client and is offered no change of it anywhere, told so in plain words, in English and Japanese', async ({
  enrolled,
  stack,
}, testInfo) => {
  const name = `Read Only ${uniqueLetters()}`;
  const client = seededClient(name, randomUUID());
  const trip = seededTrip(client);
  await seedDocuments(stack.db, 'clients', [client]);
  await seedDocuments(stack.db, 'trips', [trip]);
  const clients = await enrolled('admin');
  const { page } = clients;
  await clients.waitUntilOnline();

  // The list: no adding, no renaming, and why.
  await expect(
    page.getByText(
      'Your role reads every client but does not add or change them. What to do next is on Today.',
    ),
  ).toBeVisible();
  await expect(clients.addButton).toHaveCount(0);
  await expect(clients.nameInput).toHaveCount(0);
  const row = await clients.find(name);
  await expect(row).toBeVisible();
  await expect(row.getByRole('button', { name: /Rename/ })).toHaveCount(0);
  await shot(page, testInfo, 'admin-en-1-clients');

  // The profile: every value shown as text, no field to change, no Save.
  const record = await ClientRecordPage.open(clients, name);
  await expect(page.getByText('Your role can see this record but not change it.')).toBeVisible();
  await expect(record.saveBar).toHaveCount(0);
  const identity = record.section('Names and identity');
  await expect(identity.getByLabel('Date of birth')).toBeDisabled();
  await expect(identity.getByLabel('Date of birth')).toHaveValue('14 Mar 1985');
  await expect(record.section('Passport').getByLabel('Expiry date')).toHaveValue('1 May 2031');
  const profile = page.getByRole('form', { name: 'Profile' });
  await expect(profile.locator('input:enabled, select:enabled, textarea:enabled')).toHaveCount(0);
  await expect(profile.getByRole('button', { name: /^(Add|Remove|Save|Move)/ })).toHaveCount(0);
  await shot(page, testInfo, 'admin-en-2-profile');

  // The itinerary: read, not changed.
  await record.tab('Itinerary');
  await expect(page.getByText('You can read these trips but not change them.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'New trip' })).toHaveCount(0);
  await page.getByRole('button', { name: trip.title }).click();
  await expect(page.getByRole('heading', { name: trip.title })).toBeVisible();
  await expect(page.getByRole('button', { name: /^(Edit|Add item|Remove)/ })).toHaveCount(0);
  await shot(page, testInfo, 'admin-en-3-trip');

  // Consents: the ledger is read; recording, withdrawing and correcting are not offered.
  await record.tab('Consents');
  await expect(
    page.getByText('Your role can read these consents but not record, withdraw or correct them.'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: /^Record a/ })).toHaveCount(0);
  await shot(page, testInfo, 'admin-en-4-consents');

  // The medical section: not written by this role, and nobody's access granted by it.
  await record.tab('Medical');
  await expect(page.getByText('Your role cannot write or change a medical section.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Write the medical section' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Grant access/ })).toHaveCount(0);
  await shot(page, testInfo, 'admin-en-5-medical');

  // The same in Japanese.
  await page.locator('header select').selectOption('ja');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByText('あなたの役割では医療情報の作成や変更はできません。')).toBeVisible();
  await shot(page, testInfo, 'admin-ja-5-medical');
  await page.getByRole('tab', { name: '同意' }).click();
  await expect(
    page.getByText('あなたの役割ではこれらの同意を閲覧できますが、記録・撤回・訂正はできません。'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: '同意を記録' })).toHaveCount(0);
  await shot(page, testInfo, 'admin-ja-4-consents');
  await page.getByRole('tab', { name: '旅程' }).click();
  await expect(page.getByText('これらの旅行は閲覧のみ可能です。')).toBeVisible();
  await expect(page.getByRole('button', { name: '新しい旅行' })).toHaveCount(0);
  await shot(page, testInfo, 'admin-ja-3-itinerary');
  await page.getByRole('tab', { name: 'プロフィール' }).click();
  await expect(page.getByText('あなたの役割ではこの記録を閲覧できますが、変更はできません。')).toBeVisible();
  await expect(
    record.section('氏名と基本情報').getByLabel('生年月日'),
    'a date shown in Japanese',
  ).toHaveValue('1985年3月14日');
  await shot(page, testInfo, 'admin-ja-2-profile');
});

test('a concierge reaches only their own clients and none of the office’s sections or actions', async ({
  enrolled,
}, testInfo) => {
  const suffix = uniqueLetters();
  const mine = `Own Client ${suffix}`;
  const clients = await enrolled('concierge');
  const { page } = clients;
  await clients.waitUntilOnline();
  await clients.addClient(mine);
  await expect(await clients.find(mine)).toBeVisible();

  // Not offered: what only managers and the admin do.
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(nav.getByRole('button', { name: 'Clients' })).toBeVisible();
  for (const section of ['Staff', 'Access log', 'Statistics', 'Erasures', 'Recovery', 'Organisation']) {
    await expect(nav.getByRole('button', { name: section, exact: true }), section).toHaveCount(0);
  }

  // On their own client's record: no erasure (the DPO's), no granting of medical access (managers').
  const record = await ClientRecordPage.open(clients, mine);
  await expect(page.getByRole('button', { name: /^Erase/ })).toHaveCount(0);
  await expect(record.saveBar).toBeVisible();
  await record.tab('Medical');
  await expect(page.getByRole('button', { name: /^Grant access/ })).toHaveCount(0);
  await shot(page, testInfo, 'concierge-en-1-medical');

  // The partner directory is read, not kept.
  await nav.getByRole('button', { name: 'Partners' }).click();
  await expect(page.getByRole('heading', { name: 'Partners', level: 2 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add a partner' })).toHaveCount(0);
  await shot(page, testInfo, 'concierge-en-2-partners');
});
