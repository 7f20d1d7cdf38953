import { expect, test } from '@playwright/test';
import type { StoreBenchApi } from '../../bench/store/records';
import { buildStorePage } from '../../bench/store/build';
import { startWebHost, type WebHost } from '../../scripts/web-host';
import { dumpIndexedDb } from '../support/indexeddb';

let host: WebHost;

test.beforeAll(async () => {
  host = await startWebHost({ serverUrl: 'http://127.0.0.1:9', root: await buildStorePage() });
});
test.afterAll(async () => {
  await host?.close();
});

test('full client records written through the encrypted store leave no personal value in IndexedDB', async ({
  page,
}) => {
  await page.goto(host.url);
  await page.waitForFunction(
    () => typeof (globalThis as Partial<StoreBenchApi>).writeVaultSample === 'function',
  );
  const records = await page.evaluate(() => (globalThis as unknown as StoreBenchApi).writeVaultSample(50));

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
