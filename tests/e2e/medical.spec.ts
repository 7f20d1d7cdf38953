import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { expectAccessible } from '../support/axe';
import { dumpIndexedDb } from '../support/indexeddb';
import { publishNotice } from '../support/notices';
import { MedicalPage } from '../support/pages/medical-page';

/** Every body of a sync pull the page receives (the event stream is left out: it never ends). */
function recordPulls(page: Page): { bodies: string[]; settled(): Promise<void> } {
  const bodies: string[] = [];
  const reading: Promise<void>[] = [];
  page.on('response', (response) => {
    if (!/\/sync\/[A-Za-z]+\/pull/.test(response.url())) return;
    reading.push(
      response.text().then(
        (body) => void bodies.push(body),
        () => undefined,
      ),
    );
  });
  return { bodies, settled: async () => void (await Promise.all(reading)) };
}

// Distinctive enough that finding them anywhere can only mean the plaintext leaked.
const HISTORY = 'Zanthoxylum-7731 cardiac ablation, 2019';
const ALLERGY = 'Quetzalcoatlin-4412';

test('a coordinator records consent and writes the sealed medical section; a concierge without a grant never receives its plaintext, and sees it once granted, audited', async ({
  enrolled,
  newDevice,
  organisation,
  stack,
}, testInfo) => {
  test.setTimeout(180_000);
  const suffix = Date.now();
  const noticeVersion = `m1-${suffix}`;
  await publishNotice(organisation, { version: noticeVersion, effectiveAt: Date.now() - 60_000 });
  const clientName = `Hana Medical ${suffix}`;
  const coordinatorName = `Chika Coordinator ${suffix}`;
  const conciergeName = `Aiko Concierge ${suffix}`;
  const coordinator = await enrolled('coordinator', { name: coordinatorName });
  const conciergePage = await newDevice();
  const pulls = recordPulls(conciergePage);
  const concierge = await enrolled('concierge', { page: conciergePage, name: conciergeName });
  await coordinator.waitUntilOnline();
  await concierge.waitUntilOnline();

  // The concierge adds the client, who is assigned to them; the coordinator sees every client.
  await concierge.addClient(clientName);
  await expect(await coordinator.find(clientName)).toBeVisible();
  const clientRows = await stack.db.query<{ id: string }>(
    "SELECT id FROM sync_documents WHERE collection = 'clients' AND data->'names'->>'latin' = $1",
    [clientName],
  );
  const clientId = clientRows[0]!.id;

  // Coordinator: nothing medical can be written before the consent is recorded.
  const coordinatorMedical = new MedicalPage(coordinator.page);
  await coordinatorMedical.open(clientName);
  const c = coordinator.page;
  await expect(c.getByText('No medical section has been written for this client yet.')).toBeVisible();
  await expect(c.getByRole('button', { name: 'Write the medical section' })).toHaveCount(0);
  await expect(c.getByTestId('medical-gate')).toHaveText(
    'No consent to medical data is recorded: nothing medical can be written until the client gives it.',
  );
  await c.getByRole('button', { name: 'Record consent to medical data' }).click();
  // Verbal: the coordinator recording it is its witness (authenticated), nobody picked from a list.
  await c.getByLabel('How', { exact: true }).selectOption({ label: 'Verbally, witnessed' });
  await expect(c.getByTestId('consent-witness-note')).toContainText('you are recorded as the witness');
  await c.screenshot({ path: testInfo.outputPath('consent-form-en.png'), fullPage: true });
  await expectAccessible(c, 'the medical consent form');
  await c.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(coordinatorMedical.consent).toContainText(
    `Consent to medical data in force: notice ${noticeVersion}, Verbally, witnessed`,
  );
  await expect(coordinatorMedical.consent).toContainText(`recorded by ${coordinatorName}`);

  // The section, with a validation error shown beside its field first.
  await c.getByRole('button', { name: 'Write the medical section' }).click();
  await c.getByLabel('Medical history').fill(HISTORY);
  const allergyRow = coordinatorMedical.row('Allergies', 1);
  await allergyRow.getByLabel('Substance').fill(ALLERGY);
  await allergyRow.getByLabel('Severity').selectOption('anaphylaxis');
  const medicationRow = coordinatorMedical.row('Current medications', 1);
  await medicationRow.getByLabel('Dose').fill('5 mg');
  await coordinatorMedical.saveSection();
  await expect(medicationRow.getByRole('alert')).toHaveText('Required.');
  await medicationRow.getByLabel('Medication').fill('Amlodipine');
  await coordinatorMedical.saveSection();
  await expect(coordinatorMedical.notice).toHaveText('Medical section saved.');
  await c.screenshot({ path: testInfo.outputPath('open-section-coordinator-en.png'), fullPage: true });

  // The server holds the section, sealed (this client's: other specs share the worker's server).
  const sectionsOfClient = () =>
    stack.db.query<{ id: string; data: unknown }>(
      "SELECT id, data FROM sync_documents WHERE collection = 'medical' AND data->>'clientId' = $1",
      [clientId],
    );
  await expect.poll(async () => (await sectionsOfClient()).length).toBe(1);
  const [section] = await sectionsOfClient();
  expect(JSON.stringify(section!.data)).not.toContain(HISTORY);

  // Concierge without a grant: the section exists and is sealed; who can grant is listed; no content, no button.
  const conciergeMedical = new MedicalPage(concierge.page);
  await conciergeMedical.open(clientName);
  const a = concierge.page;
  await expect(a.getByText('A sealed medical section exists for this client.')).toBeVisible();
  await expect(a.getByRole('list', { name: 'Who can grant you access' })).toContainText(coordinatorName);
  await expect(a.getByRole('button', { name: 'Show medical section' })).toHaveCount(0);
  await a.screenshot({ path: testInfo.outputPath('sealed-view-concierge-en.png'), fullPage: true });

  // What reached the concierge: the section itself (its id) came down, its plaintext never did.
  await expect
    .poll(async () => {
      await pulls.settled();
      return pulls.bodies.some((body) => body.includes(section!.id));
    })
    .toBe(true);
  await pulls.settled();
  for (const body of pulls.bodies) {
    expect(body).not.toContain(HISTORY);
    expect(body).not.toContain(ALLERGY);
    expect(body).not.toContain('Amlodipine');
  }
  const raw = JSON.stringify(await dumpIndexedDb(a));
  expect(raw).toContain(section!.id);
  expect(raw).not.toContain(HISTORY);
  expect(raw).not.toContain(ALLERGY);
  expect(raw).not.toContain('Zanthoxylum');

  // The coordinator grants the concierge; the concierge opens the section.
  await coordinatorMedical.grant(conciergeName);
  await a.getByRole('button', { name: 'Show medical section' }).click();
  await expect(a.getByLabel('Medical history')).toHaveValue(HISTORY);
  await expect(conciergeMedical.row('Allergies', 1).getByLabel('Substance')).toHaveValue(ALLERGY);
  await a.screenshot({ path: testInfo.outputPath('open-section-concierge-en.png'), fullPage: true });

  // The unsealing is audited, and the event reaches the server.
  const [conciergeRow] = await stack.db.query<{ id: string }>(
    'SELECT id FROM staff WHERE display_name = $1',
    [conciergeName],
  );
  await expect
    .poll(async () => {
      const rows = await stack.db.query<{
        data: { staffId: string; clientId: string; kind: string; fields: string[] };
      }>("SELECT data FROM sync_documents WHERE collection = 'auditEvents'");
      return rows
        .map((row) => row.data)
        .filter((event) => event.staffId === conciergeRow!.id && event.clientId === clientId);
    })
    .toEqual([
      expect.objectContaining({
        kind: 'medical-unsealed',
        fields: [
          'history',
          'currentMedications',
          'allergies',
          'conditions',
          'documentNotes',
          'plannedTreatments',
        ],
      }),
    ]);
  // Opened on the device, still sealed at rest.
  expect(JSON.stringify(await dumpIndexedDb(a))).not.toContain(HISTORY);

  // In Japanese.
  await a.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(a.getByRole('heading', { name: '医療情報セクション' })).toBeVisible();
  await expect(a.getByLabel('既往歴')).toHaveValue(HISTORY);
  await a.screenshot({ path: testInfo.outputPath('open-section-concierge-ja.png'), fullPage: true });
  await a.getByLabel('言語', { exact: true }).selectOption('en');

  // Revoked again: the key is rotated and the concierge is back to the sealed view.
  await coordinatorMedical.revoke(conciergeName);
  await expect(a.getByText('A sealed medical section exists for this client.')).toBeVisible();
  await expect(a.getByLabel('Medical history')).toHaveCount(0);
});
