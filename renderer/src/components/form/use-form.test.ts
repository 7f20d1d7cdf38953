import { describe, expect, it } from 'vitest';
import { draftAfterSave } from './use-form';

describe('draftAfterSave', () => {
  it('drops the draft that was saved', () => {
    const submitted = { latinName: 'Sofia Lindqvist' };
    expect(draftAfterSave(submitted, submitted)).toBeUndefined();
  });

  it('keeps what was typed while the save ran', () => {
    const submitted = { latinName: 'Sofia Lindqvist' };
    const typedMeanwhile = { latinName: 'Omar Haddad' };
    expect(draftAfterSave(typedMeanwhile, submitted)).toBe(typedMeanwhile);
  });

  it('keeps a draft started after a save of the initial values', () => {
    const typedMeanwhile = { latinName: 'O' };
    expect(draftAfterSave(typedMeanwhile, undefined)).toBe(typedMeanwhile);
  });
});
