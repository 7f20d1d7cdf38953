import { readFile } from 'node:fs/promises';
import { loadSodium } from '../../shared/crypto/sodium';
import { partnerFingerprint, partnerKeyText } from '../../shared/domain/partner-public-key';
import { expectAccessible } from '../support/axe';
import { ConsentSeeder } from '../support/consent-seeder';
import { expect, test } from '../support/fixtures';
import { confirmedPartnerId, storedClient } from '../support/stored-documents';
import { publishNotice } from '../support/notices';
import { ClientRecordPage } from '../support/pages/client-record-page';

/**
 * Issue 15: a manager adds and vets a partner (pastes its public key, confirms the fingerprint by phone); a
 * concierge's share request without the partner consent is refused with the reason; once the consent is recorded,
 * the request goes to a manager, who sees exactly what would leave and approves; a manager cannot decide their own.
 */
test('a partner is vetted, a share without consent is refused, then approved by a manager who did not ask', async ({
  enrolled,
  organisation,
  stack,
}, testInfo) => {
  test.setTimeout(240_000);
  const suffix = Date.now();
  const sodium = await loadSodium();
  const partnerKey = sodium.crypto_box_keypair().publicKey;
  // Before the browsers unlock: their staff directory then lists the seeder's device key.
  const seeder = await ConsentSeeder.create(stack, organisation, `Sora Seeder ${suffix}`);
  const notice = await publishNotice(organisation, { version: `s-${suffix}` });
  const manager = await enrolled('manager', { name: `Mina Manager ${suffix}` });
  const concierge = await enrolled('concierge', { name: `Kenji Concierge ${suffix}` });
  await manager.waitUntilOnline();
  await concierge.waitUntilOnline();

  // The manager adds the partner, pastes the key the partner sent, vets it and confirms the fingerprint by phone.
  const m = manager.page;
  const mNav = m.getByRole('navigation', { name: 'Sections' });
  await mNav.getByRole('button', { name: 'Partners' }).click();
  await m.getByRole('button', { name: 'Add a partner' }).click();
  const partnerName = `Kyoto Clinic ${suffix}`;
  await m.getByLabel('Name in English').fill(partnerName);
  await m.getByLabel('Name in Japanese').fill(`京都クリニック ${suffix}`);
  await m.getByLabel('Kind').selectOption('clinic');
  await m.getByLabel('Country (ISO code, e.g. JP)').fill('JP');
  await m.getByLabel('City').fill('Kyoto');
  await m.getByLabel('Confidentiality agreement signed on').fill('2026-01-01');
  await m.getByLabel('Agreement expires on').fill('2099-12-31');
  await m.getByLabel('Public key (paste what the partner sent)').fill('not a key');
  await m.getByRole('button', { name: 'Save the partner' }).click();
  await expect(m.getByText('Not a public key: 43 characters of base64url')).toBeVisible();
  await m.getByLabel('Public key (paste what the partner sent)').fill(partnerKeyText(partnerKey));
  await expectAccessible(m, 'Partner form');
  await m.getByRole('button', { name: 'Save the partner' }).click();
  const row = m.getByTestId('partner-row').filter({ hasText: partnerName });
  await expect(row.getByTestId('partner-fingerprint')).toHaveText(partnerFingerprint(sodium, partnerKey));
  await expect(row.getByTestId('partner-key-state')).toContainText('Not confirmed');
  await expect(row.getByTestId('partner-vetting')).toHaveText('Not vetted');
  await row.getByRole('button', { name: 'Mark as vetted' }).click();
  // Confirming needs "I compared the fingerprint" ticked first, as device approval does.
  await expect(row.getByRole('button', { name: 'Fingerprint confirmed by phone' })).toBeDisabled();
  await row.getByLabel(/every digit is identical/).check();
  await row.getByRole('button', { name: 'Fingerprint confirmed by phone' }).click();
  await expect(row.getByTestId('partner-key-state')).toContainText(
    `Confirmed by phone by Mina Manager ${suffix}`,
  );
  await expect(row.getByTestId('partner-vetting')).toContainText(`Vetted by Mina Manager ${suffix}`);
  await expectAccessible(m, 'Partner directory');
  await m.screenshot({ path: testInfo.outputPath('partners-en.png'), fullPage: true });
  // The manager saves the opener to hand to the partner: the self-contained file built with the app.
  const openerDownload = m.waitForEvent('download');
  await m.getByRole('button', { name: 'Save the opener' }).click();
  const opener = await openerDownload;
  expect(opener.suggestedFilename()).toBe('lumina-opener.html');
  expect(await readFile((await opener.path())!, 'utf8')).toContain("connect-src 'none'");
  const partnerId = await confirmedPartnerId(stack, partnerName);

  // The concierge's client, with a hotel night booked with the partner (seeded as a coordinator would enter it).
  const clientName = `Sakura Share ${suffix}`;
  await concierge.addClient(clientName);
  const client = await storedClient(stack, clientName);
  const tripTitle = `Kyoto stay ${suffix}`;
  await seeder.push('trips', [
    {
      id: crypto.randomUUID(),
      clientId: client.id,
      assignedStaffIds: client.assigned,
      title: tripTitle,
      startDate: '2027-04-01',
      endDate: '2027-04-05',
      timeZone: 'Asia/Tokyo',
      items: [
        {
          id: crypto.randomUUID(),
          kind: 'hotel',
          start: '2027-04-02T15:00:00+09:00',
          end: '2027-04-03T10:00:00+09:00',
          title: 'Ryokan night',
          partnerId,
        },
      ],
      createdAt: Date.now(),
      updatedAt: Date.now(),
    },
  ]);

  // Without the partner consent: refused at once, with the reason.
  const c = concierge.page;
  await ClientRecordPage.open(concierge, clientName);
  await c.getByRole('tab', { name: 'Sharing' }).click();
  const askForm = c.getByRole('form', { name: 'Ask to share data with a partner' });
  const ask = async () => {
    await askForm.getByLabel('Partner', { exact: true }).selectOption({ label: `${partnerName} (JP)` });
    await c.getByRole('checkbox', { name: 'Names' }).check();
    await c.getByRole('checkbox', { name: 'Allergies' }).check();
    await c.getByLabel('Purpose (no personal data)').fill('Admission paperwork');
    await c
      .getByLabel('Purpose under the client’s consent')
      .selectOption({ label: 'Arranging treatment and admission' });
    await c
      .getByLabel('Booked trip item it serves')
      .selectOption({ label: `${tripTitle}: Ryokan night (2 Apr 2027)` });
    await c.getByRole('button', { name: 'Ask for approval' }).click();
  };
  await expect(
    c.getByLabel('Partner', { exact: true }).getByRole('option', { name: `${partnerName} (JP)` }),
  ).toHaveCount(1);
  await ask();
  await expect(askForm.getByRole('alert')).toHaveText(
    'Refused: The client has no consent in force to provide data to this partner.',
  );
  expect(await stack.db.query('SELECT id FROM share_requests WHERE client_id = $1', [client.id])).toEqual([]);
  await expectAccessible(c, 'Sharing tab');
  await c.screenshot({ path: testInfo.outputPath('share-refused-en.png'), fullPage: true });

  // The client consents to the provision to this partner (a signed record); the request then goes to a manager.
  await seeder.record({
    clientId: client.id,
    action: 'given',
    purpose: 'provision',
    notice: { id: notice.id, version: notice.version, language: 'en', sha256: notice.texts[0]!.sha256 },
    fields: { partnerId, statedPurpose: 'Admission paperwork' },
  });
  await expect(async () => {
    await ask();
    await expect(askForm.getByRole('status')).toHaveText('The request is waiting for a manager.', {
      timeout: 2000,
    });
  }).toPass({ timeout: 30_000 });
  const mine = c.getByTestId('share-request');
  await expect(mine).toHaveCount(1);
  await expect(mine).toHaveAttribute('data-status', 'pending');

  // The manager sees it counted in the navigation, sees exactly what would leave, and approves.
  await expect(mNav.getByTestId('nav-count-shares')).toContainText('1', { timeout: 40_000 });
  await mNav.getByRole('button', { name: /Shares/ }).click();
  const pending = m.getByTestId('share-request').filter({ hasText: partnerName }).first();
  await expect(pending.getByTestId('share-items').getByRole('listitem')).toHaveText([
    /^Names\s*Profile\s*names$/,
    /^Allergies\s*Medical: special-care data\s*medical\.allergies$/,
  ]);
  // The manager deciding sees whose data, and the booked item it serves.
  await expect(pending.getByTestId('share-client')).toHaveText(`Client: ${clientName}`);
  await expect(pending.getByTestId('share-booked-item')).toHaveText(
    `Serves the booked item: ${tripTitle}: Ryokan night (2 Apr 2027)`,
  );
  // ...and the catalogue purpose the consent gate checked, beside the requester's words.
  await expect(pending.getByTestId('share-purpose-code')).toHaveText(
    'Purpose under the client’s consent: Arranging treatment and admission',
  );
  await expect(pending.getByTestId('share-purpose-words')).toHaveText(
    'In the requester’s words: Admission paperwork',
  );
  // A refusal needs its reason: nothing is decided without one.
  await pending.getByRole('button', { name: 'Refuse' }).click();
  await expect(pending.getByRole('alert')).toHaveText('A refusal needs its reason.');
  await expectAccessible(m, 'Share requests');
  await m.screenshot({ path: testInfo.outputPath('shares-pending-en.png'), fullPage: true });
  await m.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(m.getByRole('heading', { name: '共有依頼', level: 2 })).toBeVisible();
  await expect(pending.getByTestId('share-purpose-code')).toHaveText(
    '顧客の同意に基づく提供目的：治療・入院の手配',
  );
  await expectAccessible(m, 'Share requests (ja)');
  await m.screenshot({ path: testInfo.outputPath('shares-pending-ja.png'), fullPage: true });
  await m
    .getByLabel('言語', { exact: true })
    .selectOption('en')
    .catch(async () => m.getByLabel('Language', { exact: true }).selectOption('en'));
  await pending.getByRole('button', { name: 'Approve' }).click();
  await expect
    .poll(async () =>
      (
        await stack.db.query<{ status: string }>('SELECT status FROM share_requests WHERE client_id = $1', [
          client.id,
        ])
      ).map((r) => r.status),
    )
    .toEqual(['approved']);

  // A manager's own request: shown to them, never decidable by them.
  await mNav.getByRole('button', { name: 'Clients' }).click();
  await ClientRecordPage.open(manager, clientName);
  await m.getByRole('tab', { name: 'Sharing' }).click();
  const managerAsk = m.getByRole('form', { name: 'Ask to share data with a partner' });
  await managerAsk.getByLabel('Partner', { exact: true }).selectOption({ label: `${partnerName} (JP)` });
  await m.getByRole('checkbox', { name: 'Passport' }).check();
  // The purpose must be the one the client's consent states.
  await expect(m.getByTestId('consented-purpose')).toHaveText(
    'The client’s consent for this partner states the purpose: “Admission paperwork”.',
  );
  await m
    .getByLabel('Booked trip item it serves')
    .selectOption({ label: `${tripTitle}: Ryokan night (2 Apr 2027)` });
  // The consent covers one catalogue purpose (the seeder's: treatment arrangement); another is refused.
  await m.getByLabel('Purpose (no personal data)').fill('Check-in');
  const purposeCode = m.getByLabel('Purpose under the client’s consent');
  await purposeCode.selectOption({ label: 'An insurance claim' });
  await m.getByRole('button', { name: 'Ask for approval' }).click();
  await expect(managerAsk.getByRole('alert')).toContainText(
    'The client consented to this provision for another purpose',
  );
  await purposeCode.selectOption({ label: 'Arranging treatment and admission' });
  await m.getByRole('button', { name: 'Ask for approval' }).click();
  await expect(managerAsk.getByRole('status')).toHaveText('The request is waiting for a manager.');
  await mNav.getByRole('button', { name: /Shares/ }).click();
  const own = m.getByTestId('share-request').filter({ hasText: 'Passport' }).first();
  await expect(own.getByText('Your own request: another manager decides it.')).toBeVisible();
  await expect(own.getByRole('button', { name: 'Approve' })).toHaveCount(0);

  // The concierge's sharing tab in Japanese.
  await c.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(c.getByRole('heading', { name: '提携先へのデータ共有を依頼' })).toBeVisible();
  await expectAccessible(c, 'Sharing tab (ja)');
  await c.screenshot({ path: testInfo.outputPath('share-tab-ja.png'), fullPage: true });
});
