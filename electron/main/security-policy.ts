import { DESKTOP_APP_ORIGIN } from '../../shared/index';

/** The renderer window's web preferences: the Electron security checklist, in one reviewable place. */
export function secureWebPreferences(preloadPath: string, production: boolean) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: !production,
  } as const;
}

function originOfUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    // Custom schemes report "null" as origin in Node's URL; rebuild it from protocol and host.
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return undefined;
  }
}

/** IPC is answered only for frames showing the app itself, never for content from elsewhere. */
export function isTrustedSenderUrl(senderUrl: string | undefined): boolean {
  return senderUrl !== undefined && originOfUrl(senderUrl) === DESKTOP_APP_ORIGIN;
}

/** The window never navigates away from the app: links elsewhere, redirects and drops are all refused. */
export function isAllowedNavigation(targetUrl: string): boolean {
  return originOfUrl(targetUrl) === DESKTOP_APP_ORIGIN;
}

/** No permission (camera, notifications, geolocation, …) is granted to the renderer unless listed here. */
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set();

export function isPermissionGranted(permission: string, requestingUrl: string | undefined): boolean {
  return GRANTED_PERMISSIONS.has(permission) && isTrustedSenderUrl(requestingUrl);
}
