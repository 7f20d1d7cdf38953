import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Ajv } from 'ajv';
import type { Page } from '@playwright/test';
import { clientExportJsonSchema } from '../../shared/domain/request-export-schema';
import type { ClientDataExport } from '../../shared/domain/request-export';
import { loadSodium } from '../../shared/crypto/index';
import { partnerFingerprint, partnerKeyText } from '../../shared/domain/partner-public-key';
import { expectAccessible } from '../support/axe';
import { ConsentSeeder } from '../support/consent-seeder';
import { expect, test } from '../support/fixtures';
import { publishNotice } from '../support/notices';
import { startVerifiedRequest } from '../support/pages/requests-page';

/**
 * Issue 16 review: the export of a client lists the records of provision to partners (APPI Art. 33(5)): the
 * partner, the date and the items given, in the JSON and in the readable report in English and Japanese; and the
 * export panel of a request an export does not answer (a correction) says why, in both languages.
 *
 * The provision is seeded through the server's API as devices make it (the partner in the directory, a trip booked
 * with it, a coordinator's signed provision consent, the approved share request in the server's table, the
 * manager's delivery registered through the delivery route, which writes the `provided` record):
 * share-delivery.spec.ts drives the whole delivery through the UI.
 */

const FIELDS = ['names', 'languages'] as const;
const sodium = await loadSodium();

test('the export lists what was provided to a partner (partner, date, items) in EN and JA; a correction gets no export, and says why', async ({
  enrolled,
  organisation,
  stack,
}, testInfo) => {
  test.setTimeout(240_000);
  const suffix = Date.now();
  const clientName = `Pia Provision ${suffix}`;
  const partner = { en: `Kobe Harbour Clinic ${suffix}`, ja: `神戸港クリニック${suffix}` };
  // Made before the DPO's device unlocks: its directory then knows the seeders' device keys.
  const asker = await ConsentSeeder.create(stack, organisation, `Asa Asker ${suffix}`, 'coordinator');
  const deliverer = await ConsentSeeder.create(stack, organisation, `Mori Manager ${suffix}`, 'manager');
  const notice = await publishNotice(organisation, { version: `xp-${suffix}` });
  const cited = { id: notice.id, version: notice.version, language: 'en', sha256: notice.texts[0]!.sha256 };
  const dpo = await enrolled('admin', { name: `Dana DPO ${suffix}` });
  await dpo.waitUntilOnline();

  // The client (the coordinator's: the DPO adds none), and what was given to the partner: consent, approved
  // share, delivery record.
  const now = Date.now();
  const client = { id: randomUUID(), assigned: [asker.staff.staffId] };
  await asker.push('clients', [
    {
      id: client.id,
      names: { latin: clientName },
      status: 'active',
      assignedStaffIds: client.assigned,
      createdAt: now,
      updatedAt: now,
    },
  ]);
  // The partner as a manager puts it in the directory: vetted, under an agreement, its key confirmed.
  const partnerId = randomUUID();
  const partnerKey = sodium.crypto_box_keypair().publicKey;
  const unconfirmed = {
    id: partnerId,
    names: partner,
    kind: 'clinic',
    country: 'JP',
    city: 'Kobe',
    vetting: { status: 'vetted', by: deliverer.staff.staffId, at: now },
    agreement: { signedOn: '2020-01-01', expiresOn: '2099-12-31' },
    key: { publicKey: partnerKeyText(partnerKey), fingerprint: partnerFingerprint(sodium, partnerKey) },
    assignedStaffIds: [],
    createdAt: now,
    updatedAt: now,
  };
  await deliverer.push('partners', [unconfirmed]);
  const confirmed = {
    ...unconfirmed,
    key: {
      ...unconfirmed.key,
      confirmedBy: deliverer.staff.staffId,
      confirmedAt: now,
      confirmedKey: unconfirmed.key.publicKey,
    },
  };
  await deliverer.push('partners', [confirmed], [unconfirmed]);
  // The client's trip with an item booked with the partner: what a share request is made for.
  const tripId = randomUUID();
  const tripItemId = randomUUID();
  await asker.push('trips', [
    {
      id: tripId,
      clientId: client.id,
      assignedStaffIds: client.assigned,
      title: `Kobe stay ${suffix}`,
      startDate: '2030-04-01',
      endDate: '2030-04-08',
      timeZone: 'Asia/Tokyo',
      items: [
        {
          id: tripItemId,
          kind: 'hotel',
          start: '2030-04-02T15:00:00+09:00',
          end: '2030-04-03T10:00:00+09:00',
          title: `Kobe stay ${suffix}`,
          partnerId,
        },
      ],
      createdAt: now,
      updatedAt: now,
    },
  ]);
  await asker.record({
    clientId: client.id,
    action: 'given',
    purpose: 'provision',
    notice: cited,
    // Signed before the share was asked for: in force when the package was delivered.
    at: now - 5 * 60_000,
    fields: { partnerId, statedPurpose: 'Admission paperwork' },
  });
  const shareId = randomUUID();
  await stack.db.query(
    `INSERT INTO share_requests (id, client_id, partner_name, partner_id, partner_country, purpose, fields, status,
                                 requested_by, requested_at, decided_by, decided_at, trip_id, trip_item_id, purpose_code)
     VALUES ($1, $2, $3, $4, 'JP', 'Admission paperwork', $5, 'approved', $6, $7, $8, $9, $10, $11,
             'treatment-arrangement')`,
    [
      shareId,
      client.id,
      partner.en,
      partnerId,
      JSON.stringify(FIELDS),
      asker.staff.staffId,
      now - 60_000,
      deliverer.staff.staffId,
      now - 30_000,
      tripId,
      tripItemId,
    ],
  );
  // The manager registers the package's delivery; the server writes the provision record (the only way one is).
  const delivered = (await deliverer.deliver(shareId, {
    packageId: randomUUID(),
    packageHash: createHash('sha256').update(`package ${suffix}`).digest('hex'),
  })) as { id: string; at: number };
  const provisionId = delivered.id;
  const providedAt = delivered.at;

  // A correction request: its export panel says an export answers a disclosure, in English and Japanese.
  const d = dpo.page;
  await expect(await dpo.find(clientName)).toBeVisible({ timeout: 30_000 });
  await startVerifiedRequest(d, clientName, { type: 'correction', rowText: 'Correction' });
  const why = d.getByTestId('export-not-for-request');
  await expect(why).toHaveText(
    'An export answers a request for disclosure (of the client’s data, or of the records of provision to third parties). This request is for: Correction. Nothing is exported for it.',
  );
  await expect(d.getByRole('button', { name: 'Build the export' })).toHaveCount(0);
  await expectAccessible(d, 'Export panel of a correction request');
  await d.screenshot({ path: testInfo.outputPath('export-not-for-correction-en.png'), fullPage: true });
  await d.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(why).toHaveText(
    'エクスポートは開示の請求（顧客の保有個人データ、または第三者提供記録の開示）に回答するものです。この請求は「訂正」のため、エクスポートはしません。',
  );
  await expectAccessible(d, 'Export panel of a correction request, in Japanese');
  await d.screenshot({ path: testInfo.outputPath('export-not-for-correction-ja.png'), fullPage: true });
  await d.getByLabel('言語', { exact: true }).selectOption('en');
  await d.getByRole('button', { name: 'Back to the register' }).click();

  // A disclosure of the provision records: the export lists the provision, once it reached the DPO's device.
  await startVerifiedRequest(d, clientName, {
    type: 'provision-records',
    rowText: 'Records of provision to third parties',
  });
  let exported: ClientDataExport | undefined;
  await expect(async () => {
    await d.getByRole('button', { name: 'Build the export' }).click();
    await expect(d.getByTestId('export-built')).toContainText('Export built', { timeout: 2000 });
    const saving = d.waitForEvent('download', { timeout: 5000 });
    await d.getByRole('button', { name: 'Save the JSON file' }).click();
    exported = JSON.parse(await readFile((await (await saving).path())!, 'utf8')) as ClientDataExport;
    expect(exported.provisionLedger.records.map((record) => record.id)).toEqual([provisionId]);
  }).toPass({ timeout: 60_000 });
  const validate = new Ajv({ allErrors: true, strict: false }).compile(clientExportJsonSchema);
  expect(validate(exported), JSON.stringify(validate.errors)).toBe(true);
  expect(exported!.provisionLedger.records[0]).toMatchObject({
    kind: 'provided',
    partnerId,
    at: providedAt,
    items: [
      { key: 'names', label: { en: 'Names', ja: '氏名' } },
      { key: 'languages', label: { en: 'Languages', ja: '言語' } },
    ],
  });
  expect(exported!.provisionLedger.partners).toEqual([
    expect.objectContaining({ id: partnerId, names: partner }),
  ]);

  // The readable report, in English then Japanese: the partner, the date, the items.
  const ledger = await shownLedger(d, 'en', 'Provision ledger: data given to and received from partners');
  // The date in English, British or American as i18next's formatter is asked: the day, month and year all there.
  const dates = [await dateIn(d, 'en-GB', providedAt), await dateIn(d, 'en', providedAt)];
  await expect(ledger).toHaveText(
    new RegExp(`(${dates.map(escaped).join('|')}), provided to ${escaped(partner.en)}: Names, Languages`),
  );
  // The approved share behind it (the records of provision) names its items in words too.
  await expect(
    d.getByTestId('export-report').getByRole('region', { name: 'Records of provision to third parties' }),
  ).toContainText(`${partner.en} (Japan)`);
  await expect(
    d.getByTestId('export-report').getByRole('region', { name: 'Records of provision to third parties' }),
  ).toContainText(': Names, Languages');
  await expectAccessible(d, 'Export report with a provision, in English');
  await d.emulateMedia({ media: 'print' });
  await d.screenshot({ path: testInfo.outputPath('export-provision-en.png'), fullPage: true });
  await d.emulateMedia({ media: 'screen' });
  await d.keyboard.press('Escape');
  const ledgerJa = await shownLedger(d, 'ja', '提供記録：提携先への提供と提携先からの受領');
  await expect(ledgerJa).toContainText(
    `${await dateIn(d, 'ja', providedAt)}、${partner.ja}（提供）：氏名, 言語`,
  );
  await expect(
    d.getByTestId('export-report').getByRole('region', { name: '第三者提供の記録' }),
  ).toContainText(`${partner.en}（日本）`);
  await expect(
    d.getByTestId('export-report').getByRole('region', { name: '第三者提供の記録' }),
  ).toContainText('：氏名, 言語');
  await expectAccessible(d, 'Export report with a provision, in Japanese');
  await d.emulateMedia({ media: 'print' });
  await d.screenshot({ path: testInfo.outputPath('export-provision-ja.png'), fullPage: true });
  await d.emulateMedia({ media: 'screen' });
});

/** The report in `language`, opened from the export panel: its provision ledger's section. */
async function shownLedger(page: Page, language: 'en' | 'ja', heading: string) {
  await page.getByLabel('Report language (the client’s by default)').selectOption(language);
  await page.getByRole('button', { name: 'Show the readable report' }).click();
  return page.getByTestId('export-report').getByRole('region', { name: heading });
}

/** A date as the report writes it (a medium date), in the page's own zone. */
const dateIn = (page: Page, locale: string, at: number) =>
  page.evaluate(
    ([lang, ms]) => new Intl.DateTimeFormat(lang as string, { dateStyle: 'medium' }).format(ms as number),
    [locale, at] as const,
  );

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
