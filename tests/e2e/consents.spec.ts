import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { syncPaths } from '../../shared/sync/protocol';
import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';
import { OFFLINE_REQUEST } from '../support/page-errors';
import { publishNotice } from '../support/notices';
import { ClientRecordPage } from '../support/pages/client-record-page';
import { ConsentsPage } from '../support/pages/consents-page';
import { MedicalPage } from '../support/pages/medical-page';
import type { TestOrganisation } from '../support/organisation';
import type { TestStack } from '../support/stack';

/** A partner of the organisation's directory, pushed by the admin (vetted in the admin's name, now, or suspended). */
async function addPartner(
  organisation: TestOrganisation,
  name: string,
  country: string,
  status: 'vetted' | 'suspended',
): Promise<string> {
  const id = randomUUID();
  const now = Date.now();
  const pushed = await organisation.pushAsAdmin('partners', [
    {
      id,
      names: { en: name, ja: `${name}（日本語名）` },
      kind: 'hospital',
      country,
      city: 'City',
      vetting: { status, by: organisation.adminId, at: now },
      assignedStaffIds: [],
      createdAt: now,
      updatedAt: now,
    },
  ]);
  if (pushed.status !== 200 || pushed.body !== '[]') throw new Error(`partner ${name}: ${pushed.body}`);
  return id;
}

/** The bearer token a page's sync requests carry (the device's session). */
function tokenOf(page: Page): () => string | undefined {
  let token: string | undefined;
  page.on('request', (request) => {
    const header = request.headers().authorization;
    if (header?.startsWith('Bearer ') && request.url().includes('/sync/')) token = header;
  });
  return () => token;
}

/** A unique name part in Latin letters only (a profile's Latin name refuses digits). */
const lettersOf = (n: number) => n.toString().replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)]!);

async function ledgerOnServer(stack: TestStack, clientId: string) {
  return stack.db.query<{ id: string; data: Record<string, unknown> }>(
    "SELECT id, data FROM sync_documents WHERE collection = 'consents' AND data->>'clientId' = $1 ORDER BY id",
    [clientId],
  );
}

async function clientIdOf(stack: TestStack, name: string): Promise<string> {
  const rows = await stack.db.query<{ id: string }>(
    "SELECT id FROM sync_documents WHERE collection = 'clients' AND data->'names'->>'latin' = $1",
    [name],
  );
  return rows[0]!.id;
}

test('a coordinator records medical, partner and marketing consents; the receipt prints in the client’s language; a concierge can change or delete none of them', async ({
  enrolled,
  newDevice,
  organisation,
  stack,
}, testInfo) => {
  test.setTimeout(180_000);
  const suffix = Date.now();
  const version = `c1-${suffix}`;
  await publishNotice(organisation, { version, effectiveAt: Date.now() - 60_000 });
  // The partner directory: a consent names a partner from it, never one typed; a suspended one is not offered.
  const partnerName = `Raffles Hospital ${suffix}`;
  const partnerId = await addPartner(organisation, partnerName, 'SG', 'vetted');
  const closedName = `Closed Clinic ${suffix}`;
  await addPartner(organisation, closedName, 'SG', 'suspended');
  const clientName = `Yui Consent ${lettersOf(suffix)}`;
  const coordinatorName = `Chika Ledger ${suffix}`;
  const conciergeName = `Aiko Ledger ${suffix}`;
  const coordinator = await enrolled('coordinator', { name: coordinatorName });
  const conciergePage = await newDevice();
  const conciergeToken = tokenOf(conciergePage);
  const concierge = await enrolled('concierge', { page: conciergePage, name: conciergeName });
  await coordinator.waitUntilOnline();
  await concierge.waitUntilOnline();
  await concierge.addClient(clientName);
  await expect(await coordinator.find(clientName)).toBeVisible();
  const clientId = await clientIdOf(stack, clientName);

  // The client reads Japanese first: the receipt is written in it.
  const record = await ClientRecordPage.open(coordinator, clientName);
  const identity = record.section('Names and identity');
  await record.chooseLanguages(identity, ['Japanese', 'English']);
  await record.save(identity);

  const c = coordinator.page;
  const consents = new ConsentsPage(c);
  await c.getByRole('tab', { name: 'Consents' }).click();
  await expect(consents.state('Medical data')).toHaveAttribute('data-state', 'never-given');
  await expect(consents.state('Marketing')).toContainText('Never given');

  // The form offers effective versions in the client's language (Japanese here).
  await c.getByRole('button', { name: 'Record a consent' }).click();
  await expect(c.getByLabel('Privacy notice shown').locator('option', { hasText: version })).toHaveText(
    `${version} (Japanese)`,
  );
  // A verbal consent's witness is the person recording it (authenticated), not a colleague picked from a list.
  await c.getByLabel('How', { exact: true }).selectOption({ label: 'Verbally, witnessed' });
  await expect(c.getByTestId('consent-witness-note')).toContainText('you are recorded as the witness');
  await expect(c.getByLabel('Witness', { exact: true })).toHaveCount(0);
  await expectAccessible(c, 'the consent form, verbal');
  await c.getByRole('button', { name: 'Cancel' }).click();

  await consents.record({ purpose: 'Medical data', notice: version });
  // The provision names a partner picked from the directory, with its country from the directory.
  await c.getByRole('button', { name: 'Record a consent' }).click();
  await c.getByLabel('Purpose', { exact: true }).selectOption({ label: 'Provision to a partner' });
  const picker = c.getByLabel('Partner', { exact: true });
  await expect(picker.locator('option', { hasText: partnerName })).toHaveText(`${partnerName} (Singapore)`);
  await expect(picker.locator('option', { hasText: closedName })).toHaveCount(0);
  await picker.selectOption({ label: `${partnerName} (Singapore)` });
  await expect(c.getByTestId('consent-partner-country')).toHaveText(
    'Partner’s country (from the directory): Singapore',
  );
  await expectAccessible(c, 'the consent form, a partner picked');
  await c
    .getByRole('form', { name: 'Record a consent, a refusal or that the client was told' })
    .screenshot({ path: testInfo.outputPath('consent-form-partner-en.png') });
  await c.getByRole('button', { name: 'Cancel' }).click();
  // The same form in Japanese: the partner by its Japanese name, its country in Japanese.
  await c.getByLabel('Language', { exact: true }).selectOption('ja');
  await c.getByRole('button', { name: '同意を記録' }).click();
  await c.getByLabel('目的', { exact: true }).selectOption({ label: '提携先への第三者提供' });
  const jaPartner = `${partnerName}（日本語名）（シンガポール）`;
  await c.getByLabel('提携先', { exact: true }).selectOption({ label: jaPartner });
  await expect(c.getByTestId('consent-partner-country')).toHaveText('提携先の国（名簿より）：シンガポール');
  await expectAccessible(c, 'the consent form in Japanese, a partner picked');
  await c
    .getByRole('form', { name: '同意・拒否・顧客への通知の記録' })
    .screenshot({ path: testInfo.outputPath('consent-form-partner-ja.png') });
  await c.getByRole('button', { name: 'キャンセル' }).click();
  await c.getByLabel('言語', { exact: true }).selectOption('en');
  await consents.record({
    purpose: 'Provision to a partner',
    notice: version,
    partner: partnerName,
    statedPurpose: 'Pre-treatment assessment at the partner hospital',
  });
  await consents.record({
    purpose: 'Marketing',
    notice: version,
    method: 'Verbally, witnessed',
  });
  await expect(consents.state('Medical data')).toHaveAttribute('data-state', 'in-force');
  await expect(consents.state(`Provision to a partner: ${partnerName}`)).toHaveAttribute(
    'data-state',
    'in-force',
  );
  await expect(consents.state('Marketing')).toHaveAttribute('data-state', 'in-force');
  await expect(consents.entries).toHaveCount(3);
  await expect(consents.entries.getByTestId('consent-validity')).toHaveText(
    Array(3).fill('Signature verified'),
  );
  await expect(consents.entries.filter({ hasText: 'Marketing' })).toContainText(
    `Witness: ${coordinatorName}`,
  );
  await expect(consents.entries.first()).toContainText(`Notice ${version} (Japanese)`);
  await expectAccessible(c, 'the Consents tab');
  await c.screenshot({ path: testInfo.outputPath('consents-tab-en.png'), fullPage: true });

  // The three records reach the server, signed and as recorded.
  await expect.poll(async () => (await ledgerOnServer(stack, clientId)).length).toBe(3);
  const ledger = await ledgerOnServer(stack, clientId);
  expect(ledger.map((row) => row.data.purpose).sort()).toEqual(['marketing', 'medical-data', 'provision']);
  expect(ledger.find((row) => row.data.purpose === 'provision')?.data).toMatchObject({
    partnerId,
    partnerCountry: 'SG',
  });

  // The receipt, in Japanese whatever the UI's language; printed alone (print CSS); the same as JSON.
  const receipt = await consents.openReceipt();
  await expect(receipt).toHaveAttribute('lang', 'ja');
  await expect(receipt.getByRole('heading', { name: '同意の控え' })).toBeVisible();
  await expect(receipt.locator('tr[data-purpose="medical-data"]')).toContainText('有効');
  await expect(receipt.locator('tr[data-purpose="medical-data"]')).toContainText(version);
  await expect(receipt.locator('tr[data-purpose="marketing"]')).toContainText('口頭（立会いあり）');
  await expect(receipt).toContainText('個人情報保護責任者');
  await expectAccessible(c, 'the consent receipt');
  await receipt.screenshot({ path: testInfo.outputPath('receipt-ja.png') });
  await c.emulateMedia({ media: 'print' });
  await expect(c.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
  await expect(c.getByRole('heading', { name: 'Consents', level: 3 })).toBeHidden();
  await c.screenshot({ path: testInfo.outputPath('receipt-ja-print.png'), fullPage: true });
  await c.emulateMedia({ media: 'screen' });
  await c.evaluate(() => {
    window.print = () => document.body.setAttribute('data-printed', 'yes');
  });
  await c.getByRole('button', { name: 'Print or save as PDF' }).click();
  await expect(c.locator('body')).toHaveAttribute('data-printed', 'yes');
  const download = c.waitForEvent('download');
  await c.getByRole('button', { name: 'Download JSON' }).click();
  const json = JSON.parse(await readFile((await (await download).path())!, 'utf8')) as {
    language: string;
    consents: { purpose: string; state: string; noticeVersion?: string; method?: string }[];
    howToWithdraw: string;
  };
  expect(json.language).toBe('ja');
  expect(json.consents).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ purpose: 'medical-data', state: 'in-force', noticeVersion: version }),
      // The partner keeps its id and is named as the directory holds it, in the receipt's language.
      expect.objectContaining({
        purpose: 'provision',
        state: 'in-force',
        partnerId,
        partner: { name: `${partnerName}（日本語名）`, country: 'SG' },
      }),
      expect.objectContaining({ purpose: 'marketing', state: 'in-force', method: 'verbal-witnessed' }),
    ]),
  );
  expect(json.howToWithdraw).toContain('個人情報保護責任者');
  await c.getByRole('combobox', { name: 'Receipt language' }).selectOption('en');
  await expect(receipt.getByRole('heading', { name: 'Consent receipt' })).toBeVisible();
  await expect(receipt).toContainText('Data Protection Officer');
  await receipt.screenshot({ path: testInfo.outputPath('receipt-en.png') });
  await c.getByRole('button', { name: 'Close' }).click();

  // The concierge sees the ledger and no action that changes or deletes a record.
  const a = concierge.page;
  const conciergeConsents = new ConsentsPage(a);
  await conciergeConsents.open(clientName);
  await expect(conciergeConsents.entries).toHaveCount(3);
  await expect(
    conciergeConsents.panel.getByRole('button', { name: /delete|remove|edit|change|undo/i }),
  ).toHaveCount(0);
  await expect(conciergeConsents.panel.getByRole('textbox')).toHaveCount(0);
  await a.screenshot({ path: testInfo.outputPath('consents-tab-concierge.png'), fullPage: true });

  // A crafted push of a changed record, and one of its deletion, from the concierge's device: 403, nothing written.
  await expect.poll(conciergeToken).toBeDefined();
  const marketing = ledger.find((row) => row.data.purpose === 'marketing')!;
  const master = { ...(marketing.data as { at: number }), _deleted: false };
  for (const newDocumentState of [
    { ...master, method: 'email', witnessStaffId: undefined },
    { ...master, at: master.at - 86_400_000 },
    { ...master, _deleted: true },
  ]) {
    const res = await stack.server.app.inject({
      method: 'POST',
      url: syncPaths.push('consents'),
      headers: { authorization: conciergeToken()! },
      payload: [{ newDocumentState, assumedMasterState: master }],
    });
    expect(res.statusCode, res.body).toBe(403);
  }
  expect(await ledgerOnServer(stack, clientId)).toEqual(ledger);

  // In Japanese.
  await a.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(a.getByRole('heading', { name: '同意', level: 3 })).toBeVisible();
  await expectAccessible(a, 'the Consents tab in Japanese');
  await a.screenshot({ path: testInfo.outputPath('consents-tab-ja.png'), fullPage: true });
  await a.getByLabel('言語', { exact: true }).selectOption('en');
});

test('a withdrawal made on an offline device blocks medical writes there at once, and on a second device after sync', async ({
  enrolled,
  organisation,
  pageErrors,
  stack,
}, testInfo) => {
  test.setTimeout(180_000);
  pageErrors.allowConsole(OFFLINE_REQUEST);
  const suffix = Date.now();
  const version = `w1-${suffix}`;
  await publishNotice(organisation, { version, effectiveAt: Date.now() - 60_000 });
  const clientName = `Ren Withdrawal ${suffix}`;
  const managerName = `Dan Office ${suffix}`;
  const first = await enrolled('coordinator', { name: `Chika Offline ${suffix}` });
  const second = await enrolled('manager', { name: managerName });
  await first.waitUntilOnline();
  await second.waitUntilOnline();
  await first.addClient(clientName);
  await expect(await second.find(clientName)).toBeVisible();
  const clientId = await clientIdOf(stack, clientName);

  // A medical consent and a section; the manager is granted access and opens it.
  const c = first.page;
  const medical = new MedicalPage(c);
  await medical.open(clientName);
  await medical.recordConsent(version, 'Signed paper form');
  await expect(medical.consent).toContainText(`Consent to medical data in force: notice ${version}`);
  await c.getByRole('button', { name: 'Write the medical section' }).click();
  await c.getByLabel('Medical history').fill('Asthma since 2001');
  await medical.saveSection();
  await expect(medical.notice).toHaveText('Medical section saved.');
  await medical.grant(managerName);
  const m = second.page;
  const managerMedical = new MedicalPage(m);
  await managerMedical.open(clientName);
  await m.getByRole('button', { name: 'Show medical section' }).click();
  await expect(m.getByLabel('Medical history')).toHaveValue('Asthma since 2001');
  await expect(m.getByRole('button', { name: 'Save medical section' })).toBeEnabled();
  await expect(first.pendingChanges).toHaveText('All changes sent');

  // Offline, the coordinator records the client's withdrawal: its effects are stated before confirming.
  await c.context().setOffline(true);
  const consents = new ConsentsPage(c);
  await c.getByRole('tab', { name: 'Consents' }).click();
  const dialog = await consents.openWithdrawal('Medical data');
  await expect(dialog).toContainText('No more medical data can be written for this client');
  await expect(dialog).toContainText('added to the request register as an erasure request');
  await expectAccessible(c, 'the withdrawal dialog');
  await c.screenshot({ path: testInfo.outputPath('withdrawal-dialog-en.png'), fullPage: true });
  await dialog.getByLabel('The client also asks for the medical section to be erased').check();
  await consents.confirmWithdrawal(dialog);
  await expect(consents.state('Medical data')).toHaveAttribute('data-state', 'withdrawn');
  await expect(consents.entries.filter({ has: c.getByTestId('consent-ended') })).toHaveCount(1);
  // The erasure goes to the request register; a coordinator not assigned to the client may not log requests for
  // it, so here it is noted as pending on the withdrawal, for someone who may (renderer unit tests cover the
  // request logged: features/consents/withdraw-erasure.test.ts).
  await expect(consents.notice).toContainText('the erasure is noted as pending');
  await expect(consents.entries.first()).toContainText('Erasure of the medical section requested: pending');
  await expect(first.syncStatus).toContainText('Offline');
  await c.screenshot({ path: testInfo.outputPath('withdrawn-offline.png'), fullPage: true });

  // On this device at once: the gate refuses, in English and in Japanese.
  await c.getByRole('tab', { name: 'Medical' }).click();
  await expect(c.getByTestId('medical-gate')).toHaveText(
    'The client withdrew consent to medical data. Nothing medical can be written.',
  );
  await c.getByRole('button', { name: 'Show medical section' }).click();
  await expect(c.getByLabel('Medical history')).toHaveValue('Asthma since 2001');
  await expect(c.getByRole('button', { name: 'Save medical section' })).toBeDisabled();
  await c.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(c.getByTestId('medical-gate')).toHaveText(
    '顧客は医療情報の取扱いへの同意を撤回しました。医療情報は記録できません。',
  );
  await c.getByLabel('言語', { exact: true }).selectOption('en');

  // Back online: the withdrawal reaches the server and the manager's device, whose writes stop too.
  await c.context().setOffline(false);
  await expect
    .poll(async () => (await ledgerOnServer(stack, clientId)).map((row) => row.data.action).sort())
    .toEqual(['given', 'withdrawn']);
  await expect(m.getByTestId('medical-gate')).toHaveText(
    'The client withdrew consent to medical data. Nothing medical can be written.',
  );
  await expect(m.getByRole('button', { name: 'Save medical section' })).toBeDisabled();
  await m.screenshot({ path: testInfo.outputPath('withdrawn-second-device.png'), fullPage: true });
});
