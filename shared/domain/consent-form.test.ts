import { describe, expect, it } from 'vitest';
import { validateConsentInput } from './consent-form';

describe('the consent form', () => {
  it('validates the consent form field by field', () => {
    const now = Date.UTC(2026, 10, 24, 9, 0);
    expect(validateConsentInput({ policyVersion: '', method: 'fax', givenAt: now + 3_600_000 }, now)).toEqual(
      {
        ok: false,
        errors: [
          { path: 'consent.policyVersion', code: 'required' },
          { path: 'consent.method', code: 'unknown-option' },
          { path: 'consent.givenAt', code: 'date-in-future' },
        ],
      },
    );
    expect(validateConsentInput({ policyVersion: 'v 1', method: 'written', givenAt: NaN }, now)).toEqual({
      ok: false,
      errors: [
        { path: 'consent.policyVersion', code: 'invalid-format' },
        { path: 'consent.givenAt', code: 'invalid-date' },
      ],
    });
    expect(
      validateConsentInput(
        { policyVersion: ' 2026.1 ', method: 'electronic', givenAt: now - 10, notes: ' ' },
        now,
      ),
    ).toEqual({ ok: true, value: { policyVersion: '2026.1', method: 'electronic', givenAt: now - 10 } });
  });
});
