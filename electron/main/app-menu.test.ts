import { describe, expect, it, vi } from 'vitest';
import { buildAppMenuTemplate, LOCK_NOW_ACCELERATOR, type MenuItemTemplate } from './app-menu';

const options = { appName: 'Lumina Concierge', locale: 'en-US', onLock: () => undefined };

/** Every role anywhere in the menu, in order. */
function allRoles(items: MenuItemTemplate[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...allRoles(item.submenu ?? [])]);
}

const labels = (items: MenuItemTemplate[]) => items.map((item) => item.label);
const find = (items: MenuItemTemplate[], id: string): MenuItemTemplate | undefined =>
  items.flatMap((item) => [item, ...(item.submenu ?? [])]).find((item) => item.id === id);

describe('buildAppMenuTemplate', () => {
  it('has File, Edit, View, Window and Help on Windows and Linux, and the app menu first on macOS', () => {
    for (const platform of ['win32', 'linux']) {
      expect(labels(buildAppMenuTemplate({ ...options, platform, packaged: true }))).toEqual([
        'File',
        'Edit',
        'View',
        'Window',
        'Help',
      ]);
    }
    const mac = buildAppMenuTemplate({ ...options, platform: 'darwin', packaged: true });
    expect(labels(mac)).toEqual(['Lumina Concierge', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(allRoles(mac[0]!.submenu!)).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
  });

  it('gives the standard editing, zoom and full-screen shortcuts through Electron roles', () => {
    const roles = allRoles(buildAppMenuTemplate({ ...options, platform: 'linux', packaged: true }));
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']) expect(roles).toContain(role);
    for (const role of ['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']) expect(roles).toContain(role);
    expect(roles).toContain('quit');
  });

  it('leaves reload and DevTools out of packaged builds only', () => {
    for (const platform of ['darwin', 'win32', 'linux']) {
      const shipped = allRoles(buildAppMenuTemplate({ ...options, platform, packaged: true }));
      expect(shipped).not.toContain('reload');
      expect(shipped).not.toContain('forceReload');
      expect(shipped).not.toContain('toggleDevTools');
      const development = allRoles(buildAppMenuTemplate({ ...options, platform, packaged: false }));
      expect(development).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
    }
  });

  it('offers "Lock now" on CmdOrCtrl+L in the File menu, which calls onLock', () => {
    const onLock = vi.fn();
    const menu = buildAppMenuTemplate({ ...options, onLock, platform: 'win32', packaged: true });
    const lockNow = find(menu[0]!.submenu!, 'lock-now');
    expect(lockNow).toMatchObject({ label: 'Lock now', accelerator: LOCK_NOW_ACCELERATOR });
    expect(LOCK_NOW_ACCELERATOR).toBe('CmdOrCtrl+L');
    lockNow!.click!();
    expect(onLock).toHaveBeenCalledTimes(1);
  });

  it('follows a Japanese system locale', () => {
    const menu = buildAppMenuTemplate({ ...options, locale: 'ja', platform: 'linux', packaged: true });
    expect(labels(menu)).toEqual(['ファイル', '編集', '表示', 'ウインドウ', 'ヘルプ']);
    expect(find(menu[0]!.submenu!, 'lock-now')?.label).toBe('今すぐロック');
  });

  it('closes the window from File on macOS, where Quit is in the app menu', () => {
    const mac = buildAppMenuTemplate({ ...options, platform: 'darwin', packaged: true });
    expect(allRoles(mac[1]!.submenu!)).toEqual(['close']);
    expect(allRoles(mac[4]!.submenu!)).toEqual(['minimize', 'zoom', 'front']);
  });
});
