import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';
import { ClientRecordPage } from '../support/pages/client-record-page';

/**
 * Issue 23, must-deliver 5: dates read the same in every browser. In an en-US browser (where a date input shows
 * 03/14/1985 and a datetime-local one "09:30 AM") every date field shows "14 Mar 1985", reads what a person types
 * (ISO, the month in words, Japanese with full-width digits), refuses what it cannot tell apart (03/04/1985), moves
 * by day and month with the keyboard, and stores YYYY-MM-DD as before.
 */
test('date fields in an en-US browser: unambiguous in English and Japanese, typed or stepped, stored as before', async ({
  enrolled,
  stack,
}, testInfo) => {
  const clients = await enrolled('coordinator', {
    context: { locale: 'en-US', timezoneId: 'America/New_York' },
  });
  const { page } = clients;
  const name = `Date Reader ${`${Date.now()}`.slice(-6).replace(/\d/g, (d) => String.fromCharCode(65 + Number(d)))}`;
  await clients.addClient(name);
  const record = await ClientRecordPage.open(clients, name);
  const identity = record.section('Names and identity');
  const birth = identity.getByLabel('Date of birth');
  await expect(birth).toHaveAttribute('placeholder', 'e.g. 12 Mar 2027');

  // Day and month in digits cannot be told apart: refused, in plain words, when the field is left.
  await birth.fill('03/04/1985');
  await birth.press('Tab');
  await expect(birth).toHaveAccessibleDescription(
    'Enter a date with the month in letters or the year first, for example 12 Mar 2027 or 2027-03-12.',
  );
  await expect(birth).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: testInfo.outputPath('date-refused-en.png'), fullPage: true });
  await expectAccessible(page, 'a date field refusing 03/04/1985');

  // The month in words is read, and shown back in the one style.
  await birth.fill('March 14, 1985');
  await birth.press('Tab');
  await expect(birth).toHaveValue('14 Mar 1985');
  await expect(birth).not.toHaveAttribute('aria-invalid', 'true');
  // The keyboard: a day up, a month up (Shift), a month down (PageDown).
  await birth.focus();
  await birth.press('ArrowUp');
  await expect(birth).toHaveValue('15 Mar 1985');
  await birth.press('Shift+ArrowUp');
  await expect(birth).toHaveValue('15 Apr 1985');
  await birth.press('PageDown');
  await birth.press('ArrowDown');
  await expect(birth).toHaveValue('14 Mar 1985');
  await record.save(identity);
  const stored = async () =>
    (
      await stack.db.query<{ birth: string }>(
        "SELECT data->>'dateOfBirth' AS birth FROM sync_documents WHERE collection = 'clients' AND data->'names'->>'latin' = $1",
        [name],
      )
    )[0]?.birth;
  await expect.poll(stored).toBe('1985-03-14');
  await page.screenshot({ path: testInfo.outputPath('date-saved-en.png'), fullPage: true });

  // Japanese: shown with 年月日, and full-width digits from an input method read.
  await page.locator('header select').selectOption('ja');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  const birthJa = record.section('氏名と基本情報').getByLabel('生年月日');
  await expect(birthJa).toHaveValue('1985年3月14日');
  await birthJa.fill('１９８５年４月１６日');
  await birthJa.press('Tab');
  await expect(birthJa).toHaveValue('1985年4月16日');
  await page.screenshot({ path: testInfo.outputPath('date-typed-ja.png'), fullPage: true });
  await expectAccessible(page, 'a date field in Japanese');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect.poll(stored).toBe('1985-04-16');

  // A moment (when a request was received): a date field and a 24-hour time field, not the browser's AM/PM.
  await page.locator('header select').selectOption('en');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Requests' }).click();
  await page.getByRole('button', { name: 'Log a request' }).click();
  const received = page.getByLabel('Received on', { exact: true });
  await received.fill('2026-12-01');
  await page.getByLabel('Time (24-hour)').fill('930');
  await page.getByLabel('Time (24-hour)').press('Tab');
  await expect(received).toHaveValue('1 Dec 2026');
  await expect(page.getByLabel('Time (24-hour)')).toHaveValue('09:30');
  // Its keyboard: five minutes up, an hour down with Shift (landing on the hour, time-24h.ts); what is not a time is
  // said to be wrong once left.
  const time = page.getByLabel('Time (24-hour)');
  await time.press('ArrowUp');
  await expect(time).toHaveValue('09:35');
  await time.press('Shift+ArrowDown');
  await expect(time).toHaveValue('09:00');
  await time.fill('25:99');
  await time.press('Tab');
  await expect(time).toHaveAttribute('aria-invalid', 'true');
  await time.fill('18:05');
  await time.press('Tab');
  await expect(time).not.toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: testInfo.outputPath('moment-en.png'), fullPage: true });
  await expectAccessible(page, 'the request form’s moment');
});
