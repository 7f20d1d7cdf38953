import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';

/**
 * Issue 23, point 7: notices that clear themselves. "{name} added." goes after a few seconds like every
 * confirmation, and a cleared notice leaves the accessibility tree (not only transparent); the next client added
 * shows its own notice again.
 */
test('“added” clears itself and leaves the accessibility tree; the next one shows again', async ({
  enrolled,
}) => {
  const clients = await enrolled('coordinator');
  const { page } = clients;
  const first = `Notice Tester ${Date.now()}`;
  await clients.addClient(first);
  const notice = (name: string) => page.getByRole('status').filter({ hasText: `${name} added.` });
  await expect(notice(first)).toBeVisible();
  await expectAccessible(page, 'Clients with the “added” notice');
  // Gone after its life (6 s): not shown, and not found by role (a screen reader's view) either.
  await expect(notice(first)).toHaveCount(0, { timeout: 10_000 });
  await expect(page.getByText(`${first} added.`)).toBeHidden();

  const second = `Notice Tester Again ${Date.now()}`;
  await clients.addClient(second);
  await expect(notice(second)).toBeVisible();
  await expect(notice(second)).toHaveCount(0, { timeout: 10_000 });
  await expectAccessible(page, 'Clients after the notice cleared');
});
