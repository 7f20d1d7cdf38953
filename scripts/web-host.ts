import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildContentSecurityPolicy, DESKTOP_APP_ORIGIN } from '../shared/index';
import { mimeTypeOf, resolveAppAsset } from '../electron/main/app-protocol';

export interface WebHost {
  url: string;
  close(): Promise<void>;
}

export const RENDERER_BUILD_DIR = path.resolve(import.meta.dirname, '../out/renderer');

/**
 * The browser host: serves the built renderer the way Electron's app:// protocol does (same files, same
 * path checks, same CSP), plus lumina-config.json naming the sync server, for tests and demos in Chromium.
 */
export async function startWebHost(options: {
  serverUrl: string;
  port?: number;
  host?: string;
  root?: string;
}): Promise<WebHost> {
  const root = options.root ?? RENDERER_BUILD_DIR;
  const csp = buildContentSecurityPolicy({ serverOrigin: options.serverUrl, allowSelfConnect: true });
  const config = JSON.stringify({ serverUrl: options.serverUrl });

  const server = http.createServer(async (req, res) => {
    const pathname = (req.url ?? '/').split('?')[0]!;
    const headers = {
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    if (pathname === '/lumina-config.json') {
      res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(config);
      return;
    }
    const file = resolveAppAsset(root, DESKTOP_APP_ORIGIN + pathname);
    if (!file) {
      res.writeHead(404, headers).end('Not found');
      return;
    }
    try {
      const body = await readFile(file);
      res
        .writeHead(200, { ...headers, 'content-type': mimeTypeOf(file) })
        .end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, headers).end('Not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
