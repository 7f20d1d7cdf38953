import { expect, test } from '../support/fixtures';

test('the UI switches between English and Japanese while running, and remembers the choice', async ({
  enrolled,
}, testInfo) => {
  const { page } = await enrolled();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(page.getByRole('heading', { name: '顧客' })).toBeVisible();
  await expect(page.getByRole('button', { name: '顧客を追加' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  // The session stayed open: switching language is not a reload.
  await expect(page.getByRole('button', { name: 'ロック' })).toBeVisible();
  await page.getByRole('button', { name: '顧客を追加' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'パスポートに記載されたとおりに顧客名を入力してください。',
  );
  await page.screenshot({ path: testInfo.outputPath('clients-ja.png'), fullPage: true });

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Lumina Concierge のロックを解除' })).toBeVisible();
  await page.getByLabel('言語', { exact: true }).selectOption('en');
  await expect(page.getByRole('heading', { name: 'Unlock Lumina Concierge' })).toBeVisible();
});
