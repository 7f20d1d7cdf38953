import { originOf } from '../../shared/index';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

export interface DesktopConfig {
  /** Origin of the central sync server; also the only origin the CSP lets the renderer connect to. */
  serverUrl: string;
}

const LOOPBACK = /^http:\/\/(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(:\d+)?$/;

/**
 * LUMINA_SERVER_URL picks the server; anything but an http(s) URL is refused at start, with the reason. A packaged
 * build talks to a remote server only over https: plain http is accepted for loopback (a local server) alone.
 */
export function readDesktopConfig(
  env: Record<string, string | undefined>,
  options: { packaged: boolean },
): DesktopConfig {
  const raw = env.LUMINA_SERVER_URL?.trim() || DEFAULT_SERVER_URL;
  let serverUrl: string;
  try {
    serverUrl = originOf(raw);
  } catch (error) {
    throw new Error(`LUMINA_SERVER_URL is not usable: ${(error as Error).message}`, { cause: error });
  }
  if (options.packaged && serverUrl.startsWith('http:') && !LOOPBACK.test(serverUrl)) {
    throw new Error('LUMINA_SERVER_URL must use https:// (client data must not cross a network unencrypted)');
  }
  return { serverUrl };
}
