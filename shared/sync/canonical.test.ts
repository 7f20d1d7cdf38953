import { describe, expect, it } from 'vitest';
import { canonicalJson, sameDocument } from './canonical';

describe('canonicalJson', () => {
  it('ignores key order at every depth but not array order', () => {
    expect(sameDocument({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 })).toBe(true);
    expect(sameDocument({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameDocument({ a: 1 }, { a: '1' })).toBe(false);
  });

  it('drops undefined fields as JSON does', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });
});
