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

/** Why the app must lock now: the system sleeps, the screen locks, or the person chose "Lock now" in the menu. */
export type SystemLockReason = 'suspend' | 'lock-screen' | 'menu';

export interface SaveFileRequest {
  suggestedName: string;
  mimeType: string;
  /** The file's text, or its bytes in standard base64 when `encoding` is 'base64' (a sealed share package). */
  contents: string;
  encoding?: 'utf8' | 'base64';
}

export type SaveFileResult = { saved: true; location: string } | { saved: false };

export type Unsubscribe = () => void;

/**
 * Why quick unlock through the OS keychain is refused on this machine:
 * - 'no-keyring': the OS offers no usable secret store (Linux without a keyring daemon, or not ready yet);
 * - 'basic-text': Linux fell back to Chromium's "basic" store, which only obfuscates with a key hard-coded in
 *   Chromium's source, so anyone who copies the file can read the secret;
 * - 'unsupported-host': the browser host, which has no OS keychain at all.
 */
export type QuickUnlockRefusal = 'no-keyring' | 'basic-text' | 'unsupported-host';

export type QuickUnlockStatus =
  | { available: true; /** whether a secret is stored for this device */ stored: boolean }
  | { available: false; reason: QuickUnlockRefusal };

/** Whether the window is now hidden from screen capture (false where the OS has no such feature, e.g. Linux). */
export interface ContentProtectionResult {
  applied: boolean;
}

export interface DesktopBridge {
  getAppInfo(): Promise<AppInfo>;
  /** The central sync server this installation talks to (http or https origin). */
  getServerUrl(): Promise<string>;
  /** Called when the system sleeps, the screen locks, or the person chooses "Lock now", so the app locks its keys. */
  onSystemLock(listener: (reason: SystemLockReason) => void): Unsubscribe;
  /** Lets the person choose where an export goes (a native save dialog on the desktop). */
  saveFile(request: SaveFileRequest): Promise<SaveFileResult>;
  /**
   * Lets the person save the partner opener built with this app (docs/opener.md) where they choose: the host reads
   * its own copy (beside the app in an installation), so the page never needs to fetch it.
   */
  saveOpener(): Promise<SaveFileResult>;
  /** Whether this device can keep a quick-unlock secret in the OS keychain, and whether one is stored. */
  quickUnlockStatus(): Promise<QuickUnlockStatus>;
  /**
   * Keeps the secret (base64) encrypted by the OS keychain, replacing any earlier one. Rejects when quick unlock
   * is unavailable; the secret is never stored in clear nor logged.
   */
  storeQuickUnlock(secretB64: string): Promise<void>;
  /** The stored secret, or undefined when none is stored, quick unlock is unavailable, or it no longer opens. */
  readQuickUnlock(): Promise<string | undefined>;
  /** Forgets the stored secret (a no-op when none is stored). */
  clearQuickUnlock(): Promise<void>;
  /** Hides the window from screenshots and screen sharing (macOS, Windows), or shows it again. */
  setContentProtection(enabled: boolean): Promise<ContentProtectionResult>;
}

/** The partner opener's file name: beside the app's pages, in the installers' resources, and as saved. */
export const OPENER_FILE = 'lumina-opener.html';

/** IPC channel names; shared so preload and main cannot drift apart. */
export const bridgeChannels = {
  getAppInfo: 'lumina:get-app-info',
  getServerUrl: 'lumina:get-server-url',
  saveFile: 'lumina:save-file',
  saveOpener: 'lumina:save-opener',
  systemLock: 'lumina:system-lock',
  quickUnlockStatus: 'lumina:quick-unlock-status',
  storeQuickUnlock: 'lumina:store-quick-unlock',
  readQuickUnlock: 'lumina:read-quick-unlock',
  clearQuickUnlock: 'lumina:clear-quick-unlock',
  setContentProtection: 'lumina:set-content-protection',
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
    encoding: { type: 'string', enum: ['utf8', 'base64'] },
  },
  required: ['suggestedName', 'mimeType', 'contents'],
  additionalProperties: false,
} as const;

/**
 * A quick-unlock secret as it crosses the bridge: standard or URL-safe base64, padded or not. A vault key with
 * its id is 40 bytes (54 characters); the bounds leave room without accepting arbitrary payloads.
 */
export const quickUnlockSecretSchema = {
  type: 'string',
  minLength: 16,
  maxLength: 512,
  pattern: '^[A-Za-z0-9+/_-]+={0,2}$',
} as const;

export const contentProtectionSchema = { type: 'boolean' } as const;
