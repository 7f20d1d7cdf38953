/**
 * The renderer's only way to reach the operating system. One named method per capability, never a generic
 * `invoke`. The Electron preload implements it over the IPC channels below; the browser host implements it
 * with web APIs so the same renderer runs in plain Chromium for tests and demos.
 */
export type HostKind = 'electron' | 'browser';

export interface AppInfo {
  host: HostKind;
  version: string;
  /** Operating system as the host reports it (e.g. 'linux', 'darwin', 'win32', or the browser's platform). */
  os: string;
}

export type SystemLockReason = 'suspend' | 'lock-screen';

export interface SaveFileRequest {
  suggestedName: string;
  mimeType: string;
  contents: string;
}

export type SaveFileResult = { saved: true; location: string } | { saved: false };

export type Unsubscribe = () => void;

export interface DesktopBridge {
  getAppInfo(): Promise<AppInfo>;
  /** The central sync server this installation talks to (http or https origin). */
  getServerUrl(): Promise<string>;
  /** Called when the system sleeps or the screen locks, so the app locks its keys. */
  onSystemLock(listener: (reason: SystemLockReason) => void): Unsubscribe;
  /** Lets the person choose where an export goes (a native save dialog on the desktop). */
  saveFile(request: SaveFileRequest): Promise<SaveFileResult>;
}

/** IPC channel names; shared so preload and main cannot drift apart. */
export const bridgeChannels = {
  getAppInfo: 'lumina:get-app-info',
  getServerUrl: 'lumina:get-server-url',
  saveFile: 'lumina:save-file',
  systemLock: 'lumina:system-lock',
} as const;

export const SAVE_FILE_MAX_BYTES = 50 * 1024 * 1024;

export const saveFileRequestSchema = {
  type: 'object',
  properties: {
    suggestedName: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      pattern: '^[^/\\\\:*?"<>|\\u0000-\\u001f]+$',
    },
    mimeType: { type: 'string', minLength: 3, maxLength: 100, pattern: '^[a-z]+/[a-z0-9.+-]+$' },
    contents: { type: 'string', maxLength: SAVE_FILE_MAX_BYTES },
  },
  required: ['suggestedName', 'mimeType', 'contents'],
  additionalProperties: false,
} as const;
