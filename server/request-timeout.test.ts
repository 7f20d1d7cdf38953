import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { authPaths } from '../shared/index';
import { buildServer } from './app';
import { testEngines } from '../tests/support/server/engines';

// Issue 22, finding 1: a body that never arrived held a connection for over 70 s.
describe('a request whose body never arrives', () => {
  it('is cut off after the request timeout', async () => {
    const handle = await testEngines[0]!.open();
    const server = await buildServer({
      db: handle.db,
      allowedOrigins: [],
      logLevel: 'silent',
      requestTimeoutMs: 1000,
    });
    try {
      await server.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = server.app.server.address() as { port: number };
      const socket = connect(port, '127.0.0.1');
      // Read what the server says, or the socket never reports that it was closed.
      socket.resume();
      const started = performance.now();
      socket.write(
        `POST ${authPaths.challenge} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"de`,
      );
      const closedAfterMs = await new Promise<number | null>((resolve) => {
        socket.on('close', () => resolve(performance.now() - started));
        setTimeout(() => resolve(null), 10_000);
      });
      socket.destroy();
      expect(closedAfterMs).not.toBeNull();
      expect(closedAfterMs!).toBeLessThan(5000);
    } finally {
      await server.close();
      await handle.drop();
    }
  });
});
