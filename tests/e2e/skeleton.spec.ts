import { expect, test, type Page } from '@playwright/test';
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

/** Collects what the page reports as errors, CSP violations included, so the test can require none. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

test('a client created on one device appears on a second device without a reload, and survives a reload', async ({
  browser,
}, testInfo) => {
  const concierge = await browser.newContext();
  const office = await browser.newContext();
  const pages = [await concierge.newPage(), await office.newPage()];
  const errors = pages.map(watchErrors);

  // A concierge's client is assigned to them; the office (a manager) sees every client.
  const first = await openEnrolled(pages[0]!, stack.webHost.url, organisation, 'concierge');
  const second = await openEnrolled(pages[1]!, stack.webHost.url, organisation, 'manager');
  await first.waitUntilOnline();
  await second.waitUntilOnline();

  const name = `Amelia Hartley ${Date.now()}`;
  await first.addClient(name);
  await expect(first.client(name)).toBeVisible();
  await expect(first.nameInput).toHaveValue('');

  // The second context has its own IndexedDB: the client can only arrive through the server.
  await expect(second.client(name)).toBeVisible();
  await second.page.screenshot({ path: testInfo.outputPath('second-device-sees-client.png') });

  const stored = await stack.db.query<{ name: string }>(
    "SELECT data->'names'->>'latin' AS name FROM sync_documents WHERE collection = 'clients'",
  );
  expect(stored.map((row) => row.name)).toEqual([name]);

  await first.page.reload();
  await first.unlock();
  await expect(first.client(name)).toBeVisible();
  await first.page.screenshot({ path: testInfo.outputPath('first-device-after-reload.png') });

  expect(errors.flat()).toEqual([]);
  await concierge.close();
  await office.close();
});

test('an empty name is refused with a message, and nothing is stored', async ({ page }) => {
  const clients = await openEnrolled(page, stack.webHost.url, organisation);
  const before = await stack.db.query('SELECT id FROM sync_documents');
  await clients.addClient('   ');
  await expect(page.getByRole('alert')).toHaveText('Enter the client’s name as written in their passport.');
  await expect(clients.nameInput).toHaveAttribute('aria-invalid', 'true');
  expect(await stack.db.query('SELECT id FROM sync_documents')).toEqual(before);
});
