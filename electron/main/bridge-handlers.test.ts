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

describe('bridge IPC handlers', () => {
  let host: BridgeHost;
  let ipc: ReturnType<typeof fakeIpcMain>;

  beforeEach(() => {
    host = {
      appInfo: () => ({ host: 'electron', version: '0.1.0', os: 'linux' }),
      serverUrl: () => 'https://sync.lumina.example',
      saveFile: vi.fn(async () => ({ saved: true as const, location: '/home/c/itinerary.txt' })),
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
  });

  it.each([
    ['another origin', 'https://evil.example/'],
    ['a look-alike host', 'app://lumina.evil/index.html'],
    ['no frame', null],
  ])('refuses every channel from %s without calling the host', async (_label, sender) => {
    for (const channel of [bridgeChannels.getServerUrl, bridgeChannels.getAppInfo, bridgeChannels.saveFile]) {
      await expect(ipc.call(channel, sender, validSave)).rejects.toThrow(/does not come from the app/);
    }
    expect(host.saveFile).not.toHaveBeenCalled();
  });

  it.each([
    ['no argument', []],
    ['two arguments', [validSave, validSave]],
    ['a path in the name', [{ ...validSave, suggestedName: '../../.bashrc' }]],
    ['an unknown field', [{ ...validSave, path: '/etc/passwd' }]],
    ['a wrong type', [{ ...validSave, contents: 42 }]],
    ['a bad mime type', [{ ...validSave, mimeType: 'text' }]],
  ])('refuses a save request with %s', async (_label, args) => {
    await expect(ipc.call(bridgeChannels.saveFile, appUrl, ...args)).rejects.toThrow(/invalid save request/);
    expect(host.saveFile).not.toHaveBeenCalled();
  });

  it('refuses arguments to calls that take none', async () => {
    await expect(ipc.call(bridgeChannels.getServerUrl, appUrl, 'x')).rejects.toThrow(/takes no arguments/);
  });
});
