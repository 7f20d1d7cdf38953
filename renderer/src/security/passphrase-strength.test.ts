import { beforeAll, describe, expect, it } from 'vitest';
import {
  assessPassphrase,
  loadStrengthEstimator,
  PASSPHRASE_MIN_SCORE,
  type StrengthEstimator,
} from './passphrase-strength';

describe('passphrase rule: at least 12 characters and a zxcvbn score of at least 3', () => {
  let zxcvbn: StrengthEstimator;
  beforeAll(async () => {
    zxcvbn = await loadStrengthEstimator();
  });

  it('states the minimum score the README quotes', () => {
    expect(PASSPHRASE_MIN_SCORE).toBe(3);
  });

  it('accepts a long passphrase of unrelated words', () => {
    const result = assessPassphrase('lantern orbit velvet quarry', zxcvbn);
    expect(result.acceptable).toBe(true);
    expect(result.problems).toEqual([]);
    expect(result.score).toBeGreaterThanOrEqual(3);
  });

  it('refuses twelve characters that are easy to guess', () => {
    for (const weak of ['aaaaaaaaaaaa', 'password1234', 'qwertyuiopas', '123456789012']) {
      const result = assessPassphrase(weak, zxcvbn);
      expect(result.acceptable, weak).toBe(false);
      expect(result.problems, weak).toEqual(['too-guessable']);
    }
  });

  it('refuses a short passphrase however random', () => {
    const result = assessPassphrase('x7#Qv!9z', zxcvbn);
    expect(result.problems).toContain('too-short');
    expect(result.acceptable).toBe(false);
  });

  it('counts characters, not UTF-16 units: eleven emoji are too short', () => {
    const estimate: StrengthEstimator = () => ({ score: 4, warning: null });
    expect(assessPassphrase('🌸'.repeat(11), estimate).problems).toEqual(['too-short']);
    expect(assessPassphrase('🌸'.repeat(12), estimate).acceptable).toBe(true);
  });

  it("counts the person's and the device's names against the passphrase", () => {
    const alone = assessPassphrase('AikoTanakaLaptop', zxcvbn);
    const knowingNames = assessPassphrase('AikoTanakaLaptop', zxcvbn, ['Aiko Tanaka', 'laptop']);
    expect(knowingNames.score).toBeLessThan(alone.score);
  });

  it("passes zxcvbn's warning through only when the UI knows its wording", () => {
    expect(assessPassphrase('password1234', zxcvbn).warning).toBeDefined();
    const unknown: StrengthEstimator = () => ({ score: 1, warning: 'somethingNew' });
    expect(assessPassphrase('whatever long enough', unknown).warning).toBeUndefined();
  });
});
