import { describe, expect, it } from 'vitest';
import {
  isAllowedNavigation,
  isPermissionGranted,
  isTrustedSenderUrl,
  secureWebPreferences,
} from './security-policy';

describe('secureWebPreferences', () => {
  it('turns on isolation and the sandbox and turns off Node in the renderer', () => {
    const prefs = secureWebPreferences('/app/preload.cjs', true);
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
      preload: '/app/preload.cjs',
    });
  });

  it('allows DevTools only outside production', () => {
    expect(secureWebPreferences('/p', false).devTools).toBe(true);
  });
});

describe('isTrustedSenderUrl', () => {
  it('trusts only frames of the app itself', () => {
    expect(isTrustedSenderUrl('app://lumina/index.html')).toBe(true);
    expect(isTrustedSenderUrl('app://lumina.evil.example/index.html')).toBe(false);
    expect(isTrustedSenderUrl('https://lumina/index.html')).toBe(false);
    expect(isTrustedSenderUrl('http://127.0.0.1:5173/')).toBe(false);
    expect(isTrustedSenderUrl('about:blank')).toBe(false);
    expect(isTrustedSenderUrl('')).toBe(false);
    expect(isTrustedSenderUrl(undefined)).toBe(false);
  });
});

describe('isAllowedNavigation', () => {
  it('denies navigation anywhere outside the app', () => {
    expect(isAllowedNavigation('app://lumina/index.html')).toBe(true);
    expect(isAllowedNavigation('https://example.com/phish')).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd')).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)')).toBe(false);
    expect(isAllowedNavigation('not a url')).toBe(false);
  });
});

describe('isPermissionGranted', () => {
  it('denies every permission by default, even to the app', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      expect(isPermissionGranted(permission, 'app://lumina/index.html')).toBe(false);
    }
  });
});
