import { describe, expect, it } from 'vitest';
import { errorsAt, FieldErrors, type FieldError } from './validation';

describe('errorsAt', () => {
  const errors: FieldError[] = [
    { path: 'emergencyContacts', code: 'too-many', params: { max: 5 } },
    { path: 'emergencyContacts.1.phone', code: 'invalid-phone' },
    { path: 'emergencyContactsNote', code: 'too-long' },
  ];

  it("answers a path's own errors and those under it, not a sibling sharing its prefix", () => {
    expect(errorsAt(errors, 'emergencyContacts')).toEqual(errors.slice(0, 2));
    expect(errorsAt(errors, 'emergencyContacts.1')).toEqual([errors[1]]);
  });

  it('answers only the own errors when exact', () => {
    expect(errorsAt(errors, 'emergencyContacts', { exact: true })).toEqual([errors[0]]);
  });
});

describe('FieldErrors', () => {
  it('answers the value when nothing was added, else every error (params only when given)', () => {
    expect(new FieldErrors().result(1)).toEqual({ ok: true, value: 1 });
    const errors = new FieldErrors();
    errors.add('a', 'required');
    errors.add('b', 'too-long', { max: 3 });
    expect(errors.result(1)).toEqual({
      ok: false,
      errors: [
        { path: 'a', code: 'required' },
        { path: 'b', code: 'too-long', params: { max: 3 } },
      ],
    });
  });
});
