/**
 * `npm run start:web`: the renderer in a browser, against a local sync server on embedded PGlite (or the
 * server named by LUMINA_SERVER_URL). Builds the renderer first so what you see is what ships.
 */
import { execFileSync } from 'node:child_process';
import { DEFAULT_WEB_HOST_PORT } from '../server/config';
import { spawnServer, stopOnSignals, type ServerProcess } from './server-process';
import { startWebHost } from './web-host';

execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
  stdio: 'inherit',
});

let server: ServerProcess | undefined;
let serverUrl = process.env.LUMINA_SERVER_URL;
if (!serverUrl) {
  server = await spawnServer();
  serverUrl = server.url;
}
const port = Number(process.env.WEB_PORT ?? DEFAULT_WEB_HOST_PORT);
const host = await startWebHost({ serverUrl, port });
stopOnSignals([host.close, ...(server ? [server.stop] : [])]);
console.log(`\nLumina Concierge (browser host) is ready: open ${host.url} in Chromium or Chrome.`);
console.log(`It syncs with ${serverUrl}. Press Ctrl-C to stop.`);
