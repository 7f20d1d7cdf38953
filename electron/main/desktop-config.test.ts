import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_URL, readDesktopConfig } from './desktop-config';

describe('readDesktopConfig', () => {
  it('defaults to the local server and normalises a configured one to its origin', () => {
    expect(readDesktopConfig({}, { packaged: true }).serverUrl).toBe(DEFAULT_SERVER_URL);
    expect(
      readDesktopConfig({ LUMINA_SERVER_URL: 'HTTPS://Sync.Lumina.Example:443/api' }, { packaged: true })
        .serverUrl,
    ).toBe('https://sync.lumina.example');
  });

  it('refuses anything that is not an http(s) URL, saying why', () => {
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'sync.lumina.example', 'https://']) {
      expect(() => readDesktopConfig({ LUMINA_SERVER_URL: bad }, { packaged: false })).toThrow(
        /LUMINA_SERVER_URL is not usable/,
      );
    }
  });

  it('requires https for a remote server in a packaged build, and allows http to loopback', () => {
    expect(() =>
      readDesktopConfig({ LUMINA_SERVER_URL: 'http://sync.lumina.example' }, { packaged: true }),
    ).toThrow(/must use https/);
    expect(
      readDesktopConfig({ LUMINA_SERVER_URL: 'http://sync.lumina.example' }, { packaged: false }).serverUrl,
    ).toBe('http://sync.lumina.example');
    for (const local of ['http://127.0.0.1:8787', 'http://localhost:8787', 'http://[::1]:8787']) {
      expect(readDesktopConfig({ LUMINA_SERVER_URL: local }, { packaged: true }).serverUrl).toBe(local);
    }
    expect(() =>
      readDesktopConfig({ LUMINA_SERVER_URL: 'http://127.0.0.1.evil.example' }, { packaged: true }),
    ).toThrow(/must use https/);
  });
});
