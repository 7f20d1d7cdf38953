import { expect, test } from '../support/fixtures';
import { expectAccessible } from '../support/axe';

test('the admin sets a retention rule in English and Japanese and the due-list shows the client it makes due', async ({
  enrolled,
  stack,
  pageErrors,
}, testInfo) => {
  // The receipts rule below is refused on purpose.
  pageErrors.allowConsole(/status of 400 \(Bad Request\) \(http:\/\/[^)]+\/retention\/rules\/receipts\)/);
  const suffix = Date.now();
  const name = `Rita Retained ${suffix}`;
  const coordinator = await enrolled('coordinator');
  const dpo = await enrolled('admin', { name: `Dana Schedule ${suffix}` });
  await coordinator.addClient(name);
  await expect(await dpo.find(name)).toBeVisible();
  // The client's passport, as the server holds it (the rule counts from the record's last change: no trip).
  await expect
    .poll(
      async () =>
        (
          await stack.db.query(
            `UPDATE sync_documents SET data = data || '{"passport":{"number":"RR1234567","country":"JP","expiryDate":"2031-01-01"}}'::jsonb
              WHERE collection = 'clients' AND data->'names'->>'latin' = $1 RETURNING id`,
            [name],
          )
        ).length,
    )
    .toBe(1);

  await dpo.page.getByRole('navigation').getByRole('button', { name: 'Erasures' }).click();
  const passport = dpo.page.getByTestId('retention-rule-passport');
  await expect(passport.getByRole('heading', { name: 'Passport data' })).toBeVisible();
  await expect(dpo.page.getByTestId('retention-rule-receipts')).toContainText('From 7 to 20.');
  await passport.getByLabel(/^Period/).fill('1');
  await passport.getByLabel('Switched on').check();
  await passport.getByRole('button', { name: 'Save rule' }).click();
  await expect(passport.getByRole('status')).toHaveText('Rule saved.');
  const due = dpo.page.getByTestId('retention-due');
  const row = due.getByRole('row').filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Passport data');
  await expect(row).toContainText('passport data erased');
  await expect(row).toContainText('to be scheduled');
  expect(
    await stack.db.query(`SELECT period, active FROM retention_rules WHERE category = 'passport'`),
  ).toEqual([{ period: 1, active: true }]);
  await row.scrollIntoViewIfNeeded();
  await expectAccessible(dpo.page, 'the retention schedule');
  await dpo.page.screenshot({ path: testInfo.outputPath('retention-en.png'), fullPage: true });

  // Receipts cannot be kept less than 7 years: the server refuses.
  const receipts = dpo.page.getByTestId('retention-rule-receipts');
  await receipts.getByLabel(/^Period/).evaluate((input: HTMLInputElement) => input.removeAttribute('min'));
  await receipts.getByLabel(/^Period/).fill('6');
  await receipts.getByRole('button', { name: 'Save rule' }).click();
  await expect(receipts.getByRole('status')).toContainText('below the minimum for this kind of data');
  expect(await stack.db.query(`SELECT 1 FROM retention_rules WHERE category = 'receipts'`)).toEqual([]);

  // In Japanese: the same rule set again, then switched off (the worker's organisation is shared).
  await dpo.page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('ja');
  const passportJa = dpo.page.getByTestId('retention-rule-passport');
  await expect(passportJa.getByRole('heading', { name: '旅券情報' })).toBeVisible();
  await passportJa.getByLabel(/^期間：/).fill('2');
  await passportJa.getByRole('button', { name: 'ルールを保存' }).click();
  await expect(passportJa.getByRole('status')).toHaveText('ルールを保存しました。');
  await expect(due.getByRole('row').filter({ hasText: name })).toContainText('旅券情報を消去');
  await expect(due.getByRole('row').filter({ hasText: name })).toContainText('予定前');
  await expectAccessible(dpo.page, 'the retention schedule in Japanese');
  await dpo.page.screenshot({ path: testInfo.outputPath('retention-ja.png'), fullPage: true });
  expect(
    await stack.db.query(`SELECT period, active FROM retention_rules WHERE category = 'passport'`),
  ).toEqual([{ period: 2, active: true }]);

  await passportJa.getByLabel('有効').uncheck();
  await passportJa.getByRole('button', { name: 'ルールを保存' }).click();
  await expect(dpo.page.getByText('有効なルールで期限が来るものはありません。')).toBeVisible();
});
