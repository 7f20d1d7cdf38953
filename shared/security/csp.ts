/**
 * The renderer's Content Security Policy, built in one place for both hosts (Electron's app:// protocol and
 * the browser host). Scripts come only from the app itself; 'wasm-unsafe-eval' lets libsodium's WebAssembly
 * compile (it allows no JavaScript eval); the network is limited to the configured sync server.
 */
export interface CspOptions {
  /** Origin of the central server, e.g. "https://sync.lumina.example". */
  serverOrigin: string;
  /** Whether the page may fetch from its own origin (the browser host reads its config from there). */
  allowSelfConnect?: boolean;
}

/** scheme://host[:port], lower-cased; the host is a DNS name, IPv4 address or bracketed IPv6 address. */
const HTTP_ORIGIN = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:.]+\])(:\d{1,5})?(?:[/?#]|$)/i;

/** The origin of an http(s) URL; anything else (javascript:, file:, a bare host) is refused. */
export function originOf(url: string): string {
  const match = HTTP_ORIGIN.exec(url.trim());
  if (!match) throw new Error('server URL must be an http:// or https:// URL');
  const [, scheme, host, port = ''] = match;
  const defaultPort = scheme!.toLowerCase() === 'https' ? ':443' : ':80';
  return `${scheme!.toLowerCase()}://${host!.toLowerCase()}${port === defaultPort ? '' : port}`;
}

/** Everything but connect-src, which depends on the configured server. */
const FIXED_DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
];

export function buildContentSecurityPolicy(options: CspOptions): string {
  const server = originOf(options.serverOrigin);
  const connect = options.allowSelfConnect ? `'self' ${server}` : server;
  return [...FIXED_DIRECTIVES, `connect-src ${connect}`, "frame-ancestors 'none'"].join('; ');
}

/**
 * The same policy for the <meta> element in renderer/index.html, a second layer should a host ever serve the
 * page without the header. The server is known only at run time, so connect-src allows http(s) in general and
 * the header narrows it (a page obeys every policy it is given); frame-ancestors has no effect in a meta element.
 */
export function buildDocumentCspBaseline(): string {
  return [...FIXED_DIRECTIVES, "connect-src 'self' http: https:"].join('; ');
}
