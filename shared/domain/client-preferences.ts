import {
  DIETARY_NOTES_MAX_LENGTH,
  DIETARY_RESTRICTIONS,
  LIFESTYLE_ALLERGIES_MAX,
  LIFESTYLE_ALLERGY_MAX_LENGTH,
  MOBILITY_NEEDS_MAX_LENGTH,
  PREFERENCE_NOTES_MAX_LENGTH,
  ROOM_PREFERENCES,
  SEAT_PREFERENCES,
  type DietaryRestriction,
  type Lifestyle,
  type TravelPreferences,
} from './client-schema';
import { optionField } from './client-fields';
import { compact, FieldErrors, textField, type ValidationResult } from './validation';

export interface TravelPreferencesInput {
  notes?: string;
  seat?: string;
  room?: string;
  dietary?: string;
}

export function validateTravelPreferences(
  input: TravelPreferencesInput,
): ValidationResult<TravelPreferences | undefined> {
  const errors = new FieldErrors();
  const value = compact({
    notes: textField(errors, 'preferences.notes', input.notes, {
      max: PREFERENCE_NOTES_MAX_LENGTH,
      multiline: true,
    }),
    seat: optionField(errors, 'preferences.seat', input.seat, SEAT_PREFERENCES),
    room: optionField(errors, 'preferences.room', input.room, ROOM_PREFERENCES),
    dietary: textField(errors, 'preferences.dietary', input.dietary, {
      max: DIETARY_NOTES_MAX_LENGTH,
      multiline: true,
    }),
  });
  return errors.result(value);
}

export interface LifestyleInput {
  dietaryRestrictions?: string[];
  mobilityNeeds?: string;
  allergies?: string[];
}

/** Dietary restrictions (codes), mobility needs and hotel-relevant allergies; undefined when all are empty. */
export function validateLifestyle(input: LifestyleInput): ValidationResult<Lifestyle | undefined> {
  const errors = new FieldErrors();
  const dietaryRestrictions: DietaryRestriction[] = [];
  (input.dietaryRestrictions ?? []).forEach((code, index) => {
    const option = optionField(errors, `lifestyle.dietaryRestrictions.${index}`, code, DIETARY_RESTRICTIONS);
    if (option !== undefined && !dietaryRestrictions.includes(option)) dietaryRestrictions.push(option);
  });
  const mobilityNeeds = textField(errors, 'lifestyle.mobilityNeeds', input.mobilityNeeds, {
    max: MOBILITY_NEEDS_MAX_LENGTH,
    multiline: true,
  });
  const allergies: string[] = [];
  const seen = new Set<string>();
  (input.allergies ?? []).forEach((typed, index) => {
    const allergy = textField(errors, `lifestyle.allergies.${index}`, typed, {
      max: LIFESTYLE_ALLERGY_MAX_LENGTH,
    });
    if (allergy === undefined) return;
    const key = allergy.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    allergies.push(allergy);
  });
  if (allergies.length > LIFESTYLE_ALLERGIES_MAX) {
    errors.add('lifestyle.allergies', 'too-many', { max: LIFESTYLE_ALLERGIES_MAX });
  }
  const empty = dietaryRestrictions.length === 0 && mobilityNeeds === undefined && allergies.length === 0;
  return errors.result(
    empty
      ? undefined
      : { dietaryRestrictions, allergies, ...(mobilityNeeds === undefined ? {} : { mobilityNeeds }) },
  );
}
