import {
  OPENER_FILE,
  type AppInfo,
  type DesktopBridge,
  type QuickUnlockStatus,
  type SaveFileRequest,
  type SaveFileResult,
} from '../../../shared/index';

/**
 * The opener built with the app, read from the app's own pages (scripts/build-opener.ts puts it there), saved as a
 * download. `read` and `save` are the page's fetch and the bridge's saveFile.
 */
export async function saveOpenerFromPages(
  save: (request: SaveFileRequest) => Promise<SaveFileResult>,
  read: (path: string) => Promise<Response> = (path) => fetch(path),
): Promise<SaveFileResult> {
  const answer = await read(`./${OPENER_FILE}`);
  if (!answer.ok) throw new Error(`opener-missing (${answer.status})`);
  return save({ suggestedName: OPENER_FILE, mimeType: 'text/html', contents: await answer.text() });
}

/** Written by the browser host next to index.html: which sync server this page talks to. */
export const BROWSER_HOST_CONFIG_PATH = './lumina-config.json';

interface BrowserHostConfig {
  serverUrl: string;
}

/**
 * The DesktopBridge for the browser host (tests, demos): the same renderer, with web APIs standing in for
 * the operating system. System sleep and screen-lock events do not reach a web page, so onSystemLock never fires
 * here; the app's own idle timer (security/idle-timer.ts) locks it after the chosen time without input. Nor is
 * there an OS keychain: quick unlock answers 'unsupported-host'.
 */
export function createBrowserBridge(): DesktopBridge {
  let config: Promise<BrowserHostConfig> | undefined;
  const loadConfig = () =>
    (config ??= fetch(BROWSER_HOST_CONFIG_PATH, { cache: 'no-store' }).then(async (res) => {
      if (!res.ok)
        throw new Error(`the browser host has no ${BROWSER_HOST_CONFIG_PATH} (HTTP ${res.status})`);
      const body = (await res.json()) as Partial<BrowserHostConfig>;
      if (typeof body.serverUrl !== 'string') throw new Error('the browser host config names no serverUrl');
      return { serverUrl: body.serverUrl };
    }));

  async function saveFile(request: SaveFileRequest): Promise<SaveFileResult> {
    const body =
      request.encoding === 'base64'
        ? Uint8Array.from(atob(request.contents), (char) => char.charCodeAt(0))
        : request.contents;
    const url = URL.createObjectURL(new Blob([body], { type: request.mimeType }));
    try {
      const link = document.createElement('a');
      link.href = url;
      link.download = request.suggestedName;
      link.click();
    } finally {
      URL.revokeObjectURL(url);
    }
    return { saved: true, location: request.suggestedName };
  }

  return {
    async getAppInfo(): Promise<AppInfo> {
      return { host: 'browser', version: __APP_VERSION__, os: navigator.platform || 'unknown' };
    },
    async getServerUrl() {
      return (await loadConfig()).serverUrl;
    },
    onSystemLock() {
      return () => undefined;
    },
    saveFile,
    saveOpener: () => saveOpenerFromPages(saveFile),
    // A web page has no OS keychain and cannot keep itself out of screen capture.
    async quickUnlockStatus(): Promise<QuickUnlockStatus> {
      return { available: false, reason: 'unsupported-host' };
    },
    async storeQuickUnlock() {
      throw new Error('quick unlock is not available in the browser host (unsupported-host)');
    },
    async readQuickUnlock() {
      return undefined;
    },
    async clearQuickUnlock() {},
    async setContentProtection() {
      return { applied: false };
    },
  };
}
