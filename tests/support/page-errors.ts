import type { BrowserContext, ElectronApplication, Page } from '@playwright/test';

/**
 * Collects what pages report going wrong: uncaught errors and console errors (a CSP violation is one). The
 * Playwright fixtures (fixtures.ts) fail a test on any; the Electron spec and the benchmarks use it too.
 */
export interface PageErrorWatcher {
  /** What the watched pages reported so far, each prefixed with its kind. */
  readonly errors: readonly string[];
  /**
   * Tolerates console errors matching `pattern`: the failed requests of a device taken offline or revoked on
   * purpose. Uncaught page errors are never tolerated.
   */
  allowConsole(pattern: RegExp): void;
  watchPage(page: Page): void;
  /** Every page, present and future, of a browser context. */
  watch(context: BrowserContext): void;
  /** Every window, present and future, of an Electron app. */
  watchApp(app: ElectronApplication): void;
}

/** `onError` hears each error as it comes (a benchmark logs them). */
export function watchPageErrors(onError?: (error: string) => void): PageErrorWatcher {
  const errors: string[] = [];
  const allowed: RegExp[] = [];
  const report = (error: string) => {
    errors.push(error);
    onError?.(error);
  };
  const watchPage = (page: Page) => {
    page.on('pageerror', (error) => report(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const { url } = message.location();
      const text = url ? `${message.text()} (${url})` : message.text();
      if (!allowed.some((pattern) => pattern.test(text))) report(`console error: ${text}`);
    });
  };
  return {
    errors,
    allowConsole: (pattern) => void allowed.push(pattern),
    watchPage,
    watch(context) {
      context.pages().forEach(watchPage);
      context.on('page', watchPage);
    },
    watchApp(app) {
      app.windows().forEach(watchPage);
      app.on('window', watchPage);
    },
  };
}

/** The console error of a request made while the device is offline: a test taking a device offline allows it. */
export const OFFLINE_REQUEST = /net::ERR_INTERNET_DISCONNECTED/;
