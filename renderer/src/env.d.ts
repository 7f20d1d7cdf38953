import type { DesktopBridge } from '../../shared/index';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser host. */
    readonly lumina?: DesktopBridge;
  }
  const __APP_VERSION__: string;
}

export {};
