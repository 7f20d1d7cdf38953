import { describe, expect, it } from 'vitest';
import { describeStoreError } from './describe-store-error';

describe('describeStoreError', () => {
  it("answers an error's string code, never its message", () => {
    const error = Object.assign(new Error('document {"names":{"latin":"Amelia"}} failed'), {
      code: 'CONFLICT',
    });
    expect(describeStoreError(error)).toBe('CONFLICT');
  });

  it('answers unknown for anything without a string code', () => {
    expect(describeStoreError(new Error('boom'))).toBe('unknown');
    expect(describeStoreError({ code: 42 })).toBe('unknown');
    expect(describeStoreError(undefined)).toBe('unknown');
    expect(describeStoreError(null)).toBe('unknown');
    expect(describeStoreError('text')).toBe('unknown');
  });
});
