import { loadSodium, type StaffIdentity } from '../../shared/crypto/index';
import { decodeBase64Url } from '../../shared/crypto/encoding';
import { syncPaths } from '../../shared/sync/protocol';
import { auditChainOf } from '../support/audit-log';
import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';
import { startVerifiedRequest } from '../support/pages/requests-page';
import { publishTestNotice } from '../support/notices';
import { ClientRecordPage } from '../support/pages/client-record-page';
import { ConsentsPage } from '../support/pages/consents-page';

/**
 * The access log's call sites beyond the medical section (issue 18, "what is logged"): a coordinator shows a
 * passport and records a consent; the DPO handles a request, builds its export, opens its report and changes the
 * coordinator's role. The DPO's console shows each, with the actor, and no value (no passport number).
 */
test('passport shown, consent recorded, request handled, export and role change each reach the DPO’s console', async ({
  enrolled,
  newDevice,
  organisation,
  stack,
}, testInfo) => {
  test.setTimeout(240_000);
  const notice = await publishTestNotice(organisation);
  const suffix = Date.now();
  const clientName = `Ren Logged ${suffix}`;
  const coordinatorName = `Chika Calls ${suffix}`;
  // A device whose access log skips an entry: the server refuses it, and the device's chain stops there.
  const stoppedName = `Kenji Stopped ${suffix}`;
  const stopped = await organisation.addStaff('concierge', stoppedName);
  const signer = {
    staffId: stopped.deviceId,
    signSecretKey: stopped.keys.signSecretKey,
    signPublicKey: decodeBase64Url(stopped.keys.registration.signPublicKey)!,
  } as StaffIdentity;
  const { entries } = auditChainOf(await loadSodium(), signer, 2, {
    staffId: stopped.staffId,
    kind: 'unlocked',
  });
  const refused = await stack.server.app.inject({
    method: 'POST',
    url: syncPaths.push('auditEvents'),
    headers: stopped.headers,
    payload: [{ newDocumentState: { ...entries[1]!, _deleted: false } }],
  });
  expect(refused.statusCode).toBe(403);
  const coordinator = await enrolled('coordinator', { name: coordinatorName });
  const dpo = await enrolled('admin', { page: await newDevice(), name: `Dana Console ${suffix}` });
  await coordinator.waitUntilOnline();
  await dpo.waitUntilOnline();

  // The coordinator: a passport saved (then on screen), a marketing consent recorded.
  await coordinator.addClient(clientName);
  const record = await ClientRecordPage.open(coordinator, clientName);
  const passport = record.section('Passport');
  await passport.getByLabel('Passport number').fill('TZ1234567');
  await passport.getByLabel('Issuing country').selectOption('JP');
  await passport.getByLabel('Expiry date').fill('2035-06-30');
  await record.save(passport);
  const consents = new ConsentsPage(coordinator.page);
  await coordinator.page.getByRole('tab', { name: 'Consents' }).click();
  await consents.record({ purpose: 'Marketing', notice });

  // The DPO: a request verified, its export built and its report opened.
  const d = dpo.page;
  const nav = d.getByRole('navigation', { name: 'Sections' });
  await expect(await dpo.find(clientName)).toBeVisible({ timeout: 30_000 });
  await startVerifiedRequest(d, clientName, { type: 'disclosure', channel: 'in-person' });
  await d.getByRole('button', { name: 'Build the export' }).click();
  await expect(d.getByTestId('export-built')).toContainText('Export built');
  await d.getByRole('button', { name: 'Show the readable report' }).click();
  // Closed once shown (the overlay covers the navigation).
  await expect(d.getByTestId('export-report')).toBeVisible();
  await d.keyboard.press('Escape');
  await expect(d.getByTestId('export-report')).toBeHidden();

  // The DPO changes the coordinator's role.
  await nav.getByRole('button', { name: 'Staff' }).click();
  await d.getByLabel(`Role of ${coordinatorName}`).selectOption('manager');
  await d
    .getByRole('row')
    .filter({ hasText: coordinatorName })
    .getByRole('button', { name: 'Change role' })
    .click();
  await expect(d.getByRole('status').filter({ hasText: coordinatorName })).toBeVisible();

  // The console: one row per action, the actor named, the client where there is one.
  await nav.getByRole('button', { name: 'Access log' }).click();
  const log = d.getByTestId('audit-log');
  const rows = (action: string) => log.getByRole('row').filter({ hasText: action });
  await expect(rows('Passport viewed').filter({ hasText: coordinatorName }).first()).toContainText(
    clientName,
    {
      timeout: 30_000,
    },
  );
  await expect(rows('Consent recorded').filter({ hasText: coordinatorName })).toHaveCount(1);
  await expect(rows('Consent recorded').first()).toContainText('consent.marketing');
  // This client's: other specs of the worker's organisation handle requests too.
  await expect(rows('Request handled').filter({ hasText: clientName })).toHaveCount(2);
  const exported = rows('Exported').filter({ hasText: clientName });
  await expect(exported.filter({ hasText: 'client-export-json' })).toHaveCount(1);
  await expect(exported.filter({ hasText: 'client-export-report' })).toHaveCount(1);
  await expect(rows('Role changed')).toContainText('role.manager');
  // Names only: the passport number is nowhere in the log.
  await expect(log).not.toContainText('TZ1234567');
  await d.getByRole('button', { name: 'Verify the whole log' }).click();
  await expect(d.getByText(/Every link holds/)).toBeVisible();
  await expect(d.getByTestId('audit-witness')).toContainText('This device now keeps the end of the log');
  // The stopped chain, shown to the DPO: the device's person, the entry it stopped at, why.
  const stop = d.getByTestId('audit-chain-stops').getByRole('row').filter({ hasText: stoppedName });
  await expect(stop).toContainText('An entry is missing before it');
  await expect(stop.getByRole('cell').nth(2)).toHaveText('2');
  // A device that never came back cannot resume: it stays stuck (core/audit/resume.ts).
  await expect(stop.getByRole('cell').nth(6)).toHaveText('Stuck');
  await d.getByRole('button', { name: 'Verify the whole log' }).click();
  await expect(d.getByTestId('audit-witness')).toContainText(
    'The log still holds the end this device verified last',
  );
  await d.getByRole('button', { name: 'Checkpoint now' }).click();
  await expect(d.getByTestId('checkpoint-made')).toContainText('device chains anchored');
  await expectAccessible(d, 'access log with the call sites');
  await d.screenshot({ path: testInfo.outputPath('audit-callsites-en.png'), fullPage: true });
  // The server's ledgers, their checkpoints' signatures and sequence verified by the server.
  await d.getByRole('tab', { name: 'Staff and devices' }).click();
  await expect(d.getByTestId('server-ledgers')).toContainText('signed checkpoints verified, none missing');

  // The DPO rotates the checkpoint key, asked twice; the new key is shown to note, the old one retired, and the
  // server's own check still verifies every checkpoint across the handover.
  const keyPanel = d.getByTestId('audit-server-key');
  const shownKey = keyPanel.getByTestId('audit-server-key-value');
  await expect(shownKey).not.toHaveText('…');
  const before = (await shownKey.textContent())!;
  await keyPanel.getByRole('button', { name: 'Rotate the checkpoint key…' }).click();
  await keyPanel.getByRole('button', { name: 'Cancel' }).click();
  await expect(shownKey).toHaveText(before);
  await keyPanel.getByRole('button', { name: 'Rotate the checkpoint key…' }).click();
  await expect(keyPanel).toContainText('This cannot be undone.');
  await keyPanel.getByRole('button', { name: 'Rotate now' }).click();
  await expect(keyPanel.getByTestId('audit-key-rotated')).toContainText('hands over to the new key');
  await expect(shownKey).not.toHaveText(before);
  const served = (
    await stack.server.app.inject({ method: 'GET', url: '/audit/server-key', headers: stopped.headers })
  ).json<{ publicKey: string; retired: string[] }>();
  expect((await shownKey.textContent())!.replace(/ /g, '')).toBe(served.publicKey);
  expect(served.retired).toContain(before.replace(/ /g, ''));
  await expect(keyPanel).toContainText('retired');
  await expectAccessible(d, 'the checkpoint key, rotated');
  await d.getByRole('tab', { name: 'Log', exact: true }).click();
  await d.getByRole('tab', { name: 'Staff and devices' }).click();
  await expect(d.getByTestId('server-ledgers')).toContainText('signed checkpoints verified, none missing');
});
