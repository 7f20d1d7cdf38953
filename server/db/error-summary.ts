/**
 * What the server may log about an error: its kind and code, never its message. A PostgreSQL message can quote the
 * values of a row ("Key (id)=(…) already exists", a rejected value in a RAISE, a jsonb parse error's text), and so
 * can a JSON.parse error or a driver's connection error: no pattern can find every value in free text, so messages
 * are left out whole. Schema names (constraint, table, column) are identifiers, not values, and help a reader.
 */
export interface ErrorSummary {
  /** The error's class name (TypeError, DatabaseError, error). */
  type: string;
  /** SQLSTATE, or a Node or Fastify error code. */
  code?: string;
  /** What the SQLSTATE's class means. */
  class?: string;
  constraint?: string;
  table?: string;
  column?: string;
  /** Where it was thrown: the first frame of its stack (a file and line, no values). */
  at?: string;
}

// PostgreSQL's SQLSTATE classes (Appendix A of its manual), those a server may meet.
const SQLSTATE_CLASSES: Record<string, string> = {
  '08': 'connection exception',
  '0A': 'feature not supported',
  '21': 'cardinality violation',
  '22': 'data exception',
  '23': 'integrity constraint violation',
  '25': 'invalid transaction state',
  '28': 'invalid authorization',
  '3D': 'invalid catalog name',
  '40': 'transaction rollback',
  '42': 'syntax error or access rule violation',
  '53': 'insufficient resources',
  '54': 'program limit exceeded',
  '55': 'object not in prerequisite state',
  '57': 'operator intervention',
  '58': 'system error',
  F0: 'configuration file error',
  P0: 'PL/pgSQL error',
  XX: 'internal error',
};

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;
const CODE = /^[A-Za-z0-9_]{1,40}$/;
const SQLSTATE = /^[0-9A-Z]{5}$/;

const identifier = (value: unknown) =>
  typeof value === 'string' && IDENTIFIER.test(value) ? value : undefined;

/** The first stack frame, without the message lines above it (which may span several lines). */
function firstFrame(stack: unknown): string | undefined {
  if (typeof stack !== 'string') return undefined;
  const frame = stack
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line.startsWith('at '));
  // A frame names a function and a file: nothing a request carries, but bounded all the same.
  return frame?.slice(3, 203);
}

export function errorSummary(error: unknown): ErrorSummary {
  if (typeof error !== 'object' || error === null) return { type: typeof error };
  const { code, constraint, table, column, stack, name } = error as Record<string, unknown>;
  const type =
    typeof name === 'string' && IDENTIFIER.test(name) ? name : (error.constructor?.name ?? 'object');
  const summary: ErrorSummary = { type: IDENTIFIER.test(type) ? type : 'object' };
  if (typeof code === 'string' && CODE.test(code)) {
    summary.code = code;
    if (SQLSTATE.test(code)) summary.class = SQLSTATE_CLASSES[code.slice(0, 2)] ?? 'other';
  }
  const names = { constraint: identifier(constraint), table: identifier(table), column: identifier(column) };
  for (const [key, value] of Object.entries(names)) if (value) summary[key as keyof typeof names] = value;
  const at = firstFrame(stack);
  if (at) summary.at = at;
  return summary;
}

/** The summary as one line, for the places that print to the console. */
export function errorSummaryText(error: unknown): string {
  const s = errorSummary(error);
  return [
    s.type,
    s.code && `code ${s.code}${s.class ? ` (${s.class})` : ''}`,
    s.constraint && `constraint ${s.constraint}`,
    s.table && `table ${s.table}`,
    s.column && `column ${s.column}`,
  ]
    .filter(Boolean)
    .join(', ');
}
