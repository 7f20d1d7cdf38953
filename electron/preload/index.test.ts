import { beforeAll, describe, expect, it, vi } from 'vitest';
import { bridgeChannels, type DesktopBridge } from '../../shared/index';

const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  return {
    exposed,
    contextBridge: { exposeInMainWorld: vi.fn((name: string, api: unknown) => void exposed.set(name, api)) },
    ipcRenderer: {
      invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ channel, args })),
      on: vi.fn(),
      removeListener: vi.fn(),
    },
  };
});

vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

describe('the preload', () => {
  let bridge: DesktopBridge;
  beforeAll(async () => {
    await import('./index');
    bridge = electron.exposed.get('lumina') as DesktopBridge;
  });

  it('exposes only the DesktopBridge, as window.lumina, and nothing of ipcRenderer', () => {
    expect([...electron.exposed.keys()]).toEqual(['lumina']);
    expect(Object.keys(bridge).sort()).toEqual(
      [
        'getAppInfo',
        'getServerUrl',
        'saveFile',
        'saveOpener',
        'onSystemLock',
        'quickUnlockStatus',
        'storeQuickUnlock',
        'readQuickUnlock',
        'clearQuickUnlock',
        'setContentProtection',
      ].sort(),
    );
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
    expect(Object.values(bridge)).not.toContain(electron.ipcRenderer.invoke);
  });

  it('sends each call on its own named channel with exactly its arguments', async () => {
    const request = { suggestedName: 'a.txt', mimeType: 'text/plain', contents: 'x' };
    const calls: [Promise<unknown>, string, unknown[]][] = [
      [bridge.getAppInfo(), bridgeChannels.getAppInfo, []],
      [bridge.getServerUrl(), bridgeChannels.getServerUrl, []],
      [bridge.saveFile(request), bridgeChannels.saveFile, [request]],
      [bridge.saveOpener(), bridgeChannels.saveOpener, []],
      [bridge.quickUnlockStatus(), bridgeChannels.quickUnlockStatus, []],
      [bridge.storeQuickUnlock('c2VjcmV0'), bridgeChannels.storeQuickUnlock, ['c2VjcmV0']],
      [bridge.readQuickUnlock(), bridgeChannels.readQuickUnlock, []],
      [bridge.clearQuickUnlock(), bridgeChannels.clearQuickUnlock, []],
      [bridge.setContentProtection(true), bridgeChannels.setContentProtection, [true]],
    ];
    for (const [call, channel, args] of calls) expect(await call).toEqual({ channel, args });
  });

  it('forwards system-lock reasons without the IPC event, and unsubscribes the same listener', () => {
    const listener = vi.fn();
    const unsubscribe = bridge.onSystemLock(listener);
    const [channel, forward] = electron.ipcRenderer.on.mock.calls.at(-1)! as [
      string,
      (...a: unknown[]) => void,
    ];
    expect(channel).toBe(bridgeChannels.systemLock);
    forward({ sender: 'ipc event' }, 'menu');
    expect(listener).toHaveBeenCalledWith('menu');
    expect(listener.mock.calls[0]).toHaveLength(1);
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(bridgeChannels.systemLock, forward);
  });
});
