import { ORG_CONTACT_ID, type OrgContact } from '../../shared/domain/org-settings';
import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';
import { NoticesPage } from '../support/pages/notices-page';
import type { TestStack } from '../support/stack';

/** The organisation's contact as the server stores it. */
async function storedContact(stack: TestStack): Promise<OrgContact | undefined> {
  const rows = await stack.db.query<{ data: OrgContact }>(
    "SELECT data FROM sync_documents WHERE collection = 'orgSettings' AND id = $1",
    [ORG_CONTACT_ID],
  );
  return rows[0]?.data;
}

test('the admin sets the organisation’s contact and emergency number: refused input explained, numbers stored in E.164, in English and Japanese', async ({
  enrolled,
  stack,
}, testInfo) => {
  const admin = await enrolled('admin', { name: `Sora Settings ${Date.now()}` });
  const { page } = admin;
  await admin.waitUntilOnline();
  await new NoticesPage(page).open();
  // One Organisation screen, in the navigation, with the privacy notices and the organisation contact as sections.
  const screen = page.getByRole('region', { name: 'Organisation', exact: true });
  await expect(screen.getByRole('heading', { name: 'Organisation', level: 2 })).toBeVisible();
  await expect(screen.getByRole('region', { name: 'Privacy notice versions' })).toBeVisible();
  const section = screen.getByRole('region', { name: 'Organisation contact' });
  await expect(section).toBeVisible();
  await expectAccessible(page, 'organisation screen');
  await page.screenshot({ path: testInfo.outputPath('organisation-en.png'), fullPage: true });
  const shot = (name: string) => section.screenshot({ path: testInfo.outputPath(`${name}.png`) });

  // What the form cannot store is explained beside each field; nothing changes on the server.
  const before = await storedContact(stack);
  await section.getByLabel('Office phone').fill('12');
  await section.getByLabel('Office e-mail').fill('office@');
  await section.getByLabel('24-hour emergency number').fill('call the office');
  await section.getByRole('button', { name: 'Save organisation contact' }).click();
  await expect(section.getByRole('alert')).toHaveText(
    'The organisation contact was not saved: correct the fields marked.',
  );
  await expect(section.getByLabel('Office phone')).toHaveAccessibleDescription(
    /This is not a valid phone number\./,
  );
  await expect(section.getByLabel('Office e-mail')).toHaveAttribute('aria-invalid', 'true');
  await expect(section.getByLabel('Office e-mail')).toHaveAccessibleDescription(
    'Enter an e-mail address such as office@example.com.',
  );
  await expect(section.getByLabel('24-hour emergency number')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'organisation contact with errors');
  await shot('org-contact-errors-en');
  expect(await storedContact(stack)).toEqual(before);

  // A Japanese number typed as dialled in Japan, one with its country code; addresses in both print languages.
  const suffix = Date.now().toString(36);
  await section.getByLabel('Office phone').fill('03-5200-1234');
  await section.getByLabel('Office e-mail').fill(`office.${suffix}@lumina.example`);
  await section.getByLabel('Office address (English)').fill('1-1 Marunouchi\nChiyoda-ku, Tokyo');
  await section.getByLabel('Office address (Japanese)').fill('東京都千代田区丸の内1-1');
  await section.getByLabel('24-hour emergency number').fill('+81 90 1234 5678');
  await section.getByRole('button', { name: 'Save organisation contact' }).click();
  await expect(section.getByRole('status')).toHaveText('Organisation contact saved.');
  // Shown grouped for people; stored in E.164.
  await expect(section.getByLabel('Office phone')).toHaveValue('+81 3 5200 1234');
  await expect(section.getByLabel('24-hour emergency number')).toHaveValue('+81 90 1234 5678');
  await expect(admin.pendingChanges).toHaveText('All changes sent');
  await expect
    .poll(async () => (await storedContact(stack))?.contact.email)
    .toBe(`office.${suffix}@lumina.example`);
  expect(await storedContact(stack)).toMatchObject({
    kind: 'org-contact',
    contact: {
      phone: '+81352001234',
      address: { en: '1-1 Marunouchi\nChiyoda-ku, Tokyo', ja: '東京都千代田区丸の内1-1' },
      emergencyPhone: '+819012345678',
    },
  });
  await expectAccessible(page, 'organisation contact saved');
  await shot('org-contact-saved-en');

  // Japanese: the same form, worded with the glossary's terms.
  await page.getByLabel('Language', { exact: true }).selectOption('ja');
  const sectionJa = page.getByRole('region', { name: '組織の連絡先' });
  await expect(sectionJa.getByLabel('24時間対応の緊急連絡先')).toHaveValue('+81 90 1234 5678');
  await expect(sectionJa.getByLabel('事務所の住所（日本語）')).toHaveValue('東京都千代田区丸の内1-1');
  await expectAccessible(page, 'organisation contact in Japanese');
  await sectionJa.screenshot({ path: testInfo.outputPath('org-contact-ja.png') });
  await expect(
    page.getByRole('navigation', { name: 'セクション' }).getByRole('button', { name: '組織' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: '組織', level: 2 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'プライバシーポリシーの版' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('organisation-ja.png'), fullPage: true });
  await page.getByLabel('言語', { exact: true }).selectOption('en');
});

test('staff other than the admin are not offered the Organisation screen', async ({ enrolled }) => {
  const manager = await enrolled('manager');
  await expect(
    manager.page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Organisation' }),
  ).toHaveCount(0);
  await expect(manager.page.getByRole('region', { name: 'Organisation contact' })).toHaveCount(0);
});
