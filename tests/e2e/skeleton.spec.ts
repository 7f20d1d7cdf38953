import { expect, test } from '../support/fixtures';

test('a client created on one device appears on a second device without a reload, and survives a reload', async ({
  enrolled,
  stack,
}, testInfo) => {
  // A concierge's client is assigned to them; the office (a manager) sees every client.
  const first = await enrolled('concierge');
  const second = await enrolled('manager');
  await first.waitUntilOnline();
  await second.waitUntilOnline();

  const name = `Amelia Hartley ${Date.now()}`;
  await first.addClient(name);
  await expect(await first.find(name)).toBeVisible();
  await expect(first.nameInput).toHaveValue('');
  // The next name, typed while the previous client is still being saved, stays in the field (it was wiped).
  const clara = `Clara Weiss ${Date.now()}`;
  const hugo = `Hugo Brandt ${Date.now()}`;
  await first.nameInput.fill(clara);
  // Click and type in one task, so the typing surely lands while the save runs (it awaits IndexedDB).
  await first.page.evaluate((typed) => {
    const input = document.querySelector<HTMLInputElement>('#client-latin-name')!;
    const button = input.form!.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    button.click();
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setValue.call(input, typed);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, hugo);
  await expect(await first.find(clara)).toBeVisible();
  await expect(first.nameInput).toHaveValue(hugo);
  await first.nameInput.fill('');

  // The second context has its own IndexedDB: the client can only arrive through the server.
  await expect(await second.find(name)).toBeVisible();
  await second.page.screenshot({ path: testInfo.outputPath('second-device-sees-client.png') });

  // The stack is shared with other specs: this spec looks at the client it made, and finds it once.
  const stored = await stack.db.query<{ name: string }>(
    "SELECT data->'names'->>'latin' AS name FROM sync_documents WHERE collection = 'clients' AND data->'names'->>'latin' = $1",
    [name],
  );
  expect(stored.map((row) => row.name)).toEqual([name]);

  await first.page.reload();
  await first.unlock();
  await expect(await first.find(name)).toBeVisible();
  await first.page.screenshot({ path: testInfo.outputPath('first-device-after-reload.png') });
});

test('an empty name is refused with a message, and nothing is stored', async ({ enrolled, stack }) => {
  const clients = await enrolled();
  // What the device sends on its own after unlocking is sent before the server is looked at.
  await clients.waitUntilOnline();
  await expect(clients.pendingChanges).toHaveText('All changes sent');
  const before = await stack.db.query(
    "SELECT id FROM sync_documents WHERE collection = 'clients' ORDER BY id",
  );
  await clients.addClient('   ');
  await expect(clients.page.getByRole('alert')).toHaveText(
    'Enter the client’s name as written in their passport.',
  );
  await expect(clients.nameInput).toHaveAttribute('aria-invalid', 'true');
  await expect(clients.pendingChanges).toHaveText('All changes sent');
  expect(
    await stack.db.query("SELECT id FROM sync_documents WHERE collection = 'clients' ORDER BY id"),
  ).toEqual(before);
});
