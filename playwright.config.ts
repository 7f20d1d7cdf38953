import { defineConfig } from '@playwright/test';

/** Debian's Chromium: Playwright's own browser download is not possible on these machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const chromiumUse = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    // Without these Chromium tries to reach Google services this closed network refuses.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Specs drive several devices (pages) at once: a page in the background must keep its timers and
      // animation frames, or Playwright's "stable" check on it waits for a frame that never comes.
      '--disable-background-timer-throttling',
      '--disable-backgrounding-occluded-windows',
      '--disable-renderer-backgrounding',
    ],
  },
};

export default defineConfig({
  reporter: [['list'], ['html', { open: 'never' }]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testDir: 'tests/e2e',
      use: chromiumUse,
    },
    // The partner opener (opener/), from its built file: `npm run build` first (as `npm test` does).
    { name: 'opener', testDir: 'tests/opener', use: chromiumUse },
    { name: 'electron', testDir: 'tests/electron' },
  ],
});
