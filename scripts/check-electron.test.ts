import { describe, expect, it } from 'vitest';
import { findJustifications, hasReason } from './check-electron';

describe('findJustifications', () => {
  it('reads the check ids and the reason of JavaScript and HTML comments', () => {
    const source = [
      'const a = 1;',
      'new BrowserWindow({ // eng-disable AUXCLICK_JS_CHECK: no such Blink flag now; windows denied below',
      'x(); /* eng-disable SANDBOX_JS_CHECK, CONTEXT_ISOLATION_JS_CHECK: both set in the literal above */',
      '<meta http-equiv="x" /> <!-- eng-disable CSP_GLOBAL_CHECK self is the bundled app only -->',
    ].join('\n');
    expect(findJustifications('f.ts', source)).toEqual([
      {
        file: 'f.ts',
        line: 2,
        checks: ['AUXCLICK_JS_CHECK'],
        reason: 'no such Blink flag now; windows denied below',
      },
      {
        file: 'f.ts',
        line: 3,
        checks: ['SANDBOX_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK'],
        reason: 'both set in the literal above',
      },
      { file: 'f.ts', line: 4, checks: ['CSP_GLOBAL_CHECK'], reason: 'self is the bundled app only' },
    ]);
  });

  it('finds nothing in a file without justifications', () => {
    expect(findJustifications('f.ts', 'const disabled = "eng";\n')).toEqual([]);
  });
});

describe('hasReason', () => {
  const justification = (reason: string) => ({ file: 'f.ts', line: 1, checks: ['SANDBOX_JS_CHECK'], reason });

  it('wants a reason of a few words, not a bare disable', () => {
    expect(hasReason(justification('sandbox is set in the literal'))).toBe(true);
    expect(hasReason(justification(''))).toBe(false);
    expect(hasReason(justification('ok'))).toBe(false);
    expect(hasReason(justification('- - - -'))).toBe(false);
  });
});
