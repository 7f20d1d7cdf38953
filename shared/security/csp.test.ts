import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, buildDocumentCspBaseline, originOf } from './csp';

const directives = (csp: string) =>
  new Map(csp.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));

describe('buildContentSecurityPolicy', () => {
  it('allows scripts only from the app, WebAssembly compilation for libsodium, and no eval', () => {
    const csp = directives(buildContentSecurityPolicy({ serverOrigin: 'https://sync.example' }));
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp.get('script-src')).not.toContain("'unsafe-eval'");
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(csp.get('object-src')).toEqual(["'none'"]);
  });

  it('limits connections to the configured server', () => {
    const csp = directives(buildContentSecurityPolicy({ serverOrigin: 'https://sync.example/path?q=1' }));
    expect(csp.get('connect-src')).toEqual(['https://sync.example']);
    const web = directives(
      buildContentSecurityPolicy({ serverOrigin: 'http://127.0.0.1:8787', allowSelfConnect: true }),
    );
    expect(web.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:8787']);
  });
});

describe('buildDocumentCspBaseline', () => {
  it('is the header policy with connect-src widened to http(s) and without frame-ancestors', () => {
    const header = directives(buildContentSecurityPolicy({ serverOrigin: 'https://sync.example' }));
    const baseline = directives(buildDocumentCspBaseline());
    expect(baseline.get('connect-src')).toEqual(["'self'", 'http:', 'https:']);
    expect(baseline.has('frame-ancestors')).toBe(false);
    header.delete('connect-src');
    header.delete('frame-ancestors');
    baseline.delete('connect-src');
    expect(baseline).toEqual(header);
  });
});

describe('originOf', () => {
  it('keeps scheme, host and non-default port, lower-cased', () => {
    expect(originOf('http://127.0.0.1:8787/sync')).toBe('http://127.0.0.1:8787');
    expect(originOf('HTTPS://Example.COM:443/')).toBe('https://example.com');
    expect(originOf('http://[::1]:8787')).toBe('http://[::1]:8787');
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    "https://x.example'; script-src *",
    'https://a b',
    '',
  ])('refuses %j', (bad) => {
    expect(() => originOf(bad)).toThrow(/http:\/\/ or https:\/\//);
  });
});
