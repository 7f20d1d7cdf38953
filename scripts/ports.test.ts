import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { portTaken, takenPortMessages, whoListens } from './ports';

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(handler: http.RequestListener): Promise<number> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const json =
  (body: unknown): http.RequestListener =>
  (req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));

describe('ports', () => {
  it('tells a free port from a taken one', async () => {
    const port = await listen(json({}));
    expect(await portTaken(port)).toBe(true);
    await new Promise((resolve) => servers.pop()!.close(resolve));
    expect(await portTaken(port)).toBe(false);
  });

  it('recognises an earlier sync server, an earlier browser host, and anything else', async () => {
    const server = await listen((req, res) =>
      req.url === '/health' ? json({ status: 'ok', engine: 'pglite' })(req, res) : res.writeHead(404).end(),
    );
    const host = await listen((req, res) =>
      req.url === '/lumina-config.json' ? json({ serverUrl: 'x' })(req, res) : res.writeHead(404).end(),
    );
    const other = await listen((req, res) => res.writeHead(200).end('hello'));
    expect(await whoListens(server)).toBe('lumina-server');
    expect(await whoListens(host)).toBe('lumina-web-host');
    expect(await whoListens(other)).toBe('other');
  });

  it('says plainly which port is taken by what, and nothing for a free port', async () => {
    const host = await listen(json({ serverUrl: 'x' }));
    const free = await listen(json({}));
    await new Promise((resolve) => servers.pop()!.close(resolve));
    expect(
      await takenPortMessages([
        { port: host, what: 'the browser host' },
        { port: free, what: 'the sync server' },
      ]),
    ).toEqual([
      `Port ${host} (the browser host) is already taken by the browser host of an earlier ` +
        '`npm run start:web`, still running.',
    ]);
  });
});
