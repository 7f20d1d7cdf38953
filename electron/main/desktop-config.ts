import { originOf } from '../../shared/index';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

export interface DesktopConfig {
  /** Origin of the central sync server; also the only origin the CSP lets the renderer connect to. */
  serverUrl: string;
}

/** LUMINA_SERVER_URL picks the server; anything but an http(s) URL is refused at start, with the reason. */
export function readDesktopConfig(env: Record<string, string | undefined>): DesktopConfig {
  const raw = env.LUMINA_SERVER_URL?.trim() || DEFAULT_SERVER_URL;
  try {
    return { serverUrl: originOf(raw) };
  } catch (error) {
    throw new Error(`LUMINA_SERVER_URL is not usable: ${(error as Error).message}`, { cause: error });
  }
}
