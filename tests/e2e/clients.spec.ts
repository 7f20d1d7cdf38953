// Over 400 lines: one walk through every section of the record in both languages, and the searches over a seeded list;
// splitting them would repeat their set-up.
import type { Page } from '@playwright/test';
import type { Client } from '../../shared/index';
import { addDays, addMonths, calendarDateIn } from '../../shared/domain/dates';
import { formatCalendarDateFor } from '../../renderer/src/features/clients/format';
import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';
import { TestOrganisation } from '../support/organisation';
import { ClientRecordPage } from '../support/pages/client-record-page';
import { TripsPage } from '../support/pages/trips-page';
import { seedDocuments } from '../support/server/seed';
import type { TestStack } from '../support/stack';

/** A suffix that keeps names unique between runs in Latin letters only (the record refuses digits in names). */
function uniqueLetters(): string {
  return Date.now()
    .toString(36)
    .replace(/\d/g, (digit) => 'abcdefghij'[Number(digit)]!);
}

/** Today where the page is, as the app counts days (its device's zone). */
async function pageToday(page: Page): Promise<string> {
  const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  return calendarDateIn(Date.now(), zone);
}

async function serverClient(stack: TestStack, latinName: string): Promise<Client> {
  const rows = await stack.db.query<{ data: Client }>(
    "SELECT data FROM sync_documents WHERE collection = 'clients' AND data->'names'->>'latin' = $1",
    [latinName],
  );
  expect(rows).toHaveLength(1);
  return rows[0]!.data;
}

/**
 * Gives the open record's client a trip through the itinerary tab, as a person would, and comes back to the
 * profile.
 */
async function addTrip(record: ClientRecordPage, firstDay: string, lastDay: string) {
  await record.tab('Itinerary');
  await new TripsPage(record.page).createTrip({
    title: 'Tokyo and Kyoto',
    firstDay,
    lastDay,
    timeZone: 'Asia/Tokyo',
  });
  await record.tab('Profile');
}

async function switchLanguage(page: Page, to: 'en' | 'ja') {
  await page.getByLabel(to === 'ja' ? 'Language' : '言語', { exact: true }).selectOption(to);
  await expect(page.locator('html')).toHaveAttribute('lang', to);
}

test('a coordinator fills every section of a client record with one Save; wrong input is explained and its section not saved, the valid ones are; the passport warning follows the trip; dates follow the language', async ({
  enrolled,
  stack,
}, testInfo) => {
  // Every section in two languages, with five accessibility checks: over a minute on a busy machine.
  test.setTimeout(150_000);
  const clients = await enrolled('coordinator');
  const { page } = clients;
  await clients.waitUntilOnline();
  const name = `Amelia Hartley ${uniqueLetters()}`;
  await clients.addClient(name);
  let record = await ClientRecordPage.open(clients, name);
  const section = (title: string) => record.section(title);
  const save = (region: ReturnType<typeof section>) => record.save(region);

  // A passport valid for years yet, and a trip ending ten days after it expires: dates counted from today.
  const expiry = addMonths(await pageToday(page), 60);
  const [tripStart, tripEnd] = [addDays(expiry, -11), addDays(expiry, 10)];

  const identity = section('Names and identity');
  await identity.getByLabel('Name in katakana').fill('あめりあ・はーとりー');
  await identity.getByLabel('Name in kanji').fill('愛美');
  await identity.getByLabel('Nationality').selectOption('GB');
  await identity.getByLabel('Date of birth').fill('1985-03-14');
  // Languages are picked by name (common ones first), in order of preference, with the keyboard too.
  await record.chooseLanguages(identity, ['English', 'Japanese']);
  const addLanguage = identity.getByLabel('Add a language');
  await expect(addLanguage.locator('optgroup').first()).toHaveAttribute('label', 'Common languages');
  await addLanguage.selectOption({ label: 'French' });
  await addLanguage.press('Enter');
  await expect(addLanguage).toBeFocused();
  await expect(record.chosenLanguages(identity)).toHaveText(['English', 'Japanese', 'French']);
  await page.keyboard.press('Shift+Tab');
  await expect(identity.getByRole('button', { name: 'Remove French' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(record.chosenLanguages(identity)).toHaveText(['English', 'French', 'Japanese']);
  await expect(identity.getByRole('button', { name: 'Move French up' })).toBeFocused();
  await page.keyboard.press('Enter');
  // At the top it cannot move up: focus goes to its "Remove".
  await expect(record.chosenLanguages(identity)).toHaveText(['French', 'English', 'Japanese']);
  await expect(identity.getByRole('button', { name: 'Remove French' })).toBeFocused();
  await expectAccessible(page, 'client record with the language picker');
  await identity.screenshot({ path: testInfo.outputPath('languages-en.png') });
  await page.keyboard.press('Space');
  await expect(record.chosenLanguages(identity)).toHaveText(['English', 'Japanese']);
  await expect(identity.getByRole('button', { name: 'Remove English' })).toBeFocused();
  await save(identity);
  // Hiragana typed in the katakana field is kept as katakana; the languages stored as their codes.
  await expect(identity.getByLabel('Name in katakana')).toHaveValue('アメリア・ハートリー');
  await expect(record.chosenLanguages(identity)).toHaveText(['English', 'Japanese']);
  // Dates read the same in every browser: the month in letters, never 03/14/1985.
  await expect(identity.getByLabel('Date of birth')).toHaveValue('14 Mar 1985');

  const contact = section('Contact');
  await contact.getByLabel('E-mail').fill('amelia@example.co.uk');
  // Without a country code: read in the nationality's country (GB).
  await contact.getByLabel('Phone').fill('020 7946 0018');
  await contact.getByLabel('Postal address').fill('1 Example Street\nLondon SW1A 1AA');
  await save(contact);
  await expect(contact.getByLabel('Phone')).toHaveValue('+442079460018');

  const passport = section('Passport');
  await passport.getByLabel('Passport number').fill('x1234567');
  await passport.getByLabel('Issuing country').selectOption('GB');
  await passport.getByLabel('Expiry date').fill(expiry);
  await save(passport);
  await expect(passport.getByLabel('Passport number')).toHaveValue('X1234567');
  await expect(passport.getByTestId('passport-warning')).toHaveCount(0);

  const preferences = section('Travel preferences');
  await preferences.getByLabel('Seat').selectOption('window');
  await preferences.getByLabel('Room').selectOption('japanese-style');
  await preferences.getByLabel('Food likes and habits').fill('A Japanese breakfast');
  await preferences.getByLabel('Notes').fill('Prefers quiet hotels');

  const emergency = section('Emergency contacts');
  await emergency.getByRole('button', { name: 'Add an emergency contact' }).click();
  const first = emergency.getByRole('group', { name: 'Emergency contact 1' });
  await first.getByLabel('Name').fill('James Hartley');
  await first.getByLabel('Relationship').fill('husband');
  await first.getByLabel('Phone').fill('+44 7911 123456');
  await first.getByLabel('E-mail').fill('james@example.co.uk');
  await emergency.getByRole('button', { name: 'Add an emergency contact' }).click();
  await emergency.getByRole('button', { name: 'Remove emergency contact 2' }).click();

  const lifestyle = section('Lifestyle');
  await lifestyle.getByLabel('Vegetarian').check();
  await lifestyle.getByLabel('No alcohol').check();
  await lifestyle.getByLabel('Mobility needs').fill('No stairs');
  await lifestyle.getByLabel('Allergies hotels and restaurants must know').fill('peanuts\nfeather pillows');

  const assignment = section('Status and assigned staff');
  await assignment.getByLabel('Status').selectOption('active');
  // Four sections changed, one Save for all of them; each changed section is marked until then.
  await expect(record.unsaved).toHaveText('4 sections have unsaved changes.');
  for (const changed of [preferences, emergency, lifestyle, assignment]) {
    await expect(record.unsavedMark(changed)).toBeVisible();
  }
  await expect(record.unsavedMark(contact)).toHaveCount(0);
  await expect(record.saveBar).toBeInViewport();
  await expectAccessible(page, 'client record with unsaved changes');
  await page.screenshot({ path: testInfo.outputPath('record-unsaved-en.png') });
  await save(assignment);
  for (const changed of [preferences, emergency, lifestyle]) {
    await expect(record.unsavedMark(changed)).toHaveCount(0);
  }
  await page.screenshot({ path: testInfo.outputPath('record-form-en.png'), fullPage: true });

  await expect(clients.pendingChanges).toHaveText('All changes sent');
  let stored = await serverClient(stack, name);
  expect(stored).toMatchObject({
    names: { latin: name, katakana: 'アメリア・ハートリー', kanji: '愛美' },
    nationality: 'GB',
    dateOfBirth: '1985-03-14',
    languages: ['en', 'ja'],
    contact: {
      email: 'amelia@example.co.uk',
      phone: '+442079460018',
      address: '1 Example Street\nLondon SW1A 1AA',
    },
    passport: { number: 'X1234567', country: 'GB', expiryDate: expiry },
    preferences: {
      seat: 'window',
      room: 'japanese-style',
      dietary: 'A Japanese breakfast',
      notes: 'Prefers quiet hotels',
    },
    emergencyContacts: [
      {
        name: 'James Hartley',
        relationship: 'husband',
        phone: '+447911123456',
        email: 'james@example.co.uk',
      },
    ],
    lifestyle: {
      dietaryRestrictions: ['vegetarian', 'no-alcohol'],
      mobilityNeeds: 'No stairs',
      allergies: ['peanuts', 'feather pillows'],
    },
    status: 'active',
  });

  // Wrong input in three sections and a valid change in a fourth, saved at once with Ctrl+Enter from a multi-line
  // field: each wrong field says what is wrong and its section is not saved; the valid change is saved.
  await contact.getByLabel('E-mail').fill('amelia@example');
  await passport.getByLabel('Passport number').fill('ab1');
  await identity.getByLabel('Date of birth').fill('2099-01-01');
  await preferences.getByLabel('Notes').fill('Prefers quiet hotels, late check-out');
  await expect(record.unsaved).toHaveText('4 sections have unsaved changes.');
  await preferences.getByLabel('Notes').press('Control+Enter');
  const problems = record.saveBar.getByRole('alert');
  await expect(problems).toContainText('Saved: Travel preferences.');
  await expect(problems).toContainText(
    'Not saved: Names and identity, Contact, Passport. Correct the fields marked there; what you typed is kept.',
  );
  await expect(record.unsaved).toHaveText('3 sections have unsaved changes.');
  await expect(record.unsavedMark(preferences)).toHaveCount(0);
  // The focus goes to the first field marked wrong.
  await expect(identity.getByLabel('Date of birth')).toBeFocused();
  await expect(identity.getByText('This date is in the future.')).toBeVisible();
  await expect(contact.getByText('Enter an e-mail address such as name@example.com.')).toBeVisible();
  await expect(
    contact.getByText('This section was not saved: correct the fields marked above.'),
  ).toBeVisible();
  await expect(contact.getByLabel('E-mail')).toHaveAttribute('aria-invalid', 'true');
  await expect(passport.getByText('Use capital letters and digits only, 5 to 20 of them.')).toBeVisible();
  await expect(contact.getByLabel('E-mail')).toHaveValue('amelia@example');
  await expectAccessible(page, 'client record with errors after one save');
  await page.screenshot({ path: testInfo.outputPath('record-errors-en.png'), fullPage: true });
  await switchLanguage(page, 'ja');
  await expect(page.getByText('未来の日付です。')).toBeVisible();
  await expect(page.getByText('name@example.com のようなメールアドレスを入力してください。')).toBeVisible();
  await expect(page.getByTestId('record-unsaved')).toHaveText('未保存の変更があるセクション：3件');
  await expect(page.getByRole('group', { name: 'プロフィールを保存' }).getByRole('alert')).toContainText(
    '保存されていません：氏名と基本情報、連絡先、パスポート。',
  );
  await expectAccessible(page, 'client record with errors in Japanese');
  await page.screenshot({ path: testInfo.outputPath('record-errors-ja.png'), fullPage: true });
  await switchLanguage(page, 'en');
  await expect(clients.pendingChanges).toHaveText('All changes sent');
  await expect
    .poll(async () => (await serverClient(stack, name)).preferences?.notes)
    .toBe('Prefers quiet hotels, late check-out');
  stored = await serverClient(stack, name);
  expect(stored).toMatchObject({
    dateOfBirth: '1985-03-14',
    contact: { email: 'amelia@example.co.uk' },
    passport: { number: 'X1234567' },
  });

  // Leaving asks about the refused input, which the person discards; reopened, the record shows what was
  // stored, and the server has the same document as after the save.
  page.once('dialog', (dialog) => void dialog.accept());
  await record.backToList();
  record = await ClientRecordPage.open(clients, name);
  await expect(contact.getByLabel('E-mail')).toHaveValue('amelia@example.co.uk');
  await expect(passport.getByLabel('Passport number')).toHaveValue('X1234567');
  await expect(identity.getByLabel('Date of birth')).toHaveValue('14 Mar 1985');
  await expect(clients.pendingChanges).toHaveText('All changes sent');
  expect(await serverClient(stack, name)).toEqual(stored);

  // A trip ending after the passport expires: the record warns.
  await addTrip(record, tripStart, tripEnd);
  const en = (date: string) => formatCalendarDateFor('en-GB', date);
  await expect(passport.getByTestId('passport-warning')).toHaveText(
    `This passport expires on ${en(expiry)}, before the trip ends on ${en(tripEnd)}.`,
  );
  await page.screenshot({ path: testInfo.outputPath('record-passport-warning-en.png'), fullPage: true });

  // Japanese while running: labels, the warning and the dates follow.
  await switchLanguage(page, 'ja');
  const passportJa = section('パスポート');
  const ja = (date: string) => formatCalendarDateFor('ja', date);
  await expect(passportJa.getByTestId('passport-warning')).toHaveText(
    `このパスポートは${ja(expiry)}に期限が切れ、旅行の終了日（${ja(tripEnd)}）より前です。`,
  );
  await expect(section('氏名と基本情報').getByLabel('生年月日')).toHaveValue('1985年3月14日');
  // The languages named in Japanese, the picker too.
  const identityJa = section('氏名と基本情報');
  await expect(identityJa.getByRole('list', { name: '選択した言語' }).locator('.language-name')).toHaveText([
    '英語',
    '日本語',
  ]);
  await expect(identityJa.getByLabel('言語を追加').locator('optgroup').last()).toHaveAttribute(
    'label',
    'すべての言語',
  );
  await expectAccessible(page, 'client record in Japanese with the language picker');
  await identityJa.screenshot({ path: testInfo.outputPath('languages-ja.png') });
  await page.screenshot({ path: testInfo.outputPath('record-form-ja.png'), fullPage: true });
  await switchLanguage(page, 'en');
});

test('a concierge finds clients by katakana, passport number and phone, and filters the list by status, assignee and upcoming trip', async ({
  enrolled,
}, testInfo) => {
  const clients = await enrolled('concierge');
  const { page } = clients;
  await clients.waitUntilOnline();
  const suffix = uniqueLetters();
  const sofia = `Sofia Lindqvist ${suffix}`;
  const omar = `Omar Haddad ${suffix}`;
  // One after the other, as a person does: the second name is typed once the first client is in the list.
  await clients.addClient(sofia);
  await expect(await clients.find(sofia)).toBeVisible();
  await clients.addClient(omar);
  await expect(await clients.find(omar)).toBeVisible();

  const record = await ClientRecordPage.open(clients, sofia);
  const section = (title: string) => record.section(title);
  const save = (region: ReturnType<typeof section>) => record.save(region);
  const identity = section('Names and identity');
  await identity.getByLabel('Name in katakana').fill('ソフィア・リンドクヴィスト');
  await save(identity);
  const contact = section('Contact');
  await contact.getByLabel('Phone').fill('+46 8 123 456 78');
  await save(contact);
  const passport = section('Passport');
  await passport.getByLabel('Passport number').fill('SE9876543');
  await passport.getByLabel('Issuing country').selectOption('SE');
  await passport.getByLabel('Expiry date').fill(addMonths(await pageToday(page), 60));
  await save(passport);
  // A concierge stays assigned to their client: their own box cannot be unticked.
  const assignment = section('Status and assigned staff');
  await expect(assignment.getByLabel(/\(you\)$/)).toBeChecked();
  await expect(assignment.getByLabel(/\(you\)$/)).toBeDisabled();
  await assignment.getByLabel('Status').selectOption('active');
  await save(assignment);
  // A trip starting within the list's 30 days, counted from today where the page is, as the list counts them.
  const today = await pageToday(page);
  await addTrip(record, addDays(today, 5), addDays(today, 14));
  await record.backToList();

  const search = page.getByRole('searchbox', { name: 'Search clients' });
  const rows = clients.list.locator(':scope > li');
  const expectOnly = async (latinName: string) => {
    await expect(rows).toHaveCount(1);
    await expect(clients.client(latinName)).toBeVisible();
  };
  // Katakana (typed in half-width and in hiragana too), passport number, phone without the country code.
  for (const typed of ['ソフィア', 'ｿﾌｨｱ', 'りんどく', 'se9876', '08 123 456', '+46 8 1234']) {
    await search.fill(typed);
    await expectOnly(sofia);
  }
  // Keystroke by keystroke, as a person types.
  await search.fill('');
  await search.pressSequentially(`hadd ${suffix}`);
  await expectOnly(omar);
  await search.fill(`haddad ${suffix}`);
  await expectOnly(omar);
  await search.fill('');
  await expect(clients.client(sofia)).toBeVisible();
  await expect(clients.client(omar)).toBeVisible();

  const filters = page.getByRole('search');
  await filters.getByLabel('Status').selectOption('active');
  await expect(clients.client(omar)).toHaveCount(0);
  await expect(clients.client(sofia)).toBeVisible();
  await filters.getByLabel('Status').selectOption('prospect');
  await expect(clients.client(sofia)).toHaveCount(0);
  await expect(clients.client(omar)).toBeVisible();
  await filters.getByLabel('Status').selectOption('all');
  const assignee = filters.getByLabel('Assigned to');
  const myId = await assignee.locator('option', { hasText: '(you)' }).getAttribute('value');
  await assignee.selectOption(myId!);
  await expect(rows).toHaveCount(2);
  await filters.getByLabel(/With a trip in the next 30 days/).check();
  await expectOnly(sofia);
  await page.screenshot({ path: testInfo.outputPath('list-filters-en.png'), fullPage: true });
  await switchLanguage(page, 'ja');
  await expect(page.getByTestId('client-count')).toHaveText('顧客 1 名');
  await page.screenshot({ path: testInfo.outputPath('list-filters-ja.png'), fullPage: true });
  await switchLanguage(page, 'en');
  await filters.getByLabel(/With a trip in the next 30 days/).uncheck();
  await expect(rows).toHaveCount(2);
});

test('ten thousand clients: the list keeps only a window of rows in the page and scrolls to the last one', async ({
  freshStack: stack,
  enrolled,
}, testInfo) => {
  test.setTimeout(300_000);
  // Its own stack: ten thousand clients would reach every coordinator and manager of the shared one.
  const organisation = await TestOrganisation.setUp(stack);
  const base = Date.now();
  const seeded: Client[] = Array.from({ length: 10_000 }, (_, n) => ({
    id: `00000000-0000-4000-a000-${n.toString(16).padStart(12, '0')}`,
    names: { latin: `Zz Seeded ${String(n).padStart(5, '0')}` },
    status: n % 3 === 0 ? 'active' : 'prospect',
    assignedStaffIds: [],
    createdAt: base,
    updatedAt: base,
  }));
  await seedDocuments(stack.db, 'clients', seeded);

  const clients = await enrolled('coordinator', { on: { stack, organisation } });
  const { page } = clients;
  const count = page.getByTestId('client-count');
  await expect(async () => {
    const shown = Number((await count.textContent())?.match(/\d+/)?.[0] ?? 0);
    expect(shown).toBeGreaterThanOrEqual(10_000);
  }).toPass({ timeout: 240_000 });
  const rows = clients.list.locator(':scope > li');
  expect(await rows.count()).toBeLessThan(100);
  await expect(clients.client('Zz Seeded 00000')).toBeVisible();

  const scroller = page.getByTestId('client-scroller');
  await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await expect(clients.client('Zz Seeded 09999')).toBeVisible();
  await expect(clients.client('Zz Seeded 00000')).toHaveCount(0);
  expect(await rows.count()).toBeLessThan(100);
  await page.screenshot({ path: testInfo.outputPath('list-10000-end.png') });

  await page.getByRole('searchbox', { name: 'Search clients' }).fill('seeded 09999');
  await expect(rows).toHaveCount(1);
});

test('a role that may not change a client is offered no way to: the admin reads clients with no rename', async ({
  enrolled,
}) => {
  const coordinator = await enrolled('coordinator');
  const admin = await enrolled('admin');
  const name = `Ingrid Solberg ${uniqueLetters()}`;
  await coordinator.addClient(name);
  await expect((await coordinator.find(name)).getByRole('button', { name: `Rename ${name}` })).toBeVisible();
  // The admin sees every client of the organisation the specs share: the search keeps this one in the window.
  await expect(await admin.find(name)).toBeVisible();
  await expect(admin.client(name).getByRole('button', { name: name, exact: true })).toBeVisible();
  await expect(admin.client(name).getByRole('button', { name: /Rename/ })).toHaveCount(0);
  await expect(admin.pendingChanges).toHaveText('All changes sent');
});

test('an unsaved edit is never dropped without asking: switching tabs, leaving the record or the section asks first', async ({
  enrolled,
}) => {
  const clients = await enrolled('coordinator');
  const { page } = clients;
  const name = `Mateo Ruiz ${uniqueLetters()}`;
  await clients.addClient(name);
  const record = await ClientRecordPage.open(clients, name);
  const contact = record.section('Contact');
  await contact.getByLabel('Phone').fill('+34 91 123 45 67');

  const questions: string[] = [];
  // Declined: the person stays, with what they typed.
  page.once('dialog', (dialog) => {
    questions.push(dialog.message());
    void dialog.dismiss();
  });
  await record.tab('Itinerary');
  await expect(contact.getByLabel('Phone')).toHaveValue('+34 91 123 45 67');
  page.once('dialog', (dialog) => {
    questions.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByRole('button', { name: 'All clients' }).click();
  await expect(contact.getByLabel('Phone')).toHaveValue('+34 91 123 45 67');
  page.once('dialog', (dialog) => {
    questions.push(dialog.message());
    void dialog.dismiss();
  });
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'This device' })
    .click();
  await expect(contact.getByLabel('Phone')).toHaveValue('+34 91 123 45 67');
  expect(questions).toEqual(Array(3).fill('You have changes that are not saved. Leave and discard them?'));

  // Once saved (Enter in a one-line field saves the profile), nothing is asked.
  await contact.getByLabel('Phone').press('Enter');
  await expect(record.unsaved).toHaveText('Saved.');
  await record.tab('Itinerary');
  await expect(page.getByRole('button', { name: 'New trip' })).toBeVisible();
  await record.tab('Profile');
  // Saved as the international number it is.
  await expect(record.section('Contact').getByLabel('Phone')).toHaveValue('+34911234567');

  // Accepted: the edit is discarded, as the person chose.
  await record.section('Contact').getByLabel('Phone').fill('+34 91 000 00 00');
  page.once('dialog', (dialog) => void dialog.accept());
  await record.backToList();
  expect(questions).toHaveLength(3);
  await ClientRecordPage.open(clients, name);
  await expect(record.section('Contact').getByLabel('Phone')).toHaveValue('+34911234567');
});
