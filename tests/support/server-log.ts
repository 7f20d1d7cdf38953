import { Writable } from 'node:stream';

/**
 * What must never be in the server's log (issue 22, finding 6): ids (every id of the model is a UUID), bearer
 * tokens (sent as `Authorization` or, for the event stream, `?access_token=`) and the one-time setup code. The
 * e2e stack keeps its server's whole log at the production level for a worker's whole run and checks it when the
 * worker ends (stack.ts), so a new log path that leaks is caught by the run that adds it.
 */
const FORBIDDEN: readonly [string, RegExp][] = [
  ['id', /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi],
  ['token', /access_token|authorization|bearer\s/gi],
];

export interface LogFinding {
  kind: string;
  count: number;
}

/** What the log holds that it must not, by kind and count (never the values: the report itself must not leak). */
export function forbiddenInLog(log: string, secrets: readonly string[] = []): LogFinding[] {
  const findings: LogFinding[] = [];
  for (const [kind, pattern] of FORBIDDEN) {
    const count = log.match(pattern)?.length ?? 0;
    if (count > 0) findings.push({ kind, count });
  }
  const leaked = secrets.filter((secret) => secret.length > 0 && log.includes(secret)).length;
  if (leaked > 0) findings.push({ kind: 'secret', count: leaked });
  return findings;
}

/** A log stream that keeps everything written to it, for the check above. */
export function capturedLog(): { stream: Writable; text(): string } {
  const chunks: string[] = [];
  return {
    stream: new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    }),
    text: () => chunks.join(''),
  };
}
