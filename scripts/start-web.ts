/**
 * `npm run start:web`: the renderer in a browser, against a local sync server on embedded PGlite (or the
 * server named by LUMINA_SERVER_URL). Builds the renderer first (unless out/ is current) so what you see is
 * what ships. Ctrl-C, or a SIGTERM to npm, stops the browser host and the server it started.
 */
import path from 'node:path';
import { DEFAULT_PORT, DEFAULT_WEB_HOST_PORT } from '../server/config';
import { buildIfChanged } from './build-stamp';
import { exitIfPortsTaken } from './ports';
import { spawnServer, stopWhenAsked } from './server-process';
import { startWebHost } from './web-host';

const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.WEB_PORT ?? DEFAULT_WEB_HOST_PORT);
let serverUrl = process.env.LUMINA_SERVER_URL;
await exitIfPortsTaken([
  { port, what: 'the browser host' },
  ...(serverUrl ? [] : [{ port: Number(process.env.PORT ?? DEFAULT_PORT), what: 'the sync server' }]),
]);

const stops: Array<() => Promise<void>> = [];
stopWhenAsked(stops);
await buildIfChanged(root, stops);
if (!serverUrl) {
  const server = await spawnServer();
  stops.push(server.stop);
  serverUrl = server.url;
}
const host = await startWebHost({ serverUrl, port });
stops.push(host.close);
console.log(`\nLumina Concierge (browser host) is ready: open ${host.url} in Chromium or Chrome.`);
console.log(`It syncs with ${serverUrl}. Press Ctrl-C to stop.`);
