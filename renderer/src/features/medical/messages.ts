import type { DeepStrings } from '../../i18n/deep-strings';

/**
 * The medical part of the UI catalogues (renderer/src/i18n): English, and Japanese with exactly the same keys.
 * Kept beside the feature so that each feature's text is edited in one place.
 */
export const medicalEn = {
  heading: 'Medical',
};

export const medicalJa: DeepStrings<typeof medicalEn> = {
  heading: '医療情報',
};
