import net from 'node:net';
import { syncPaths } from '../shared/index';

/** Whether something already listens on host:port (found by trying to listen there ourselves). */
export function portTaken(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' ? resolve(true) : reject(error),
    );
    probe.listen(port, host, () => probe.close(() => resolve(false)));
  });
}

export type PortUse = 'lumina-server' | 'lumina-web-host' | 'other';

async function answers(url: string, looksRight: (body: unknown) => boolean): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.ok && looksRight(await response.json());
  } catch {
    return false;
  }
}

/** What is listening there: an earlier Lumina sync server, an earlier browser host, or something else. */
export async function whoListens(port: number, host = '127.0.0.1'): Promise<PortUse> {
  const base = `http://${host}:${port}`;
  const isRecord = (body: unknown): body is Record<string, unknown> =>
    typeof body === 'object' && body !== null;
  if (await answers(base + syncPaths.health, (body) => isRecord(body) && body.status === 'ok')) {
    return 'lumina-server';
  }
  if (await answers(`${base}/lumina-config.json`, (body) => isRecord(body) && 'serverUrl' in body)) {
    return 'lumina-web-host';
  }
  return 'other';
}

const described: Record<PortUse, string> = {
  'lumina-server': 'by a Lumina sync server: an earlier `npm start`, `npm run start:web` or `npm run server`',
  'lumina-web-host': 'by the browser host of an earlier `npm run start:web`',
  other: 'by another program',
};

/** One plain sentence per taken port, or none when every port is free. */
export async function takenPortMessages(ports: { port: number; what: string }[]): Promise<string[]> {
  const messages: string[] = [];
  for (const { port, what } of ports) {
    if (!(await portTaken(port))) continue;
    messages.push(
      `Port ${port} (${what}) is already taken ${described[await whoListens(port)]}, still running.`,
    );
  }
  return messages;
}

/** Prints why nothing was started and exits, when a port we need is taken. */
export async function exitIfPortsTaken(ports: { port: number; what: string }[]): Promise<void> {
  const messages = await takenPortMessages(ports);
  if (messages.length === 0) return;
  console.error(
    [
      '',
      ...messages,
      'Nothing was started. Stop the earlier one first (Ctrl-C in its terminal, or `ss -ltnp` shows its PID',
      'to kill), or use it as it is.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}
