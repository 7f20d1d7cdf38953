/**
 * The Electron main process: a thin shell. Everything with a decision in it lives in the modules beside this
 * one, which do not import electron and are unit-tested in Node; this file only wires them to Electron.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, powerMonitor, protocol, session } from 'electron';
import { APP_SCHEME, bridgeChannels, buildContentSecurityPolicy } from '../../shared/index';
import { APP_ENTRY_URL, mimeTypeOf, resolveAppAsset } from './app-protocol';
import { registerBridgeHandlers } from './bridge-handlers';
import { readDesktopConfig } from './desktop-config';
import { isAllowedNavigation, isPermissionGranted, secureWebPreferences } from './security-policy';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererRoot = path.join(here, '../renderer');
const preloadPath = path.join(here, '../preload/index.cjs');
const production = app.isPackaged;
const config = readDesktopConfig(process.env, { packaged: production });
const csp = buildContentSecurityPolicy({ serverOrigin: config.serverUrl });

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the store; this one must not set anything up.
  app.exit(0);
}

let mainWindow: BrowserWindow | undefined;

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
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    title: 'Lumina Concierge',
    webPreferences: secureWebPreferences(preloadPath, production),
  });
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
  registerBridgeHandlers(ipcMain, {
    appInfo: () => ({ host: 'electron', version: app.getVersion(), os: process.platform }),
    serverUrl: () => config.serverUrl,
    async saveFile(request) {
      const owner = BrowserWindow.getFocusedWindow() ?? mainWindow;
      const options = { defaultPath: request.suggestedName };
      const choice = owner
        ? await dialog.showSaveDialog(owner, options)
        : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { saved: false };
      await writeFile(choice.filePath, request.contents, { encoding: 'utf8', mode: 0o600 });
      return { saved: true, location: choice.filePath };
    },
  });
  const announceLock = (reason: 'suspend' | 'lock-screen') =>
    mainWindow?.webContents.send(bridgeChannels.systemLock, reason);
  powerMonitor.on('suspend', () => announceLock('suspend'));
  powerMonitor.on('lock-screen', () => announceLock('lock-screen'));

  mainWindow = createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
