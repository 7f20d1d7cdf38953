import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_URL, readDesktopConfig } from './desktop-config';

describe('readDesktopConfig', () => {
  it('defaults to the local server and normalises a configured one to its origin', () => {
    expect(readDesktopConfig({}).serverUrl).toBe(DEFAULT_SERVER_URL);
    expect(readDesktopConfig({ LUMINA_SERVER_URL: 'HTTPS://Sync.Lumina.Example:443/api' }).serverUrl).toBe(
      'https://sync.lumina.example',
    );
  });

  it('refuses anything that is not an http(s) URL, saying why', () => {
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'sync.lumina.example', 'https://']) {
      expect(() => readDesktopConfig({ LUMINA_SERVER_URL: bad })).toThrow(/LUMINA_SERVER_URL is not usable/);
    }
  });
});
