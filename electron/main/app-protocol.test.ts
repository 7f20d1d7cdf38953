import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeTypeOf, resolveAppAsset } from './app-protocol';

const root = path.resolve('/opt/lumina/out/renderer');

describe('resolveAppAsset', () => {
  it('serves files inside the renderer folder', () => {
    expect(resolveAppAsset(root, 'app://lumina/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset(root, 'app://lumina/assets/index-abc.js')).toBe(
      path.join(root, 'assets/index-abc.js'),
    );
    expect(resolveAppAsset(root, 'app://lumina/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset(root, 'app://lumina/assets/a.js?v=1#x')).toBe(path.join(root, 'assets/a.js'));
  });

  it.each([
    ['a backslash', 'app://lumina/..%5c..%5cwindows%5cwin.ini'],
    ['a NUL byte', 'app://lumina/index.html%00.png'],
    ['a malformed escape', 'app://lumina/%E0%A4%A'],
    ['an encoded slash', 'app://lumina/assets%2f..%2f..%2f..%2fetc%2fpasswd'],
    ['the folder itself', 'app://lumina/%2e%2e'],
    ['another host', 'app://evil/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['something that is not a URL', 'lumina/index.html'],
  ])('refuses %s', (_label, url) => {
    expect(resolveAppAsset(root, url)).toBeNull();
  });

  it.each([
    'app://lumina/../../etc/passwd',
    'app://lumina/%2e%2e/%2e%2e/etc/passwd',
    'app://lumina/assets/../../x',
    'app://lumina/a/b/../../../x',
    'app://lumina/%252e%252e/secret',
    'app://lumina/./././index.html',
  ])('never leaves the renderer folder for %s', (url) => {
    // The URL parser collapses literal dot segments itself; whatever is left must stay inside the root.
    const resolved = resolveAppAsset(root, url);
    if (resolved !== null) expect(resolved.startsWith(root + path.sep)).toBe(true);
  });
});

describe('mimeTypeOf', () => {
  it('knows the renderer’s file types, including WebAssembly for libsodium', () => {
    expect(mimeTypeOf('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeOf('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeOf('/x/sodium.wasm')).toBe('application/wasm');
    expect(mimeTypeOf('/x/unknown.bin')).toBe('application/octet-stream');
  });
});
