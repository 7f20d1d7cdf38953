/**
 * `npm start`: the desktop app connected to a sync server. Without LUMINA_SERVER_URL it first starts a local
 * server on embedded PGlite (data in ./data/server). Where the Electron binary is missing, it says so.
 * Builds out/ first unless it is current. Ctrl-C, or a SIGTERM to npm, stops the app and the server.
 */
import path from 'node:path';
import { DEFAULT_PORT } from '../server/config';
import { buildIfChanged } from './build-stamp';
import { electronBinary } from './electron-binary';
import { exitIfPortsTaken } from './ports';
import { spawnGroup, spawnServer, stopGroup, stopWhenAsked } from './server-process';

const root = path.resolve(import.meta.dirname, '..');
const binary = electronBinary();
if (!binary.available) {
  console.error(
    [
      '',
      'The Electron binary is not installed on this machine, so the desktop app cannot open here.',
      `(${binary.reason})`,
      '',
      'Run the same app in a browser instead:  npm run start:web',
      'On a machine with internet, `npm ci` without ELECTRON_SKIP_BINARY_DOWNLOAD installs Electron.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

let serverUrl = process.env.LUMINA_SERVER_URL;
if (!serverUrl) {
  await exitIfPortsTaken([{ port: Number(process.env.PORT ?? DEFAULT_PORT), what: 'the sync server' }]);
}
const stops: Array<() => Promise<void>> = [];
const stopAll = stopWhenAsked(stops);
await buildIfChanged(root, stops);
if (!serverUrl) {
  const server = await spawnServer();
  stops.push(server.stop);
  serverUrl = server.url;
}
const desktop = spawnGroup(
  process.execPath,
  ['node_modules/electron-vite/bin/electron-vite.js', 'preview', '--skipBuild'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, LUMINA_SERVER_URL: serverUrl } },
);
stops.push(() => stopGroup(desktop));
// Closing the app's window ends the run: the server it started stops too.
desktop.once('exit', (code) => void stopAll(code ?? 0));
