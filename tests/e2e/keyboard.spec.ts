import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';
import { publishNotice } from '../support/notices';
import { ClientRecordPage } from '../support/pages/client-record-page';

/**
 * Issue 23, accessibility: the focus follows the content (it fell to the page after "Add client" and after opening a
 * client, and after "Record consent") and the record's tabs work as tabs (one tab stop, arrow keys, Home and End, a
 * panel named by its tab).
 */
test('keyboard: the focus follows what was added and opened, and the record tabs move with the arrow keys', async ({
  enrolled,
  organisation,
}) => {
  const version = `kb-${Date.now()}`;
  await publishNotice(organisation, { version, effectiveAt: Date.now() - 60_000 });
  const coordinator = await enrolled('coordinator');
  const page = coordinator.page;
  const name = `Keya Board ${Date.now()}`;
  await coordinator.nameInput.focus();
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: `${name} added.` })).toBeVisible();
  await expect(coordinator.nameInput).toBeFocused();
  await expect(coordinator.nameInput).toHaveValue('');

  await ClientRecordPage.open(coordinator, name);
  await expect(page.getByRole('heading', { name, level: 2 })).toBeFocused();

  const tabs = page.getByRole('tablist', { name: `Sections of ${name}'s record` });
  const tab = (label: string) => tabs.getByRole('tab', { name: label });
  await expect(tab('Profile')).toHaveAttribute('aria-selected', 'true');
  // One tab stop: only the current tab is in the tab order.
  await expect(tab('Profile')).toHaveAttribute('tabindex', '0');
  await expect(tab('Consents')).toHaveAttribute('tabindex', '-1');
  await tab('Profile').focus();
  await page.keyboard.press('ArrowRight');
  await expect(tab('Consents')).toBeFocused();
  await expect(tab('Consents')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'Consents' })).toBeVisible();
  await page.keyboard.press('End');
  await expect(tab('Sharing')).toBeFocused();
  await expect(page.getByRole('tabpanel', { name: 'Sharing' })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(tab('Profile')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(tab('Sharing')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(tab('Profile')).toHaveAttribute('aria-selected', 'true');
  await expectAccessible(page, 'Client record, keyboard');

  // "Record a consent" opens the form in its place: the focus goes to the form, not back to the page.
  await page.keyboard.press('ArrowRight');
  await expect(tab('Consents')).toBeFocused();
  await page.getByRole('button', { name: 'Record a consent' }).focus();
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('heading', { name: 'Record a consent, a refusal or that the client was told' }),
  ).toBeFocused();
  await expectAccessible(page, 'the consent form, opened from the keyboard');

  // "Record": the form is gone, the focus goes to the consents as they now stand, and stays there after the
  // "Recorded." notice has cleared itself (a focused notice that hides drops the focus to the page: review23-s7 A7).
  const form = page.getByRole('form', { name: 'Record a consent, a refusal or that the client was told' });
  await form.getByLabel('Purpose', { exact: true }).selectOption({ label: 'Medical data' });
  const notices = form.getByLabel('Privacy notice shown');
  await notices.selectOption(
    (await notices.locator('option', { hasText: version }).first().getAttribute('value'))!,
  );
  await form.getByLabel('How', { exact: true }).selectOption({ label: 'Signed paper form' });
  await form.getByRole('button', { name: 'Record' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('consents-notice')).toHaveText('Recorded.');
  await page.waitForTimeout(7_000);
  await expect(page.getByTestId('consents-notice')).toBeHidden();
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
  await expect(page.getByRole('heading', { name: 'In force now' })).toBeFocused();
});
