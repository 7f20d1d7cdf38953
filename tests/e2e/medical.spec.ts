import { expect, test, type Page } from '@playwright/test';
import type { Role } from '../../shared/index';
import { dumpIndexedDb } from '../support/indexeddb';
import { TestOrganisation } from '../support/organisation';
import { startStack, type TestStack } from '../support/stack';
import { ClientsPage } from './pages/clients-page';
import { EnrolmentPage } from './pages/enrolment-page';

let stack: TestStack;
let organisation: TestOrganisation;

test.beforeAll(async () => {
  stack = await startStack();
  organisation = await TestOrganisation.setUp(stack);
});
test.afterAll(async () => {
  await stack?.stop();
});

/** Enrols the device on `page` as `name` with `role`, approved by the organisation's admin, and unlocks it. */
async function enrolAs(page: Page, name: string, role: Role): Promise<ClientsPage> {
  await page.goto(stack.webHost.url);
  const code = await organisation.invite(name, role);
  const enrolment = new EnrolmentPage(page);
  await enrolment.join({ code, deviceName: `${name}'s laptop` });
  const approved = await organisation.approve(name);
  await expect(enrolment.fingerprint).toHaveText(approved.fingerprint);
  await enrolment.waitForApproval();
  const clients = new ClientsPage(page);
  await clients.unlock();
  return clients;
}

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

async function openMedical(page: Page, clientName: string) {
  await page.getByRole('button', { name: clientName, exact: true }).click();
  await page.getByRole('tab', { name: 'Medical' }).click();
  await expect(page.getByRole('heading', { name: 'Medical section' })).toBeVisible();
}

// Distinctive enough that finding them anywhere can only mean the plaintext leaked.
const HISTORY = 'Zanthoxylum-7731 cardiac ablation, 2019';
const ALLERGY = 'Quetzalcoatlin-4412';

test('a coordinator records consent and writes the sealed medical section; a concierge without a grant never receives its plaintext, and sees it once granted, audited', async ({
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const suffix = Date.now();
  const clientName = `Hana Medical ${suffix}`;
  const coordinatorName = `Chika Coordinator ${suffix}`;
  const conciergeName = `Aiko Concierge ${suffix}`;
  const office = await browser.newContext();
  const field = await browser.newContext();
  const coordinator = await enrolAs(await office.newPage(), coordinatorName, 'coordinator');
  const conciergePage = await field.newPage();
  const pulls = recordPulls(conciergePage);
  const concierge = await enrolAs(conciergePage, conciergeName, 'concierge');
  await coordinator.waitUntilOnline();
  await concierge.waitUntilOnline();

  // The concierge adds the client, who is assigned to them; the coordinator sees every client.
  await concierge.addClient(clientName);
  await expect(coordinator.client(clientName)).toBeVisible();
  const clientRows = await stack.db.query<{ id: string }>(
    "SELECT id FROM sync_documents WHERE collection = 'clients' AND data->'names'->>'latin' = $1",
    [clientName],
  );
  const clientId = clientRows[0]!.id;

  // Coordinator: nothing medical can be written before the consent is recorded.
  await openMedical(coordinator.page, clientName);
  const c = coordinator.page;
  await expect(c.getByText('No medical section has been written for this client yet.')).toBeVisible();
  await expect(c.getByRole('button', { name: 'Write the medical section' })).toHaveCount(0);
  await expect(c.getByTestId('consent-witness')).toHaveText(coordinatorName);
  await c.getByRole('button', { name: 'Record consent' }).click();
  await expect(c.locator('#consent-policyVersion-error')).toHaveText('Required.');
  await c.getByLabel('Privacy policy version').fill('2026.1');
  await c.getByLabel('How consent was given').selectOption('verbal-witnessed');
  await c.screenshot({ path: testInfo.outputPath('consent-form-en.png'), fullPage: true });
  await c.getByRole('button', { name: 'Record consent' }).click();
  await expect(c.getByTestId('medical-consent')).toContainText(
    `Consent recorded: policy 2026.1, Verbally, witnessed`,
  );
  await expect(c.getByTestId('medical-consent')).toContainText(`witnessed by ${coordinatorName}`);

  // The section, with a validation error shown beside its field first.
  await c.getByRole('button', { name: 'Write the medical section' }).click();
  await c.getByLabel('Medical history').fill(HISTORY);
  const allergyRow = c.getByRole('group', { name: 'Allergies: Row 1' });
  await allergyRow.getByLabel('Substance').fill(ALLERGY);
  await allergyRow.getByLabel('Severity').selectOption('anaphylaxis');
  const medicationRow = c.getByRole('group', { name: 'Current medications: Row 1' });
  await medicationRow.getByLabel('Dose').fill('5 mg');
  await c.getByRole('button', { name: 'Save medical section' }).click();
  await expect(medicationRow.getByRole('alert')).toHaveText('Required.');
  await medicationRow.getByLabel('Medication').fill('Amlodipine');
  await c.getByRole('button', { name: 'Save medical section' }).click();
  await expect(c.getByTestId('medical-notice')).toHaveText('Medical section saved.');
  await c.screenshot({ path: testInfo.outputPath('open-section-coordinator-en.png'), fullPage: true });

  // The server holds the section, sealed.
  await expect
    .poll(
      async () => (await stack.db.query("SELECT id FROM sync_documents WHERE collection = 'medical'")).length,
    )
    .toBe(1);
  const [section] = await stack.db.query<{ id: string; data: unknown }>(
    "SELECT id, data FROM sync_documents WHERE collection = 'medical'",
  );
  expect(JSON.stringify(section!.data)).not.toContain(HISTORY);

  // Concierge without a grant: the section exists and is sealed; who can grant is listed; no content, no button.
  await openMedical(concierge.page, clientName);
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
  await c.getByRole('button', { name: `Grant access to ${conciergeName}` }).click();
  await expect(c.getByTestId('medical-notice')).toHaveText(`Access granted to ${conciergeName}.`);
  await a.getByRole('button', { name: 'Show medical section' }).click();
  await expect(a.getByLabel('Medical history')).toHaveValue(HISTORY);
  await expect(a.getByRole('group', { name: 'Allergies: Row 1' }).getByLabel('Substance')).toHaveValue(
    ALLERGY,
  );
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
  await a.getByLabel('Language').selectOption('ja');
  await expect(a.getByRole('heading', { name: '医療情報セクション' })).toBeVisible();
  await expect(a.getByLabel('既往歴')).toHaveValue(HISTORY);
  await a.screenshot({ path: testInfo.outputPath('open-section-concierge-ja.png'), fullPage: true });
  await a.getByLabel('言語').selectOption('en');

  // Revoked again: the key is rotated and the concierge is back to the sealed view.
  await c.getByRole('button', { name: `Revoke access of ${conciergeName}` }).click();
  await expect(c.getByTestId('medical-notice')).toContainText(`Access of ${conciergeName} revoked`);
  await expect(a.getByText('A sealed medical section exists for this client.')).toBeVisible();
  await expect(a.getByLabel('Medical history')).toHaveCount(0);

  await office.close();
  await field.close();
});
