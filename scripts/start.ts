/**
 * `npm start`: the desktop app connected to a sync server. Without LUMINA_SERVER_URL it first starts a local
 * server on embedded PGlite (data in ./data/server). Where the Electron binary is missing, it says so.
 */
import { spawn } from 'node:child_process';
import { electronBinary } from './electron-binary';
import { spawnServer, stopOnSignals, type ServerProcess } from './server-process';

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

let server: ServerProcess | undefined;
let serverUrl = process.env.LUMINA_SERVER_URL;
if (!serverUrl) {
  server = await spawnServer();
  serverUrl = server.url;
}
const desktop = spawn(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'preview'], {
  stdio: 'inherit',
  env: { ...process.env, LUMINA_SERVER_URL: serverUrl },
});
stopOnSignals([async () => void desktop.kill('SIGTERM'), ...(server ? [server.stop] : [])]);
desktop.on('exit', (code) => {
  void (server?.stop() ?? Promise.resolve()).then(() => process.exit(code ?? 0));
});
