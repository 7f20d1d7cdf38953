/**
 * The preload: implements the DesktopBridge over named IPC channels and exposes it as window.lumina. It runs
 * sandboxed, with context isolation, so the page gets these functions and nothing of ipcRenderer itself.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { bridgeChannels, type DesktopBridge, type SystemLockReason } from '../../shared/index';

const bridge: DesktopBridge = {
  getAppInfo: () => ipcRenderer.invoke(bridgeChannels.getAppInfo),
  getServerUrl: () => ipcRenderer.invoke(bridgeChannels.getServerUrl),
  saveFile: (request) => ipcRenderer.invoke(bridgeChannels.saveFile, request),
  saveOpener: () => ipcRenderer.invoke(bridgeChannels.saveOpener),
  quickUnlockStatus: () => ipcRenderer.invoke(bridgeChannels.quickUnlockStatus),
  storeQuickUnlock: (secretB64) => ipcRenderer.invoke(bridgeChannels.storeQuickUnlock, secretB64),
  readQuickUnlock: () => ipcRenderer.invoke(bridgeChannels.readQuickUnlock),
  clearQuickUnlock: () => ipcRenderer.invoke(bridgeChannels.clearQuickUnlock),
  setContentProtection: (enabled) => ipcRenderer.invoke(bridgeChannels.setContentProtection, enabled),
  onSystemLock(listener) {
    const forward = (_event: IpcRendererEvent, reason: SystemLockReason) => listener(reason);
    ipcRenderer.on(bridgeChannels.systemLock, forward);
    return () => {
      ipcRenderer.removeListener(bridgeChannels.systemLock, forward);
    };
  },
};

contextBridge.exposeInMainWorld('lumina', bridge);
