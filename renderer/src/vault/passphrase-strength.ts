/** The strength meter and the engine refuse the same passphrases: one estimator, in shared/. */
export { MIN_ACCEPTED_SCORE, passphraseStrength, type StrengthScore } from '../../../shared/passphrase-strength.ts';
