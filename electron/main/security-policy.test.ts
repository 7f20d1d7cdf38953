import { describe, expect, it } from 'vitest';
import {
  isAllowedNavigation,
  isContentProtectionSupported,
  isPermissionGranted,
  isTrustedSenderUrl,
} from './security-policy';

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

describe('isContentProtectionSupported', () => {
  it('is true where the OS can hide a window from capture', () => {
    expect(isContentProtectionSupported('darwin')).toBe(true);
    expect(isContentProtectionSupported('win32')).toBe(true);
    expect(isContentProtectionSupported('linux')).toBe(false);
  });
});
