import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerErrorAnswers } from './errors';

describe('error answers', () => {
  it('takes a socket error of a request the client broke off for what it is, not the database going away', async () => {
    const app = Fastify();
    registerErrorAnswers(app);
    // What Node raises when the body stops arriving or the request timeout cuts it off: a 4xx carrying ECONNRESET.
    app.get('/cut-off', async () => {
      throw Object.assign(new Error('aborted'), { code: 'ECONNRESET', statusCode: 400 });
    });
    // A database whose connection reset: the same code, no status.
    app.get('/database', async () => {
      throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    });
    const cut = await app.inject({ method: 'GET', url: '/cut-off' });
    expect(cut.statusCode).toBe(400);
    expect(cut.headers['retry-after']).toBeUndefined();
    const database = await app.inject({ method: 'GET', url: '/database' });
    expect(database.statusCode).toBe(503);
    expect(database.headers['retry-after']).toBe('2');
    await app.close();
  });
});
