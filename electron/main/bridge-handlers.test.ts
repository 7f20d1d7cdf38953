import { beforeEach, describe, expect, it, vi } from 'vitest';
import { bridgeChannels } from '../../shared/index';
import {
  registerBridgeHandlers,
  type BridgeHost,
  type IpcEventLike,
  type IpcMainLike,
} from './bridge-handlers';

type Listener = (event: IpcEventLike, ...args: unknown[]) => unknown;

/** Electron's ipcMain, mocked at the module boundary: it records the handlers so the test can call them. */
function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipc: IpcMainLike = { handle: (channel, listener) => void handlers.set(channel, listener) };
  const call = (channel: string, senderUrl: string | null, ...args: unknown[]) =>
    Promise.resolve().then(() =>
      handlers.get(channel)!({ senderFrame: senderUrl === null ? null : { url: senderUrl } }, ...args),
    );
  return { ipc, handlers, call };
}

const appUrl = 'app://lumina/index.html';
const validSave = { suggestedName: 'itinerary.txt', mimeType: 'text/plain', contents: 'Day 1' };
const SECRET = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJw';

describe('bridge IPC handlers', () => {
  let host: BridgeHost;
  let ipc: ReturnType<typeof fakeIpcMain>;

  beforeEach(() => {
    host = {
      appInfo: () => ({ host: 'electron', version: '0.1.0', os: 'linux' }),
      serverUrl: () => 'https://sync.lumina.example',
      saveFile: vi.fn(async () => ({ saved: true as const, location: '/home/c/itinerary.txt' })),
      saveOpener: vi.fn(async () => ({ saved: true as const, location: '/home/c/lumina-opener.html' })),
      quickUnlock: {
        status: vi.fn(async () => ({ available: true as const, stored: true })),
        store: vi.fn(async () => undefined),
        read: vi.fn(async () => SECRET),
        clear: vi.fn(async () => undefined),
      },
      setContentProtection: vi.fn((enabled: boolean) => ({ applied: enabled })),
    };
    ipc = fakeIpcMain();
    registerBridgeHandlers(ipc.ipc, host);
  });

  it('registers exactly one handler per bridge capability that the renderer invokes', () => {
    const invoked = Object.values(bridgeChannels).filter((c) => c !== bridgeChannels.systemLock);
    expect([...ipc.handlers.keys()].sort()).toEqual(invoked.sort());
  });

  it('answers the app', async () => {
    expect(await ipc.call(bridgeChannels.getServerUrl, appUrl)).toBe('https://sync.lumina.example');
    expect(await ipc.call(bridgeChannels.getAppInfo, appUrl)).toEqual({
      host: 'electron',
      version: '0.1.0',
      os: 'linux',
    });
    expect(await ipc.call(bridgeChannels.saveFile, appUrl, validSave)).toEqual({
      saved: true,
      location: '/home/c/itinerary.txt',
    });
    expect(await ipc.call(bridgeChannels.saveOpener, appUrl)).toEqual({
      saved: true,
      location: '/home/c/lumina-opener.html',
    });
    // It takes nothing from the page: not a path, not contents.
    await expect(ipc.call(bridgeChannels.saveOpener, appUrl, '/etc/passwd')).rejects.toThrow(
      /takes no arguments/,
    );
    expect(host.saveOpener).toHaveBeenCalledTimes(1);
  });

  it('answers the app about quick unlock and content protection', async () => {
    expect(await ipc.call(bridgeChannels.quickUnlockStatus, appUrl)).toEqual({
      available: true,
      stored: true,
    });
    await ipc.call(bridgeChannels.storeQuickUnlock, appUrl, SECRET);
    expect(host.quickUnlock.store).toHaveBeenCalledWith(SECRET);
    expect(await ipc.call(bridgeChannels.readQuickUnlock, appUrl)).toBe(SECRET);
    await ipc.call(bridgeChannels.clearQuickUnlock, appUrl);
    expect(host.quickUnlock.clear).toHaveBeenCalledTimes(1);
    expect(await ipc.call(bridgeChannels.setContentProtection, appUrl, false)).toEqual({ applied: false });
    expect(host.setContentProtection).toHaveBeenCalledWith(false);
  });

  it.each([
    ['another origin', 'https://evil.example/'],
    ['a look-alike host', 'app://lumina.evil/index.html'],
    ['a file page', 'file:///home/c/evil.html'],
    ['no frame', null],
  ])('refuses every channel from %s without calling the host', async (_label, sender) => {
    const invoked = Object.values(bridgeChannels).filter((c) => c !== bridgeChannels.systemLock);
    for (const channel of invoked) {
      await expect(ipc.call(channel, sender, validSave)).rejects.toThrow(/does not come from the app/);
      await expect(ipc.call(channel, sender)).rejects.toThrow(/does not come from the app/);
    }
    expect(host.saveFile).not.toHaveBeenCalled();
    expect(host.saveOpener).not.toHaveBeenCalled();
    expect(host.quickUnlock.read).not.toHaveBeenCalled();
    expect(host.quickUnlock.store).not.toHaveBeenCalled();
    expect(host.quickUnlock.clear).not.toHaveBeenCalled();
    expect(host.setContentProtection).not.toHaveBeenCalled();
  });

  it.each([
    ['no argument', []],
    ['two arguments', [SECRET, SECRET]],
    ['a number', [42]],
    ['an object', [{ secret: SECRET }]],
    ['characters outside base64', [`${SECRET}<script>`]],
    ['a short string', ['abc']],
    ['an oversized string', ['A'.repeat(513)]],
  ])('refuses a quick-unlock secret with %s, without echoing it', async (_label, args) => {
    const error = await ipc.call(bridgeChannels.storeQuickUnlock, appUrl, ...args).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/invalid quick-unlock secret/);
    expect((error as Error).message).not.toContain(SECRET);
    expect(host.quickUnlock.store).not.toHaveBeenCalled();
  });

  it.each([[[]], [['true']], [[1]], [[true, false]]])(
    'refuses a content protection setting of %j',
    async (args) => {
      await expect(ipc.call(bridgeChannels.setContentProtection, appUrl, ...args)).rejects.toThrow(
        /invalid content protection setting/,
      );
      expect(host.setContentProtection).not.toHaveBeenCalled();
    },
  );

  it.each([
    ['no argument', []],
    ['two arguments', [validSave, validSave]],
    ['a path in the name', [{ ...validSave, suggestedName: '../../.bashrc' }]],
    ['an unknown field', [{ ...validSave, path: '/etc/passwd' }]],
    ['a wrong type', [{ ...validSave, contents: 42 }]],
    ['a bad mime type', [{ ...validSave, mimeType: 'text' }]],
    ['an unknown encoding', [{ ...validSave, encoding: 'latin1' }]],
  ])('refuses a save request with %s', async (_label, args) => {
    await expect(ipc.call(bridgeChannels.saveFile, appUrl, ...args)).rejects.toThrow(/invalid save request/);
    expect(host.saveFile).not.toHaveBeenCalled();
  });

  it('refuses arguments to calls that take none', async () => {
    for (const channel of [
      bridgeChannels.getServerUrl,
      bridgeChannels.getAppInfo,
      bridgeChannels.quickUnlockStatus,
      bridgeChannels.readQuickUnlock,
      bridgeChannels.clearQuickUnlock,
    ]) {
      await expect(ipc.call(channel, appUrl, 'x')).rejects.toThrow(/takes no arguments/);
    }
    expect(host.quickUnlock.clear).not.toHaveBeenCalled();
  });
});
