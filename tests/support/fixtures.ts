/**
 * The Playwright fixtures every end-to-end spec uses (import `test` and `expect` from here, not from
 * @playwright/test):
 * - `stack` and `organisation`, one per worker: a real server on embedded PGlite, the browser host serving the
 *   built renderer against it, and an organisation whose admin is this Node process. Specs share them, so a spec
 *   names what it creates uniquely and never counts what it did not create.
 * - `pageErrors`, automatic: every page of every context a test opens (the default `page` and `newDevice`'s)
 *   is watched, and the test fails if any reported an uncaught error, a console error or a CSP violation.
 * - `axeAtEnd`, automatic: when a test ends (and has not already failed), every app page still open (the
 *   default `page`'s context and every `newDevice`'s, so those `enrolled` made) is checked as `expectAccessible`
 *   checks it (axe-core, no violation of any impact, and field edges), once per page: a spec cannot forget the
 *   screen it ends on (issue 23, point 6). Specs still call `expectAccessible` on the screens they pass through.
 *   The option `test.use({ accessibleAtEnd: false })` turns it off, for a spec that says why.
 * - `newDevice`: a fresh browser context (its own IndexedDB: another device) with one page.
 * - `enrolled(role)`: a new device enrolled in the organisation with that role, unlocked, on the clients screen.
 * - `freshStack`: a stack of the test's own, with no organisation yet (setup from scratch, or large data sets).
 */
import {
  test as base,
  expect,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from '@playwright/test';
import type { Role } from '../../shared/index';
import { TestOrganisation } from './organisation';
import { expectAccessible } from './axe';
import { watchPageErrors, type PageErrorWatcher } from './page-errors';
import type { ClientsPage } from './pages/clients-page';
import { enrolAndUnlock } from './pages/enrolment-page';
import { startStack, type TestStack } from './stack';
import { buildStorePage } from './store-page/build';
import { startWebHost } from '../../scripts/web-host';

export { expect };

/** The test's pages' errors (page-errors.ts): checked when the test ends. */
export type PageErrors = Pick<PageErrorWatcher, 'errors' | 'allowConsole' | 'watch'>;

export interface EnrolOptions {
  /** Enrol on this page instead of a new device (e.g. one whose clock the test installed first). */
  page?: Page;
  /** Options of the new device's browser context. */
  context?: BrowserContextOptions;
  /** The staff member's display name (unique by default). */
  name?: string;
  /** Another stack and organisation than the worker's (with `freshStack`). */
  on?: { stack: TestStack; organisation: TestOrganisation };
}

interface TestFixtures {
  pageErrors: PageErrors;
  /** Whether every app page still open is checked with axe-core when the test ends (on unless a spec says). */
  accessibleAtEnd: boolean;
  /** The contexts `newDevice` opened (for the check at the end). */
  devices: BrowserContext[];
  /** Automatic: the check at the end (see above). */
  axeAtEnd: undefined;
  newDevice: (options?: BrowserContextOptions) => Promise<Page>;
  enrolled: (role?: Role, options?: EnrolOptions) => Promise<ClientsPage>;
  freshStack: TestStack;
}

interface WorkerFixtures {
  stack: TestStack;
  organisation: TestOrganisation;
  /** The address of the store page (tests/support/store-page): the encrypted store without UI or server. */
  storePageUrl: string;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  stack: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const stack = await startStack();
      await use(stack);
      await stack.stop();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  organisation: [
    async ({ stack }, use) => {
      await use(await TestOrganisation.setUp(stack));
    },
    { scope: 'worker' },
  ],
  storePageUrl: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      // No sync server is involved; the CSP still needs an origin for connect-src.
      const host = await startWebHost({ serverUrl: 'http://127.0.0.1:9', root: await buildStorePage() });
      await use(host.url);
      await host.close();
    },
    { scope: 'worker', timeout: 120_000 },
  ],

  pageErrors: [
    async ({ context }, use) => {
      const watcher = watchPageErrors();
      watcher.watch(context);
      await use(watcher);
      expect(watcher.errors, 'errors the pages reported').toEqual([]);
    },
    { auto: true },
  ],

  accessibleAtEnd: [true, { option: true }],
  // eslint-disable-next-line no-empty-pattern
  devices: async ({}, use) => {
    await use([]);
  },
  axeAtEnd: [
    async ({ accessibleAtEnd, context, devices, newDevice }, use, testInfo) => {
      void newDevice; // torn down after this fixture: the devices' pages are still open when it checks them
      await use(undefined);
      if (!accessibleAtEnd || testInfo.status !== testInfo.expectedStatus) return;
      const pages = [context, ...devices]
        .flatMap((device) => device.pages())
        .filter((page) => !page.isClosed());
      for (const [index, page] of pages.entries()) {
        // App pages only: the renderer has drawn into #root (not the store page, the opener or about:blank).
        const isApp = await page
          .evaluate(() => document.querySelector('#root > *') !== null)
          .catch(() => false);
        if (!isApp) continue;
        const heading = await page
          .locator('main h2, main h1, h1')
          .first()
          .textContent({ timeout: 1_000 })
          .catch(() => null);
        await expectAccessible(page, `the screen page ${index + 1} ended on (${heading ?? page.url()})`);
      }
    },
    { auto: true },
  ],

  newDevice: async ({ browser, pageErrors, devices }, use) => {
    const opened = devices;
    await use(async (options) => {
      const device = await browser.newContext(options);
      opened.push(device);
      pageErrors.watch(device);
      return device.newPage();
    });
    for (const device of opened) await device.close();
  },

  enrolled: async ({ stack, organisation, newDevice }, use) => {
    await use(async (role = 'manager', options = {}) => {
      const on = options.on ?? { stack, organisation };
      const page = options.page ?? (await newDevice(options.context));
      await page.goto(on.stack.webHost.url);
      return enrolAndUnlock(page, on.organisation, role, options.name);
    });
  },

  freshStack: async ({ pageErrors }, use) => {
    const stack = await startStack();
    await use(stack);
    // The test's pages close after this stack stops (fixtures tear down in reverse): a live stream reconnecting
    // meanwhile is refused. Only requests to this stack, and only once the test is over.
    const escaped = stack.serverUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pageErrors.allowConsole(new RegExp(`net::ERR_CONNECTION_REFUSED \\(${escaped}/`));
    await stack.stop();
  },
});
