import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TEMPORARILY_UNAVAILABLE } from '../shared/sync/protocol';
import { ApiError } from './auth/api-error';
import { errorSummary } from './db/error-summary';

/** What a 503 asks devices to wait (shared/sync/protocol.ts: devices wait at least that long, quietly). */
export const RETRY_AFTER_SECONDS = TEMPORARILY_UNAVAILABLE.retryAfterSeconds;
/** Error answers are short: a reason never quotes the request (a body may be megabytes of someone's data). */
export const REASON_MAX_LENGTH = 200;

// PostgreSQL: admin/crash shutdown, cannot connect now, connection exceptions, too many connections.
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300',
]);
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /not queryable/i,
  /PGlite is closed/i,
  /database is unavailable/i,
];

/** Whether an error means the database cannot be reached for now (the request may succeed if retried). */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code))) {
    return true;
  }
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message)))
    return true;
  return isDatabaseUnavailable(cause, depth + 1);
}

const bounded = (text: string) =>
  text.length > REASON_MAX_LENGTH ? `${text.slice(0, REASON_MAX_LENGTH)}…` : text;

/**
 * Every error answer: a status, a code and a short reason. Nothing here logs a URL, a body or a driver's detail:
 * they may carry tokens, ids and personal values.
 */
export function registerErrorAnswers(app: FastifyInstance): void {
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send({ error: 'not-found', reason: 'no such route' }),
  );
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      return reply.status(error.statusCode).send({
        error: error.statusCode === 401 ? 'unauthorized' : error.statusCode === 403 ? 'forbidden' : 'refused',
        reason: error.reason,
        ...(error.needs ? { needs: error.needs } : {}),
        ...(error.documentId ? { documentId: error.documentId } : {}),
      });
    }
    if (error.validation) {
      return reply.status(400).send({ error: 'invalid-request', reason: bounded(error.message) });
    }
    // The client went away (an aborted upload, a body cut off by the request timeout): its socket error is not
    // the database's, and nobody is left to answer.
    const clientError = error.statusCode !== undefined && error.statusCode < 500;
    if (!clientError && (request.raw.aborted || request.raw.destroyed)) {
      request.log.debug({ err: errorSummary(error) }, 'client left');
      return reply.status(400).send({ error: 'client-left', reason: 'the request ended before it was read' });
    }
    if (!clientError && isDatabaseUnavailable(error)) {
      request.log.warn({ err: errorSummary(error) }, 'database unavailable');
      return reply.status(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send({
        error: TEMPORARILY_UNAVAILABLE.reason,
        reason: 'the database is unavailable; try again shortly',
      });
    }
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) {
      // Its kind and code only: a driver's message, like its detail, may quote the values of a row.
      request.log.error({ err: errorSummary(error) }, 'request failed');
      return reply
        .status(500)
        .send({ error: 'internal-error', reason: 'the server could not complete the request' });
    }
    return reply.status(status).send({ error: error.code ?? 'bad-request', reason: bounded(error.message) });
  });
}

/**
 * Fastify's answer to a request it could not route (FST_ERR_BAD_URL, a bad content type...), in the server's own
 * shape: the code and a fixed reason, never the URL, which may carry an `access_token`; never cached.
 */
export function frameworkErrorAnswer(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  void reply
    .status(error.statusCode && error.statusCode < 500 ? error.statusCode : 400)
    .header('cache-control', 'no-store')
    .send({ error: 'invalid-request', reason: 'the request could not be read' });
}
