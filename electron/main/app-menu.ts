/**
 * The application menu, built as a plain template (no electron import) so its shape is unit-tested; index.ts
 * hands it to Menu.buildFromTemplate. Standard items use Electron's roles, which bring the platform's own
 * shortcuts and behaviour. Nothing here opens a URL or loads content.
 */

/** The Electron menu roles this menu uses (a subset of Electron's MenuItemConstructorOptions['role']). */
export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'help';

export interface MenuItemTemplate {
  id?: string;
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  accelerator?: string;
  click?: () => void;
  submenu?: MenuItemTemplate[];
}

export interface AppMenuOptions {
  /** process.platform */
  platform: string;
  /** app.isPackaged: development items (reload, DevTools) are left out of shipped builds. */
  packaged: boolean;
  appName: string;
  /** app.getLocale(), e.g. 'ja' or 'en-US': the menu follows the system language. */
  locale: string;
  /** "Lock now": the renderer locks its keys, as when the system sleeps. */
  onLock(): void;
}

export const LOCK_NOW_ACCELERATOR = 'CmdOrCtrl+L';

const LABELS = {
  en: { file: 'File', edit: 'Edit', view: 'View', window: 'Window', help: 'Help', lockNow: 'Lock now' },
  ja: {
    file: 'ファイル',
    edit: '編集',
    view: '表示',
    window: 'ウインドウ',
    help: 'ヘルプ',
    lockNow: '今すぐロック',
  },
} as const;

const separator: MenuItemTemplate = { type: 'separator' };
const roles = (...names: MenuRole[]): MenuItemTemplate[] => names.map((role) => ({ role }));

export function buildAppMenuTemplate(options: AppMenuOptions): MenuItemTemplate[] {
  const mac = options.platform === 'darwin';
  const labels = options.locale.toLowerCase().startsWith('ja') ? LABELS.ja : LABELS.en;

  const appMenu: MenuItemTemplate = {
    label: options.appName,
    submenu: [
      { role: 'about' },
      separator,
      { role: 'services' },
      separator,
      ...roles('hide', 'hideOthers', 'unhide'),
      separator,
      { role: 'quit' },
    ],
  };
  const fileMenu: MenuItemTemplate = {
    label: labels.file,
    submenu: [
      {
        id: 'lock-now',
        label: labels.lockNow,
        accelerator: LOCK_NOW_ACCELERATOR,
        click: () => options.onLock(),
      },
      separator,
      // On macOS Quit lives in the app menu and Close closes the window; elsewhere Quit ends the File menu.
      { role: mac ? 'close' : 'quit' },
    ],
  };
  const editMenu: MenuItemTemplate = {
    label: labels.edit,
    submenu: [...roles('undo', 'redo'), separator, ...roles('cut', 'copy', 'paste', 'selectAll')],
  };
  const viewMenu: MenuItemTemplate = {
    label: labels.view,
    submenu: [
      ...(options.packaged ? [] : [...roles('reload', 'forceReload', 'toggleDevTools'), separator]),
      ...roles('resetZoom', 'zoomIn', 'zoomOut'),
      separator,
      { role: 'togglefullscreen' },
    ],
  };
  const windowMenu: MenuItemTemplate = {
    label: labels.window,
    submenu: mac ? [...roles('minimize', 'zoom'), separator, { role: 'front' }] : roles('minimize', 'close'),
  };
  const helpMenu: MenuItemTemplate = { label: labels.help, role: 'help', submenu: [{ role: 'about' }] };

  return [...(mac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}
