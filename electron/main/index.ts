/**
 * The Electron main process: a thin shell. Everything with a decision in it lives in the modules beside this
 * one, which do not import electron and are unit-tested in Node; this file only wires them to Electron (its
 * wiring is tested too, with electron mocked: index.test.ts).
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  powerMonitor,
  protocol,
  safeStorage,
  session,
} from 'electron';
import {
  APP_SCHEME,
  bridgeChannels,
  buildContentSecurityPolicy,
  OPENER_FILE,
  type SaveFileResult,
  type SystemLockReason,
} from '../../shared/index';
import { buildAppMenuTemplate } from './app-menu';
import { APP_ENTRY_URL, mimeTypeOf, resolveAppAsset } from './app-protocol';
import { registerBridgeHandlers } from './bridge-handlers';
import { readDesktopConfig } from './desktop-config';
import { osCipherFrom, QuickUnlockKeychain } from './keychain';
import { isAllowedNavigation, isContentProtectionSupported, isPermissionGranted } from './security-policy';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererRoot = path.join(here, '../renderer');
const preloadPath = path.join(here, '../preload/index.cjs');
const QUICK_UNLOCK_FILE = 'quick-unlock.json';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (app.requestSingleInstanceLock()) {
  start();
} else {
  // Another instance owns the store; this one must not set anything up.
  app.exit(0);
}

function start(): void {
  const production = app.isPackaged;
  const config = readDesktopConfig(process.env, { packaged: production });
  const csp = buildContentSecurityPolicy({ serverOrigin: config.serverUrl });
  let mainWindow: BrowserWindow | undefined;

  /** The native save dialog, then the bytes written where the person chose. */
  async function saveWhereChosen(
    suggestedName: string,
    bytes: Buffer,
    mode: number,
  ): Promise<SaveFileResult> {
    const owner = BrowserWindow.getFocusedWindow() ?? mainWindow;
    const options = { defaultPath: suggestedName };
    const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { saved: false };
    await writeFile(choice.filePath, bytes, { mode });
    return { saved: true, location: choice.filePath };
  }

  function serveRenderer(): void {
    protocol.handle(APP_SCHEME, async (request) => {
      const file = resolveAppAsset(rendererRoot, request.url);
      if (!file) return new Response('Not found', { status: 404 });
      try {
        const body = await readFile(file);
        return new Response(body, {
          headers: {
            'content-type': mimeTypeOf(file),
            'content-security-policy': csp,
            'x-content-type-options': 'nosniff',
          },
        });
      } catch {
        return new Response('Not found', { status: 404 });
      }
    });
  }

  function createWindow(): BrowserWindow {
    // The Electron security checklist, written out where the window is made, so reviewers and Electronegativity
    // read it in one place. Electronegativity's Auxclick check asks for disableBlinkFeatures: 'Auxclick', a Blink
    // flag Chromium no longer has (setting it would change nothing); what it guarded against, a middle click
    // opening a window or navigating away, is denied by the window-open and navigation handlers below.
    // prettier-ignore
    const window = new BrowserWindow({ // eng-disable AUXCLICK_JS_CHECK: no such Blink flag now; windows denied below
      width: 1280,
      height: 800,
      show: false,
      title: 'Lumina Concierge',
      webPreferences: {
        preload: preloadPath, // eng-disable PRELOAD_JS_CHECK: reviewed, it exposes only the named DesktopBridge methods
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        safeDialogs: true,
        spellcheck: false,
        devTools: !production,
      },
    });
    // Shipped builds keep client data out of screenshots and screen sharing unless the person turns it off.
    window.setContentProtection(production);
    window.once('ready-to-show', () => window.show());
    window.webContents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault();
    });
    window.webContents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault();
    });
    window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    void window.loadURL(APP_ENTRY_URL);
    return window;
  }

  const announceLock = (reason: SystemLockReason) =>
    mainWindow?.webContents.send(bridgeChannels.systemLock, reason);

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  void app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((webContents, permission, callback) =>
      callback(isPermissionGranted(permission, webContents.getURL())),
    );
    session.defaultSession.setPermissionCheckHandler((webContents, permission) =>
      isPermissionGranted(permission, webContents?.getURL()),
    );
    serveRenderer();
    const keychain = new QuickUnlockKeychain({
      cipher: osCipherFrom(safeStorage),
      files: { readFile, writeFile, rename, rm },
      filePath: path.join(app.getPath('userData'), QUICK_UNLOCK_FILE),
      platform: process.platform,
    });
    registerBridgeHandlers(ipcMain, {
      appInfo: () => ({ host: 'electron', version: app.getVersion(), os: process.platform }),
      serverUrl: () => config.serverUrl,
      async saveFile(request) {
        const bytes =
          request.encoding === 'base64'
            ? Buffer.from(request.contents, 'base64')
            : Buffer.from(request.contents, 'utf8');
        return saveWhereChosen(request.suggestedName, bytes, 0o600);
      },
      async saveOpener() {
        // Installed: beside the app (electron-builder.yml extraResources); from a build: out/opener.
        const opener = production
          ? path.join(process.resourcesPath, 'opener', OPENER_FILE)
          : path.join(here, '../opener', OPENER_FILE);
        // Nothing personal in it: readable by others, as any program file the partner is given.
        return saveWhereChosen(OPENER_FILE, await readFile(opener), 0o644);
      },
      quickUnlock: {
        status: () => keychain.status(),
        store: (secret) => keychain.store(secret),
        read: () => keychain.read(),
        clear: () => keychain.clear(),
      },
      setContentProtection(enabled) {
        mainWindow?.setContentProtection(enabled);
        return {
          applied: enabled && mainWindow !== undefined && isContentProtectionSupported(process.platform),
        };
      },
    });
    powerMonitor.on('suspend', () => announceLock('suspend'));
    powerMonitor.on('lock-screen', () => announceLock('lock-screen'));
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildAppMenuTemplate({
          platform: process.platform,
          packaged: production,
          appName: app.getName(),
          locale: app.getLocale(),
          onLock: () => announceLock('menu'),
        }),
      ),
    );

    mainWindow = createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
