import { describe, expect, it } from 'vitest';

/**
 * No screen uses the browser's own date controls, whose digits follow the browser's locale (04/01/2027 and 12-hour
 * times in an en-US browser): dates are DateField, moments DateTimeField, times TimeField. Read from the source as
 * text, like keys-used.test.ts.
 */
const sources = import.meta.glob<string>(['../../**/*.tsx', '!../../**/*.test.tsx'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/**
 * Screens another change is rewriting (the breach register and the access log, issue 18): they get DateField when
 * it lands there. Remove each entry as it does; the test fails on an entry with no date input left.
 */
const NOT_YET: readonly string[] = [];

const BROWSER_DATE_INPUT = /type(?:=\{?\s*|:\s*)["'](?:date|datetime-local|time|month|week)["']|\? 'date' :/;
/** The code without its comments (which name the inputs they replace). */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
const usesBrowserDateInput = (text: string) => BROWSER_DATE_INPUT.test(code(text));

describe('date and time fields', () => {
  it('no screen uses a browser date, time or datetime-local input', () => {
    const found = Object.entries(sources)
      .filter(([path, text]) => usesBrowserDateInput(text) && !NOT_YET.includes(path))
      .map(([path]) => path);
    expect(found).toEqual([]);
  });

  it('each screen still waiting for DateField still has a date input (else take it off the list)', () => {
    const done = NOT_YET.filter((path) => !usesBrowserDateInput(sources[path] ?? ''));
    expect(done).toEqual([]);
  });
});
