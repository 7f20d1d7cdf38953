import { PASSPHRASE_MIN_LENGTH } from './device-vault';

/**
 * The passphrase rule at enrolment: at least PASSPHRASE_MIN_LENGTH characters AND a zxcvbn score of at least
 * PASSPHRASE_MIN_SCORE ("safely unguessable": about 10^8 guesses or more). Length alone lets "aaaaaaaaaaaa"
 * through; the score alone lets short random strings through that people then write down.
 */
export const PASSPHRASE_MIN_SCORE = 3;

export type StrengthScore = 0 | 1 | 2 | 3 | 4;

/** zxcvbn's warnings that the UI words itself (in every language); other warnings are not shown. */
export const STRENGTH_WARNINGS = [
  'straightRow',
  'keyPattern',
  'simpleRepeat',
  'extendedRepeat',
  'sequences',
  'recentYears',
  'dates',
  'topTen',
  'topHundred',
  'common',
  'similarToCommon',
  'wordByItself',
  'namesByThemselves',
  'commonNames',
  'userInputs',
] as const;
export type StrengthWarning = (typeof STRENGTH_WARNINGS)[number];

export type PassphraseProblem = 'too-short' | 'too-guessable';

export interface PassphraseAssessment {
  acceptable: boolean;
  score: StrengthScore;
  problems: PassphraseProblem[];
  warning: StrengthWarning | undefined;
}

/** What the rule needs from an estimator: zxcvbn's score and its warning key. */
export type StrengthEstimator = (
  passphrase: string,
  userInputs: string[],
) => { score: StrengthScore; warning: string | null };

export function assessPassphrase(
  passphrase: string,
  estimate: StrengthEstimator,
  userInputs: string[] = [],
): PassphraseAssessment {
  // "Aiko Tanaka" should count as the words "aiko" and "tanaka", wherever they appear.
  const words = userInputs.flatMap((input) => [input, ...input.split(/\s+/)]).filter((w) => w.length > 1);
  const { score, warning } = estimate(passphrase, [...new Set(words)]);
  const problems: PassphraseProblem[] = [];
  // Code points, not UTF-16 units: a passphrase in Japanese counts each character once.
  if ([...passphrase].length < PASSPHRASE_MIN_LENGTH) problems.push('too-short');
  if (score < PASSPHRASE_MIN_SCORE) problems.push('too-guessable');
  return {
    acceptable: problems.length === 0,
    score,
    problems,
    warning: (STRENGTH_WARNINGS as readonly string[]).includes(warning ?? '')
      ? (warning as StrengthWarning)
      : undefined,
  };
}

let estimator: Promise<StrengthEstimator> | undefined;

/**
 * zxcvbn with the common and English dictionaries. Loaded on first use (a few megabytes of word lists that only
 * the enrolment screen needs). Feedback comes back as keys, which the UI translates.
 */
export function loadStrengthEstimator(): Promise<StrengthEstimator> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, english] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    const zxcvbn = new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...english.dictionary },
      graphs: common.adjacencyGraphs,
      // Levenshtein matching against these dictionaries costs about a second per check: too slow per keystroke.
      useLevenshteinDistance: false,
    });
    return (passphrase, userInputs) => {
      const result = zxcvbn.check(passphrase, userInputs);
      return { score: result.score, warning: result.feedback.warning };
    };
  })();
  return estimator;
}
