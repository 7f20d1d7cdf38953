import { describe, expect, it } from 'vitest';
import type { SessionIdentity } from '../../../shared/index';
import { sameIdentity, stableIdentity } from './stable-identity';

const aiko: SessionIdentity = { staffId: 's1', displayName: 'Aiko Sato', role: 'manager', deviceId: 'd1' };

describe('stableIdentity', () => {
  it('keeps the previous object when a token renewal brings the same identity in a new object', () => {
    const renewed = { ...aiko };
    expect(renewed).not.toBe(aiko);
    expect(sameIdentity(aiko, renewed)).toBe(true);
    expect(stableIdentity(aiko, renewed)).toBe(aiko);
  });

  it('takes the new identity when the role, the name, the person or the device changes', () => {
    for (const change of [
      { role: 'concierge' as const },
      { displayName: 'Aiko Tanaka' },
      { staffId: 's2' },
      { deviceId: 'd2' },
    ]) {
      const next = { ...aiko, ...change };
      expect(sameIdentity(aiko, next)).toBe(false);
      expect(stableIdentity(aiko, next)).toBe(next);
    }
  });

  it('takes the first identity as it is', () => {
    expect(stableIdentity(undefined, aiko)).toBe(aiko);
  });
});
