import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';

/**
 * Issue 23: after a role change the header kept the old role (and the device its old role's scopes) until the next
 * unlock. The person's device hears it at once through the live stream and asks for a new session, saying why.
 */
test('a concierge made manager is told at once, and the next unlock opens a manager’s session', async ({
  enrolled,
  newDevice,
}, testInfo) => {
  const suffix = Date.now();
  const personName = `Rina Promoted ${suffix}`;
  const person = await enrolled('concierge', { name: personName });
  const admin = await enrolled('admin', { page: await newDevice(), name: `Aoi Roles ${suffix}` });
  await person.waitUntilOnline();
  const p = person.page;
  await expect(p.getByTestId('account')).toContainText('Concierge');
  const nav = p.getByRole('navigation', { name: 'Sections' });
  await expect(nav.getByRole('button', { name: /Marketing/ })).toHaveCount(0);

  const a = admin.page;
  await a.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: /Staff/ }).click();
  await a.getByLabel(`Role of ${personName}`).selectOption('manager');
  await a
    .getByRole('row')
    .filter({ hasText: personName })
    .getByRole('button', { name: 'Change role' })
    .click();
  await expect(a.getByRole('status').filter({ hasText: personName })).toBeVisible();

  // Well before a token renewal (about 13 minutes): the directory's announcement.
  await expect(p.getByText('Your role is now Manager. Unlock to continue with it.')).toBeVisible({
    timeout: 20_000,
  });
  await expect(p.getByRole('heading', { name: 'Unlock Lumina Concierge' })).toBeVisible();
  await expectAccessible(p, 'Lock screen after a role change');
  await p.screenshot({ path: testInfo.outputPath('role-changed-lock-en.png') });
  await p.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(
    p.getByText('あなたの役割が「マネージャー」に変わりました。続けるにはロックを解除してください。'),
  ).toBeVisible();
  await p.screenshot({ path: testInfo.outputPath('role-changed-lock-ja.png') });
  await p.getByLabel('言語', { exact: true }).selectOption('en');

  await person.unlock();
  await expect(p.getByTestId('account')).toContainText('Manager');
  await expect(nav.getByRole('button', { name: /Marketing/ })).toBeVisible();
});
