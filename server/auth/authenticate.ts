import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { can, type Capability } from '../../shared/index';
import { forbidden, unauthorized } from './api-error';
import type { Database } from '../db/database';
import type { Caller } from './caller';
import { authenticate as callerOfToken } from './sessions';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated staff member and device; set by the auth pre-handler on protected routes. */
    caller?: Caller;
  }
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{43})$/;

function tokenOf(request: FastifyRequest, allowQueryToken: boolean): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) return BEARER.exec(header)?.[1] ?? '';
  if (allowQueryToken) {
    const token = (request.query as { access_token?: unknown } | undefined)?.access_token;
    if (typeof token === 'string') return token;
  }
  return undefined;
}

export interface AuthGuards {
  /** Any active, authenticated device. `queryToken`: also accept ?access_token= (for EventSource). */
  authenticated(options?: { queryToken?: boolean }): onRequestAsyncHookHandler;
  /** An authenticated caller whose role has the capability (shared/auth/roles.ts); 403 otherwise. */
  capability(capability: Capability): onRequestAsyncHookHandler;
  /** An authenticated caller whose role has at least one of the capabilities; 403 otherwise. */
  anyCapability(capabilities: readonly Capability[]): onRequestAsyncHookHandler;
  /**
   * Whether the session a request was authenticated with still stands (not expired, device and staff member not
   * revoked): long-lived responses (the event stream) ask again from time to time.
   */
  stillValid(request: FastifyRequest): Promise<boolean>;
}

export function authGuards(db: Database, clock: () => number): AuthGuards {
  const authenticate = async (request: FastifyRequest, queryToken: boolean) => {
    const token = tokenOf(request, queryToken);
    if (token === undefined) throw unauthorized('missing-token');
    const caller = token === '' ? 'invalid-token' : await callerOfToken(db, token, clock());
    if (typeof caller === 'string') throw unauthorized(caller);
    request.caller = caller;
    tokens.set(request, token);
    return caller;
  };
  const tokens = new WeakMap<FastifyRequest, string>();
  return {
    authenticated(options = {}) {
      return async (request: FastifyRequest) => {
        await authenticate(request, options.queryToken ?? false);
      };
    },
    capability(capability) {
      return async (request: FastifyRequest) => {
        const caller = await authenticate(request, false);
        if (!can(caller.role, capability)) throw forbidden(`capability:${capability}`);
      };
    },
    anyCapability(capabilities) {
      return async (request: FastifyRequest) => {
        const caller = await authenticate(request, false);
        if (!capabilities.some((capability) => can(caller.role, capability))) {
          throw forbidden(`capability:${capabilities.join('|')}`);
        }
      };
    },
    async stillValid(request) {
      const token = tokens.get(request);
      return token !== undefined && typeof (await callerOfToken(db, token, clock())) !== 'string';
    },
  };
}

/** The caller a guarded handler runs for. */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw unauthorized('missing-token');
  return request.caller;
}
