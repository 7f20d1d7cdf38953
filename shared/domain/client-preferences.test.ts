import { describe, expect, it } from 'vitest';
import { validateLifestyle, validateTravelPreferences } from './client';

describe('validateTravelPreferences', () => {
  it('keeps the chosen options and notes, refuses unknown options', () => {
    expect(validateTravelPreferences({ seat: 'window', room: '', notes: ' Early riser ' })).toEqual({
      ok: true,
      value: { seat: 'window', notes: 'Early riser' },
    });
    expect(validateTravelPreferences({ room: 'capsule' })).toEqual({
      ok: false,
      errors: [{ path: 'preferences.room', code: 'unknown-option' }],
    });
    expect(validateTravelPreferences({})).toEqual({ ok: true, value: undefined });
  });
});

describe('validateLifestyle', () => {
  it('keeps known restriction codes once, and allergies once each ignoring case', () => {
    expect(
      validateLifestyle({
        dietaryRestrictions: ['halal', 'halal', 'no-alcohol'],
        allergies: ['Peanuts', ' peanuts ', 'feather pillows', ''],
      }),
    ).toEqual({
      ok: true,
      value: { dietaryRestrictions: ['halal', 'no-alcohol'], allergies: ['Peanuts', 'feather pillows'] },
    });
    expect(validateLifestyle({ dietaryRestrictions: ['paleo'] })).toEqual({
      ok: false,
      errors: [{ path: 'lifestyle.dietaryRestrictions.0', code: 'unknown-option' }],
    });
    expect(validateLifestyle({ dietaryRestrictions: [], allergies: [' '], mobilityNeeds: '' })).toEqual({
      ok: true,
      value: undefined,
    });
  });
});
