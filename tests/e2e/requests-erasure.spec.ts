import { randomUUID } from 'node:crypto';
import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';
import { startVerifiedRequest } from '../support/pages/requests-page';
import { DAY_MS } from '../../shared/domain/erasure';

/**
 * Issue 16 review: an erasure request answered from the register. Only an erasure of the whole client, scheduled
 * since the request was received, answers it (request-rules.ts `erasureAnswerProblem`, on the device and in the
 * server's push rule): a retention rule's erasure of the passport data alone does not. Both erasures are due far
 * beyond the 31 days erasure.spec.ts's retention run looks ahead in the worker's shared organisation.
 */
test('the DPO answers an erasure request once the whole client’s erasure is scheduled from it, not a passport-only one', async ({
  enrolled,
  stack,
}, testInfo) => {
  test.setTimeout(180_000);
  const suffix = Date.now();
  const name = `Esme Erasewish ${suffix}`;
  const dpoName = `Dana Answerer ${suffix}`;
  const coordinator = await enrolled('coordinator');
  const dpo = await enrolled('admin', { name: dpoName });
  await coordinator.waitUntilOnline();
  await dpo.waitUntilOnline();
  await coordinator.addClient(name);
  await expect(await dpo.find(name)).toBeVisible({ timeout: 30_000 });
  const [client] = await stack.db.query<{ id: string }>(
    "SELECT id FROM sync_documents WHERE collection = 'clients' AND data->'names'->>'latin' = $1",
    [name],
  );
  const [admin] = await stack.db.query<{ id: string }>('SELECT id FROM staff WHERE display_name = $1', [
    dpoName,
  ]);

  // The client's erasure request, logged by the DPO, the requester's identity checked, work started.
  const d = dpo.page;
  await startVerifiedRequest(d, name, { type: 'erasure' });
  const action = d.getByTestId('request-action');
  const state = action.getByTestId('request-erasure-state');
  await expect(state).toHaveText(
    'No erasure of this client has been scheduled since the request was received.',
  );
  await expect(d.getByTestId('request-needs-evidence')).toHaveText('Answer once the action above is done.');

  // A retention rule's erasure of the client's passport data alone, scheduled since (as the retention job does).
  await stack.db.query(
    `INSERT INTO erasures (id, client_id, basis, reference, scheduled_by, scheduled_at, due_at, status, scope)
     VALUES ($1, $2, 'retention-rule', 'rule:passport', $3, $4, $5, 'scheduled', 'passport')`,
    [randomUUID(), client!.id, admin!.id, Date.now(), Date.now() + 400 * DAY_MS],
  );
  await action.getByRole('button', { name: 'Record the scheduled erasure' }).click();
  await expect(action.getByRole('alert')).toHaveText(
    'The erasures scheduled for this client do not cover what the request asks to be erased (the whole client, or the part it names).',
  );
  await expect(state).toHaveText(
    'Only part of this client (the passport data or the medical section) is being erased: that does not answer the request. Erase the whole client.',
  );
  // Nor can it be answered.
  await d.getByLabel('Decision', { exact: true }).selectOption('answer');
  await d.getByLabel('What was answered (or why refused)').fill('Your data is being erased.');
  await d.getByRole('button', { name: 'Record the decision' }).click();
  await expect(d.getByText('Carry out the request (or build the export) before answering.')).toBeVisible();
  await expect(d.getByTestId('request-status')).toHaveText('In progress');
  await expectAccessible(d, 'An erasure request with only a partial erasure');
  await d.screenshot({ path: testInfo.outputPath('request-erasure-partial-en.png'), fullPage: true });
  await d.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(state).toHaveText(
    'この顧客の一部（旅券情報または医療情報）だけが消去の対象です。それでは請求への回答になりません。顧客全体を消去してください。',
  );
  await expectAccessible(d, 'An erasure request with only a partial erasure, in Japanese');
  await d.screenshot({ path: testInfo.outputPath('request-erasure-partial-ja.png'), fullPage: true });
  await d.getByLabel('言語', { exact: true }).selectOption('en');

  // The whole client's erasure, scheduled from the request (its reference the request's id).
  await d.getByRole('button', { name: 'Erase this client…' }).click();
  const dialog = d.getByRole('dialog', { name: `Erase ${name} everywhere` });
  const reference = dialog.getByLabel('Reference (request id or matter, no personal data)');
  await expect(reference).toHaveValue(/^[0-9a-f-]{36}$/);
  const requestId = await reference.inputValue();
  await dialog.getByLabel('Grace period (days)').fill('365');
  await dialog.getByLabel('Type the client’s name to confirm').fill(name);
  await dialog.getByRole('button', { name: 'Schedule erasure' }).click();
  await expect(d.getByRole('status').filter({ hasText: 'The erasure is scheduled' })).toBeVisible();

  // Recorded on the request, then answered: the server takes the answer.
  await action.getByRole('button', { name: 'Record the scheduled erasure' }).click();
  await expect(action.getByRole('status')).toContainText('Erasure recorded as scheduled on');
  await expect(d.getByTestId('request-needs-evidence')).toHaveCount(0);
  await d.getByLabel('Decision', { exact: true }).selectOption('answer');
  await d.getByLabel('Sent by', { exact: true }).selectOption('email');
  await d.getByLabel('What was answered (or why refused)').fill('Your data is being erased.');
  await d.getByRole('button', { name: 'Record the decision' }).click();
  await expect(d.getByTestId('request-status')).toHaveText('Answered');
  await expect(dpo.pendingChanges).toHaveText('All changes sent');
  await expect
    .poll(async () => {
      const [row] = await stack.db.query<{ status: string; action: string | null }>(
        `SELECT data->>'status' AS status, data->'action'->>'kind' AS action FROM sync_documents
          WHERE collection = 'requests' AND id = $1`,
        [requestId],
      );
      return row;
    })
    .toEqual({ status: 'answered', action: 'erasure-scheduled' });
  await expect(d.getByTestId('parked-notice')).toHaveCount(0);
  await expectAccessible(d, 'An erasure request answered');
  await d.screenshot({ path: testInfo.outputPath('request-erasure-answered-en.png'), fullPage: true });
});

/**
 * Issue 16 review: a request to erase the medical section alone could only be answered by erasing the whole client
 * (only retention rules made partial erasures). The DPO schedules the medical section's erasure from the request;
 * it answers the request, the client stays listed, and the erasure, which the answered request rests on, is not
 * offered for cancellation (the server refuses it too: server/erasure/cancel-answered.test.ts).
 */
test('the DPO erases the medical section a request names, from the request; the answered request keeps it from being cancelled', async ({
  enrolled,
  stack,
}, testInfo) => {
  test.setTimeout(180_000);
  const suffix = Date.now();
  const name = `Mira Medonly ${suffix}`;
  const coordinator = await enrolled('coordinator');
  const dpo = await enrolled('admin');
  await coordinator.waitUntilOnline();
  await dpo.waitUntilOnline();
  await coordinator.addClient(name);
  await expect(await dpo.find(name)).toBeVisible({ timeout: 30_000 });
  const [client] = await stack.db.query<{ id: string }>(
    "SELECT id FROM sync_documents WHERE collection = 'clients' AND data->'names'->>'latin' = $1",
    [name],
  );

  const d = dpo.page;
  await startVerifiedRequest(d, name, { type: 'erasure', erasureScope: 'medical' });
  await expect(d.getByTestId('request-erasure-scope')).toHaveText('The medical section');
  const action = d.getByTestId('request-action');
  await d.getByRole('button', { name: 'Erase the medical section…' }).click();
  const dialog = d.getByRole('dialog', { name: `Erase the medical section of ${name}` });
  await expect(dialog).toContainText('crypto-shredded');
  await expect(dialog).toContainText('the client is not hidden');
  const requestId = await dialog
    .getByLabel('Reference (request id or matter, no personal data)')
    .inputValue();
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  await dialog.getByLabel('Grace period (days)').fill('365');
  await dialog.getByLabel('Type the client’s name to confirm').fill(name);
  await expectAccessible(d, 'The erase dialog for the medical section');
  await d.screenshot({ path: testInfo.outputPath('request-erase-medical-dialog-en.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Schedule erasure' }).click();
  await expect(d.getByRole('status').filter({ hasText: 'The erasure is scheduled' })).toBeVisible();
  const [erasure] = await stack.db.query<{ id: string; scope: string; reference: string }>(
    'SELECT id, scope, reference FROM erasures WHERE client_id = $1',
    [client!.id],
  );
  expect(erasure).toMatchObject({ scope: 'medical', reference: requestId });

  // It answers the request; the client stays listed.
  await action.getByRole('button', { name: 'Record the scheduled erasure' }).click();
  await expect(action.getByRole('status')).toContainText('Erasure recorded as scheduled on');
  await d.getByLabel('Decision', { exact: true }).selectOption('answer');
  await d.getByLabel('Sent by', { exact: true }).selectOption('email');
  await d.getByLabel('What was answered (or why refused)').fill('Your medical information is being erased.');
  await d.getByRole('button', { name: 'Record the decision' }).click();
  await expect(d.getByTestId('request-status')).toHaveText('Answered');
  await expect(dpo.pendingChanges).toHaveText('All changes sent');
  await expect
    .poll(async () => {
      const [row] = await stack.db.query<{ status: string }>(
        `SELECT data->>'status' AS status FROM sync_documents WHERE collection = 'requests' AND id = $1`,
        [requestId],
      );
      return row?.status;
    })
    .toBe('answered');
  await expect(d.getByTestId('parked-notice')).toHaveCount(0);
  await d.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Clients' }).click();
  await expect(d.getByRole('heading', { name: 'Clients', level: 2 })).toBeVisible();
  await expect(await dpo.find(name)).toBeVisible();

  // The erasures screen: the erasure the answered request rests on says why it cannot be cancelled.
  await d.getByRole('navigation').getByRole('button', { name: 'Erasures' }).click();
  const row = d.getByTestId('erasures').getByRole('row').filter({ hasText: client!.id });
  await expect(row.getByTestId('erasure-answers-request')).toHaveText(
    'Answers an erasure request of the register: it cannot be cancelled (the requester was told their data would be erased).',
  );
  await expect(row.getByRole('button', { name: 'Cancel erasure' })).toHaveCount(0);
  await expect(row).toContainText('scheduled (medical section only)');
  await expectAccessible(d, 'An erasure an answered request rests on');
  await d.screenshot({ path: testInfo.outputPath('erasure-answers-request-en.png'), fullPage: true });
  await d.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(row.getByTestId('erasure-answers-request')).toHaveText(
    '請求台帳の消去請求への対応です。取り消せません（請求者には消去すると伝えています）。',
  );
  await expectAccessible(d, 'An erasure an answered request rests on, in Japanese');
  await d.screenshot({ path: testInfo.outputPath('erasure-answers-request-ja.png'), fullPage: true });
  await d.getByLabel('言語', { exact: true }).selectOption('en');
  expect(
    (await stack.db.query<{ status: string }>('SELECT status FROM erasures WHERE id = $1', [erasure!.id]))[0],
  ).toEqual({ status: 'scheduled' });
});
