/**
 * The main process's wiring, with electron mocked at the module boundary: each test loads index.ts afresh
 * against a fake Electron and checks what it set up — the window, the handlers that deny, the app:// protocol,
 * the IPC handlers, the single-instance lock, power events, the menu and quick unlock.
 */
import type * as FsPromises from 'node:fs/promises';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bridgeChannels, buildContentSecurityPolicy } from '../../shared/index';
import type { MenuItemTemplate } from './app-menu';

type Listener = (...args: unknown[]) => unknown;

/** Records handlers registered with on()/handle() so a test can fire them. */
class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on = vi.fn((event: string, listener: Listener) => {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  });
  once = this.on;
  emit(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

const RENDERER_ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../renderer');
const SERVER_URL = 'https://sync.lumina.example';

function fakeElectron(options: { packaged: boolean; lock: boolean; userData: string; backend: string }) {
  const windows: FakeWindow[] = [];

  class FakeWebContents extends Emitter {
    send = vi.fn();
    openHandler: ((details: { url: string }) => unknown) | undefined;
    setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => unknown) => {
      this.openHandler = handler;
    });
  }

  class FakeWindow extends Emitter {
    static getFocusedWindow = () => null;
    static getAllWindows = () => windows;
    readonly webContents = new FakeWebContents();
    loadURL = vi.fn(async () => undefined);
    setContentProtection = vi.fn();
    show = vi.fn();
    isMinimized = vi.fn(() => true);
    restore = vi.fn();
    focus = vi.fn();
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      super();
      windows.push(this);
    }
  }

  const app = Object.assign(new Emitter(), {
    isPackaged: options.packaged,
    requestSingleInstanceLock: vi.fn(() => options.lock),
    exit: vi.fn(),
    quit: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
    getVersion: () => '0.1.0',
    getName: () => 'Lumina Concierge',
    getLocale: () => 'en-US',
    getPath: vi.fn(() => options.userData),
  });
  const handlers = new Map<string, Listener>();
  let protocolHandler: ((request: { url: string }) => Promise<Response>) | undefined;
  const permission = {
    request: undefined as Listener | undefined,
    check: undefined as Listener | undefined,
  };
  const menu = { template: undefined as MenuItemTemplate[] | undefined };
  const powerMonitor = new Emitter();

  const module = {
    app,
    BrowserWindow: FakeWindow,
    dialog: { showSaveDialog: vi.fn() },
    ipcMain: { handle: vi.fn((channel: string, handler: Listener) => void handlers.set(channel, handler)) },
    Menu: {
      buildFromTemplate: vi.fn((template: MenuItemTemplate[]) => {
        menu.template = template;
        return { template };
      }),
      setApplicationMenu: vi.fn(),
    },
    powerMonitor,
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: vi.fn((_scheme: string, handler: typeof protocolHandler) => void (protocolHandler = handler)),
    },
    // Electron 41's synchronous safeStorage, with the Linux backend the test chooses.
    safeStorage: {
      getSelectedStorageBackend: () => options.backend,
      isEncryptionAvailable: () => true,
      encryptString: (text: string) => Buffer.from(`os-sealed:${Buffer.from(text).toString('hex')}`),
      decryptString: (data: Buffer) =>
        Buffer.from(data.toString().slice('os-sealed:'.length), 'hex').toString(),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn((handler: Listener) => void (permission.request = handler)),
        setPermissionCheckHandler: vi.fn((handler: Listener) => void (permission.check = handler)),
      },
    },
  };

  return {
    module,
    windows,
    handlers,
    permission,
    menu,
    powerMonitor,
    serve: (url: string) => protocolHandler!({ url }),
    invoke: (channel: string, senderUrl: string, ...args: unknown[]) =>
      Promise.resolve().then(() => handlers.get(channel)!({ senderFrame: { url: senderUrl } }, ...args)),
  };
}

type Fake = ReturnType<typeof fakeElectron>;
const readsOfRenderer: string[] = [];

/** Loads index.ts afresh against a new fake Electron and lets app.whenReady() run. */
async function startMain(options: Partial<Parameters<typeof fakeElectron>[0]> = {}): Promise<Fake> {
  const fake = fakeElectron({
    packaged: true,
    lock: true,
    userData: '/nonexistent',
    backend: 'basic_text',
    ...options,
  });
  vi.resetModules();
  vi.doMock('electron', () => fake.module);
  vi.doMock('node:fs/promises', async (importOriginal) => {
    const actual = await importOriginal<typeof FsPromises>();
    // The built renderer does not exist in the source tree: stand in for its index.html, record every read.
    const readFile = async (file: string, ...rest: unknown[]) => {
      if (!String(file).startsWith(RENDERER_ROOT)) return (actual.readFile as Listener)(file, ...rest);
      readsOfRenderer.push(String(file));
      if (file === path.join(RENDERER_ROOT, 'index.html'))
        return Buffer.from('<!doctype html><title>Lumina</title>');
      throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    };
    return { ...actual, readFile, default: { ...actual, readFile } };
  });
  await import('./index');
  await new Promise((resolve) => setImmediate(resolve));
  return fake;
}

const APP_URL = 'app://lumina/index.html';

describe('the main process', () => {
  let userData: string;
  beforeEach(async () => {
    vi.stubEnv('LUMINA_SERVER_URL', SERVER_URL);
    userData = await mkdtemp(path.join(tmpdir(), 'lumina-user-data-'));
    readsOfRenderer.length = 0;
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    vi.doUnmock('electron');
    vi.doUnmock('node:fs/promises');
    await rm(userData, { recursive: true, force: true });
  });

  it('opens one window with isolation, the sandbox and no Node, on app://, DevTools off when packaged', async () => {
    const fake = await startMain();
    expect(fake.windows).toHaveLength(1);
    const window = fake.windows[0]!;
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: false,
    });
    expect(window.options.webPreferences.preload).toMatch(/preload[/\\]index\.cjs$/);
    expect(window.loadURL).toHaveBeenCalledWith(APP_URL);
    // Content protection is on by default in a packaged build.
    expect(window.setContentProtection).toHaveBeenCalledWith(true);
  });

  it('keeps DevTools and screen capture for development builds', async () => {
    const window = (await startMain({ packaged: false })).windows[0]!;
    expect(window.options.webPreferences.devTools).toBe(true);
    expect(window.setContentProtection).toHaveBeenCalledWith(false);
  });

  it('denies navigation and redirects away from the app, every new window, and webviews', async () => {
    const fake = await startMain();
    const contents = fake.windows[0]!.webContents;
    for (const event of ['will-navigate', 'will-redirect']) {
      const away = { preventDefault: vi.fn() };
      contents.emit(event, away, 'https://evil.example/phish');
      expect(away.preventDefault).toHaveBeenCalled();
      const file = { preventDefault: vi.fn() };
      contents.emit(event, file, 'file:///etc/passwd');
      expect(file.preventDefault).toHaveBeenCalled();
      const inside = { preventDefault: vi.fn() };
      contents.emit(event, inside, 'app://lumina/index.html#clients');
      expect(inside.preventDefault).not.toHaveBeenCalled();
    }
    for (const url of ['https://evil.example/', APP_URL]) {
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    const webviewContents = new Emitter();
    fake.module.app.emit('web-contents-created', {}, webviewContents);
    const attach = { preventDefault: vi.fn() };
    webviewContents.emit('will-attach-webview', attach);
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('denies permission requests and checks, even from the app', async () => {
    const fake = await startMain();
    const callback = vi.fn();
    fake.permission.request!({ getURL: () => APP_URL }, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(fake.permission.check!({ getURL: () => APP_URL }, 'notifications')).toBe(false);
    expect(fake.permission.check!(null, 'geolocation')).toBe(false);
  });

  it('serves the renderer over app:// with the CSP for the configured server', async () => {
    const fake = await startMain();
    expect(fake.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    const response = await fake.serve(APP_URL);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Lumina</title>');
    expect(response.headers.get('content-security-policy')).toBe(
      buildContentSecurityPolicy({ serverOrigin: SERVER_URL }),
    );
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    'app://lumina/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    'app://lumina/..%2f..%2f..%2fetc%2fpasswd',
    'app://lumina/..%5c..%5cwindows%5cwin.ini',
    'app://evil/index.html',
  ])('refuses %s with a 404, reading nothing outside the renderer', async (url) => {
    const fake = await startMain();
    const response = await fake.serve(url);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).not.toBe('text/html; charset=utf-8');
    for (const read of readsOfRenderer) expect(read.startsWith(RENDERER_ROOT + path.sep)).toBe(true);
  });

  it('answers 404 for a file the renderer does not have', async () => {
    const fake = await startMain();
    expect((await fake.serve('app://lumina/assets/missing.js')).status).toBe(404);
  });

  it('registers an IPC handler for every bridge call, each refusing frames that are not the app', async () => {
    const fake = await startMain();
    const invoked = Object.values(bridgeChannels).filter((channel) => channel !== bridgeChannels.systemLock);
    expect([...fake.handlers.keys()].sort()).toEqual([...invoked].sort());
    for (const channel of invoked) {
      await expect(fake.invoke(channel, 'https://evil.example/')).rejects.toThrow(
        /does not come from the app/,
      );
    }
    expect(await fake.invoke(bridgeChannels.getServerUrl, APP_URL)).toBe(SERVER_URL);
  });

  it('quits a second instance before setting anything up', async () => {
    const fake = await startMain({ lock: false });
    expect(fake.module.app.exit).toHaveBeenCalledWith(0);
    expect(fake.module.app.whenReady).not.toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
    expect(fake.handlers.size).toBe(0);
  });

  it('brings the existing window forward when a second instance starts', async () => {
    const fake = await startMain();
    fake.module.app.emit('second-instance');
    expect(fake.windows[0]!.restore).toHaveBeenCalled();
    expect(fake.windows[0]!.focus).toHaveBeenCalled();
  });

  it('tells the renderer to lock when the system sleeps or the screen locks', async () => {
    const fake = await startMain();
    fake.powerMonitor.emit('suspend');
    fake.powerMonitor.emit('lock-screen');
    expect(fake.windows[0]!.webContents.send.mock.calls).toEqual([
      [bridgeChannels.systemLock, 'suspend'],
      [bridgeChannels.systemLock, 'lock-screen'],
    ]);
  });

  it('installs the application menu, whose "Lock now" locks the renderer', async () => {
    const fake = await startMain();
    expect(fake.module.Menu.setApplicationMenu).toHaveBeenCalledWith({ template: fake.menu.template });
    const items = fake.menu.template!.flatMap((item) => item.submenu ?? []);
    expect(items.map((item) => item.role)).not.toContain('toggleDevTools');
    items.find((item) => item.id === 'lock-now')!.click!();
    expect(fake.windows[0]!.webContents.send).toHaveBeenCalledWith(bridgeChannels.systemLock, 'menu');
  });

  it.runIf(process.platform === 'linux')(
    "refuses quick unlock on Linux's basic_text store, through the real handlers",
    async () => {
      const fake = await startMain({ userData, backend: 'basic_text' });
      expect(await fake.invoke(bridgeChannels.quickUnlockStatus, APP_URL)).toEqual({
        available: false,
        reason: 'basic-text',
      });
      await expect(
        fake.invoke(bridgeChannels.storeQuickUnlock, APP_URL, 'c2VjcmV0LXZhdWx0LWtleQ'),
      ).rejects.toThrow(/basic-text/);
      expect(await fake.invoke(bridgeChannels.readQuickUnlock, APP_URL)).toBeUndefined();
    },
  );

  it.runIf(process.platform === 'linux')(
    'keeps a quick-unlock secret as keychain ciphertext in the user-data folder',
    async () => {
      const fake = await startMain({ userData, backend: 'gnome_libsecret' });
      await fake.invoke(bridgeChannels.storeQuickUnlock, APP_URL, 'c2VjcmV0LXZhdWx0LWtleQ');
      const file = path.join(userData, 'quick-unlock.json');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(await fake.invoke(bridgeChannels.quickUnlockStatus, APP_URL)).toEqual({
        available: true,
        stored: true,
      });
      expect(await fake.invoke(bridgeChannels.readQuickUnlock, APP_URL)).toBe('c2VjcmV0LXZhdWx0LWtleQ');
      await fake.invoke(bridgeChannels.clearQuickUnlock, APP_URL);
      await expect(stat(file)).rejects.toThrow(/ENOENT/);
    },
  );

  it('turns content protection on and off for the window when the app asks', async () => {
    const fake = await startMain();
    const result = await fake.invoke(bridgeChannels.setContentProtection, APP_URL, false);
    expect(fake.windows[0]!.setContentProtection).toHaveBeenLastCalledWith(false);
    expect(result).toEqual({ applied: false });
    await fake.invoke(bridgeChannels.setContentProtection, APP_URL, true);
    expect(fake.windows[0]!.setContentProtection).toHaveBeenLastCalledWith(true);
  });

  it('quits when the last window closes, except on macOS', async () => {
    const fake = await startMain();
    fake.module.app.emit('window-all-closed');
    if (process.platform === 'darwin') expect(fake.module.app.quit).not.toHaveBeenCalled();
    else expect(fake.module.app.quit).toHaveBeenCalled();
  });
});
