import { randomUUID } from 'node:crypto';
import type { PrivacyNotice } from '../../shared/domain/privacy-notice';
import { expectAccessible } from '../support/axe';
import { ConsentSeeder } from '../support/consent-seeder';
import { expect, test } from '../support/fixtures';
import { lettersOf, storedClientId } from '../support/stored-documents';
import { publishNotice } from '../support/notices';
import { ConsentsPage } from '../support/pages/consents-page';

const cite = (notice: PrivacyNotice) => {
  const text = notice.texts.find((candidate) => candidate.language === 'en')!;
  return { id: notice.id, version: notice.version, language: 'en', sha256: text.sha256 };
};

/**
 * The device's own check of the ledger (issue 14, must-deliver 3): the server refuses a forged signature at push, but
 * someone who can write the server's database directly goes around the push rules. A consent record made that way
 * reaches the devices at their next pull; they must show it as invalid and never let it open a gate.
 */
test('a consent record forged in the server’s database reaches the device, is shown as invalid and opens no gate', async ({
  enrolled,
  organisation,
  stack,
}, testInfo) => {
  test.setTimeout(150_000);
  const suffix = Date.now();
  const notice = await publishNotice(organisation, {
    version: `forged-${suffix}`,
    effectiveAt: suffix - 60_000,
  });
  // Before any browser device unlocks, so the devices' staff directory lists the signer's key.
  const signer = await ConsentSeeder.create(stack, organisation, `Sora Signer ${suffix}`);
  const coordinator = await enrolled('coordinator', { name: `Chiho Coordinator ${suffix}` });
  await coordinator.waitUntilOnline();
  const clientName = `Forged ${lettersOf(suffix)}`;
  await coordinator.addClient(clientName);
  const clientId = await storedClientId(stack, clientName);

  // A genuine marketing consent, signed by the signer's device, then its bytes reused as a medical-data consent
  // (the purpose changed, the signature no longer verifies), and as a record of a purpose the app does not know.
  const genuine = await signer.record({
    clientId,
    action: 'given',
    purpose: 'marketing',
    notice: cite(notice),
  });
  const forged = { ...genuine, id: randomUUID(), purpose: 'medical-data' };
  const unknownPurpose = { ...genuine, id: randomUUID(), purpose: 'medical' };
  for (const record of [forged, unknownPurpose]) {
    await stack.db.query(
      `INSERT INTO sync_documents (collection, id, seq, deleted, data)
       VALUES ('consents', $1, nextval('sync_seq'), false, $2::jsonb)`,
      [record.id, JSON.stringify(record)],
    );
  }

  // Nothing announced the row on the live stream: the device learns of it at its next pull, after an unlock.
  await coordinator.lock();
  await coordinator.unlock();
  const consents = new ConsentsPage(coordinator.page);
  await consents.open(clientName);
  await expect(consents.entries).toHaveCount(3);
  await expect(
    consents.entries.filter({ hasText: 'A purpose this app does not know' }).getByTestId('consent-validity'),
  ).toHaveText('Invalid signature: not counted');
  await expect(consents.panel).not.toContainText('consents.purposes');
  const forgedEntry = consents.entries.filter({ hasText: 'Medical data' });
  await expect(forgedEntry.getByTestId('consent-validity')).toHaveText('Invalid signature: not counted');
  await expect(consents.entries.filter({ hasText: 'Marketing' }).getByTestId('consent-validity')).toHaveText(
    'Signature verified',
  );
  await expect(consents.state('Medical data')).toHaveAttribute('data-state', 'never-given');
  await expect(consents.state('Marketing')).toHaveAttribute('data-state', 'in-force');
  await coordinator.page.screenshot({ path: testInfo.outputPath('consent-forged-en.png'), fullPage: true });
  await expectAccessible(coordinator.page, 'the Consents tab with an invalid record');
  await coordinator.page.getByLabel('Language', { exact: true }).selectOption('ja');
  const validity = consents.entries.getByTestId('consent-validity');
  await expect(validity.filter({ hasText: '署名が無効：判定に使用しません' })).toHaveCount(2);
  await expect(validity.filter({ hasText: '署名を確認済み' })).toHaveCount(1);
  await expect(consents.entries.filter({ hasText: 'このアプリが知らない目的' })).toHaveCount(1);
  await coordinator.page.screenshot({ path: testInfo.outputPath('consent-forged-ja.png'), fullPage: true });
  await expectAccessible(coordinator.page, 'the Consents tab with an invalid record, in Japanese');
  await coordinator.page.getByLabel('言語', { exact: true }).selectOption('en');

  // The medical gate: no consent in force, nothing medical can be written.
  await coordinator.page.getByRole('tab', { name: 'Medical' }).click();
  await expect(coordinator.page.getByTestId('medical-gate')).toHaveText(
    'No consent to medical data is recorded: nothing medical can be written until the client gives it.',
  );
  await expect(coordinator.page.getByRole('button', { name: 'Write the medical section' })).toHaveCount(0);
});
