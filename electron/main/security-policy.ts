import { DESKTOP_APP_ORIGIN } from '../../shared/index';

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

/** Windows and macOS can keep a window out of screen capture; Linux (X11, Wayland) cannot. */
export function isContentProtectionSupported(platform: string): boolean {
  return platform === 'darwin' || platform === 'win32';
}
