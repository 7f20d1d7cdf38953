import path from 'node:path';
import { DESKTOP_APP_ORIGIN } from '../shared/index';

export interface ServerConfig {
  host: string;
  port: number;
  databaseUrl?: string;
  dataDir: string;
  allowedOrigins: string[];
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
  return {
    // Loopback unless told otherwise: in production the server sits behind a TLS reverse proxy.
    host: env.HOST ?? '127.0.0.1',
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(cwd, env.LUMINA_DATA_DIR ?? 'data/server'),
    allowedOrigins,
  };
}
