import { loadSodium, type StaffIdentity } from '../../shared/crypto/index';
import { decodeBase64Url } from '../../shared/crypto/encoding';
import { syncPaths } from '../../shared/sync/protocol';
import { auditChainOf } from '../support/audit-log';
import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/fixtures';
import { TestOrganisation } from '../support/organisation';

/**
 * The console answers a regulator's question over the whole log (issue 18, scale): a staff member's device logged
 * 5,300 entries after one failed unlock in March; the console once fetched 5,000 receipts and showed 500 rows. The
 * DPO filters by the person, pages through every match with its count, and finds the March entry by its period
 * and action, with the server's receipt time.
 */
test('the DPO finds an entry beyond thousands of others with the filters, and pages through every match', async ({
  enrolled,
  freshStack: stack,
}, testInfo) => {
  test.setTimeout(300_000);
  // Its own stack: five thousand entries would reach every DPO device of the shared one.
  const organisation = await TestOrganisation.setUp(stack);
  const suffix = Date.now();
  const name = `Mei Busy ${suffix}`;
  const busy = await organisation.addStaff('concierge', name);
  const signer = {
    staffId: busy.deviceId,
    signSecretKey: busy.keys.signSecretKey,
    signPublicKey: decodeBase64Url(busy.keys.registration.signPublicKey)!,
  } as StaffIdentity;
  const sodium = await loadSodium();
  const march = auditChainOf(sodium, signer, 1, {
    staffId: busy.staffId,
    kind: 'unlock-failed',
    at: Date.UTC(2026, 2, 15, 3),
  });
  const february = auditChainOf(sodium, signer, 5300, {
    staffId: busy.staffId,
    kind: 'unlocked',
    at: Date.UTC(2026, 1, 1),
    start: march.head,
  });
  const entries = [...march.entries, ...february.entries];
  for (let i = 0; i < entries.length; i += 200) {
    const res = await stack.server.app.inject({
      method: 'POST',
      url: syncPaths.push('auditEvents'),
      headers: busy.headers,
      payload: entries.slice(i, i + 200).map((e) => ({ newDocumentState: { ...e, _deleted: false } })),
    });
    expect(res.statusCode, res.body).toBe(200);
  }

  const dpo = await enrolled('admin', { name: `Dana Scale ${suffix}`, on: { stack, organisation } });
  const d = dpo.page;
  await d.getByRole('navigation').getByRole('button', { name: 'Access log' }).click();
  const log = d.getByTestId('audit-log');
  const matched = d.getByTestId('audit-matched');
  await d.getByLabel('Staff member').selectOption({ label: name });
  await expect(matched).toHaveText('5301 entries match the filters.');
  const pages = d.getByRole('navigation', { name: 'Pages of the log' }).first();
  await expect(pages).toContainText('Page 1 of 27');
  await expect(log.getByRole('row').filter({ hasText: name })).toHaveCount(200);
  await pages.getByRole('button', { name: 'Next page' }).click();
  await expect(pages).toContainText('Page 2 of 27');
  await expect(log.getByRole('row').filter({ hasText: name })).toHaveCount(200);

  // Everything this person did in March: the one failed unlock, the oldest of their 5,301 entries.
  await d.getByLabel('From', { exact: true }).fill('2026-03-01');
  await d.getByLabel('To', { exact: true }).fill('2026-03-31');
  await expect(matched).toHaveText('1 entry matches the filters.');
  await expect(pages).toContainText('Page 1 of 1');
  const row = log.getByRole('row').filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Failed unlock');
  await expect(row).toContainText('#1');
  await expect(row).not.toContainText('not yet');
  await d.getByLabel('Action').selectOption({ label: 'Unlocked' });
  await expect(matched).toHaveText('0 entries match the filters.');
  await d.getByLabel('Action').selectOption({ label: 'Failed unlock' });
  await expect(matched).toHaveText('1 entry matches the filters.');
  await expectAccessible(d, 'access log, filtered over the whole log');
  await d.screenshot({ path: testInfo.outputPath('access-log-scale-en.png'), fullPage: true });

  await d.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(matched).toHaveText('条件に合う記録：1 件');
  await expect(d.getByRole('navigation', { name: 'ログのページ' }).first()).toContainText(
    '1 ページ中 1 ページ目',
  );
  await d.screenshot({ path: testInfo.outputPath('access-log-scale-ja.png'), fullPage: true });
  await d.getByLabel('言語', { exact: true }).selectOption('en');
});
