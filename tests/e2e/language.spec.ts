import { expect, test } from '@playwright/test';
import { TestOrganisation } from '../support/organisation';
import { startStack, type TestStack } from '../support/stack';
import { openEnrolled } from './pages/enrolment-page';

let stack: TestStack;
let organisation: TestOrganisation;

test.beforeAll(async () => {
  stack = await startStack();
  organisation = await TestOrganisation.setUp(stack);
});
test.afterAll(async () => {
  await stack?.stop();
});

test('the UI switches between English and Japanese while running, and remembers the choice', async ({
  page,
}, testInfo) => {
  await openEnrolled(page, stack.webHost.url, organisation);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.getByLabel('Language').selectOption('ja');
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
  await page.getByLabel('言語').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Unlock Lumina Concierge' })).toBeVisible();
});
