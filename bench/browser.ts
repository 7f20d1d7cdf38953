import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_PATH } from '../playwright.config';
import { startWebHost } from '../scripts/web-host';
import { watchPageErrors } from '../tests/support/page-errors';

/** Without these Chromium tries to reach Google services this closed network refuses. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Debian Chromium. Its pages are off the record: IndexedDB lives in memory. */
export function launchBenchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}

/**
 * A device: Chromium with a profile of its own on disk, so IndexedDB writes reach the disk as the desktop app's
 * do. `close` ends the browser and deletes the profile.
 */
export async function launchDevice(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = await mkdtemp(path.join(tmpdir(), 'lumina-bench-device-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: ARGS,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export interface BenchPage {
  page: Page;
  /** Throws with what the page reported (console errors, uncaught exceptions), if anything. */
  failOnPageErrors(): void;
  close(): Promise<void>;
}

/**
 * A bench page built into `root`, served by the browser host and opened in Chromium once its global function `api`
 * is there: on a profile on disk with `onDisk` (IndexedDB writes reach the disk, as a device's do), else off the
 * record.
 */
export async function openBenchPage(root: string, api: string, { onDisk = false } = {}): Promise<BenchPage> {
  // No sync server is involved; the CSP still needs an origin for connect-src.
  const host = await startWebHost({ serverUrl: 'http://127.0.0.1:9', root });
  const browser = onDisk ? await launchDevice() : await launchBenchBrowser();
  const close = async () => {
    await browser.close();
    await host.close();
  };
  try {
    const page = 'context' in browser ? await browser.context.newPage() : await browser.newPage();
    const pageErrors = watchPageErrors();
    // A profile on disk asks for the page's icon, which the bench host does not serve.
    pageErrors.allowConsole(/favicon\.ico/);
    pageErrors.watchPage(page);
    await page.goto(host.url);
    await page.waitForFunction(
      (name) => typeof (globalThis as Record<string, unknown>)[name] === 'function',
      api,
    );
    return {
      page,
      failOnPageErrors() {
        if (pageErrors.errors.length > 0)
          throw new Error(`the benchmark page failed: ${pageErrors.errors.join('; ')}`);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
