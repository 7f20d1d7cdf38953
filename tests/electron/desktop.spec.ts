import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import type { DesktopBridge } from '../../shared/index';
import { electronBinary } from '../../scripts/electron-binary';
import { TestOrganisation } from '../support/organisation';
import { startStack, type TestStack } from '../support/stack';
import { enrolAndUnlock } from '../support/pages/enrolment-page';
import { watchPageErrors } from '../support/page-errors';

const binary = electronBinary();
const SKIP_REASON =
  'SKIPPED: the Electron binary is not installed on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD=1, no download ' +
  `possible: ${binary.available ? '' : binary.reason}). The Electron end-to-end spec runs where the binary exists; ` +
  'the same renderer was tested in Chromium through the browser host.';

if (!binary.available) console.log(`\n[electron e2e] ${SKIP_REASON}\n`);

test.describe('desktop app (Electron)', () => {
  test.skip(!binary.available, SKIP_REASON);
  let stack: TestStack;
  let organisation: TestOrganisation;
  test.beforeAll(async () => {
    stack = await startStack();
    organisation = await TestOrganisation.setUp(stack);
  });
  test.afterAll(async () => {
    await stack?.stop();
  });

  test('opens the app over app://, with a hardened window, and creates a client that syncs', async () => {
    const app = await electron.launch({
      args: [path.resolve('out/main/index.js')],
      env: { ...process.env, LUMINA_SERVER_URL: stack.serverUrl },
    });
    // As the fixtures do for every browser page: no uncaught error, console error or CSP violation in any window.
    const pageErrors = watchPageErrors();
    pageErrors.watchApp(app);
    try {
      const appWindow = await app.firstWindow();
      expect(appWindow.url()).toBe('app://lumina/index.html');
      expect(await appWindow.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
        'undefined',
      );
      expect(
        await appWindow.evaluate(
          async () => (await (globalThis as unknown as { lumina: DesktopBridge }).lumina.getAppInfo()).host,
        ),
      ).toBe('electron');
      // A new installation enrols first: invited, approved after the fingerprint check, unlocked.
      await enrolAndUnlock(appWindow, organisation);
      const name = `Desktop Client ${Date.now()}`;
      await appWindow.getByLabel('Client name (Latin script, as in the passport)').fill(name);
      await appWindow.getByRole('button', { name: 'Add client' }).click();
      await expect(appWindow.getByRole('list', { name: 'Clients' })).toContainText(name);
      await expect
        .poll(
          async () =>
            (await stack.db.query("SELECT id FROM sync_documents WHERE data->'names'->>'latin' = $1", [name]))
              .length,
        )
        .toBe(1);
      expect(pageErrors.errors, 'errors the windows reported').toEqual([]);
    } finally {
      await app.close();
    }
  });
});
