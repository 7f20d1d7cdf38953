import { isIP } from 'node:net';
import path from 'node:path';
import { DESKTOP_APP_ORIGIN } from '../shared/index';

export interface ServerConfig {
  host: string;
  port: number;
  databaseUrl?: string;
  dataDir: string;
  /**
   * The server's key directory (LUMINA_KEY_DIR, default the data directory's sibling `keys`): the access log's
   * checkpoint key and last checkpoint, kept out of the database (server/audit/signer.ts, docs/audit.md).
   */
  keyDir: string;
  /** LUMINA_AUDIT_KEY: the checkpoint key's seed from a secret store, instead of the key directory's file. */
  auditKeySeed?: string;
  allowedOrigins: string[];
  /** The reverse proxies whose X-Forwarded-For is believed, by address or range; unset: none. */
  trustProxy?: string[];
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_WEB_HOST_PORT = 5173;

export function readServerConfig(env: NodeJS.ProcessEnv, cwd: string): ServerConfig {
  const port = env.PORT === undefined ? DEFAULT_PORT : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be 0-65535, got "${env.PORT}"`);
  const webHosts = [`http://localhost:${DEFAULT_WEB_HOST_PORT}`, `http://127.0.0.1:${DEFAULT_WEB_HOST_PORT}`];
  const allowedOrigins = env.LUMINA_ALLOWED_ORIGINS
    ? env.LUMINA_ALLOWED_ORIGINS.split(',')
        .map((o) => o.trim())
        .filter(Boolean)
    : [DESKTOP_APP_ORIGIN, ...webHosts];
  const dataDir = path.resolve(cwd, env.LUMINA_DATA_DIR ?? 'data/server');
  return {
    // Loopback unless told otherwise: in production the server sits behind a TLS reverse proxy.
    host: env.HOST ?? '127.0.0.1',
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    keyDir: env.LUMINA_KEY_DIR
      ? path.resolve(cwd, env.LUMINA_KEY_DIR)
      : path.join(path.dirname(dataDir), 'keys'),
    auditKeySeed: env.LUMINA_AUDIT_KEY || undefined,
    allowedOrigins,
    trustProxy: readTrustProxy(env.LUMINA_TRUST_PROXY),
  };
}

/** proxy-addr's names for ranges, which Fastify's `trustProxy` accepts beside addresses. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * LUMINA_TRUST_PROXY: the addresses or ranges of the reverse proxies in front of the server (`127.0.0.1`,
 * `loopback,10.0.0.0/8`). Neither "trust every sender" (`true`) nor a hop count is taken: with either, a client
 * that reaches the server directly could name any address it likes in X-Forwarded-For and escape the rate limits
 * (Fastify itself treats a hop count as trusting nobody, for that reason).
 */
function readTrustProxy(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length > 0 && entries.every(isAddressOrRange)) return entries;
  throw new Error(
    "LUMINA_TRUST_PROXY must be a comma-separated list of the reverse proxies' addresses or ranges " +
      `(e.g. 127.0.0.1 or loopback,10.0.0.0/8), got "${value}"`,
  );
}
