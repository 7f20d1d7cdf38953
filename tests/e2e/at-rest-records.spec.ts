import { expect, test } from '../support/fixtures';
import type { StorePageApi } from '../support/store-page/api';
import { dumpIndexedDb } from '../support/indexeddb';

test('full client records written through the encrypted store leave no personal value in IndexedDB', async ({
  page,
  storePageUrl,
}) => {
  await page.goto(storePageUrl);
  await page.waitForFunction(
    () => typeof (globalThis as Partial<StorePageApi>).writeVaultSample === 'function',
  );
  const records = await page.evaluate(() => (globalThis as unknown as StorePageApi).writeVaultSample(50));

  const dumps = await dumpIndexedDb(page);
  const rows = dumps.filter((d) => d.database.includes('vault-sample')).flatMap((d) => d.rows);
  expect(rows.length).toBeGreaterThanOrEqual(records.length);
  const raw = JSON.stringify(dumps);
  for (const record of records) {
    for (const value of [record.name, record.nameKana, record.passportNumber, record.email, record.phone]) {
      expect(raw).not.toContain(value);
    }
  }
  expect(raw).not.toContain('metformin');
  expect(raw).not.toContain('penicillin');
  // What stays in clear is what the store must index: ids, status and timestamps.
  expect(raw).toContain(records[0]!.id);
});
