import { MIN_ACCEPTED_SCORE, passphraseStrength, type StrengthScore } from '../../../shared/passphrase-strength.ts';
import { ArchiveError } from '../errors.ts';

export interface PassphraseVerdict {
  score: StrengthScore;
  /** The passphrase is weak and was accepted only because the user insisted (recorded in the custody log). */
  weakAccepted: boolean;
}

/**
 * Every new passphrase (a new vault, a changed passphrase) is rated the same way the app's meter
 * rates it, and one rated guessable is refused, whichever front end or script sets it. The CLI
 * can insist (`--allow-weak-passphrase`); the caller then records that in the custody log.
 */
export async function checkNewPassphrase(passphrase: string, allowWeak = false): Promise<PassphraseVerdict> {
  const score = await passphraseStrength(passphrase);
  if (score >= MIN_ACCEPTED_SCORE) return { score, weakAccepted: false };
  if (allowWeak) return { score, weakAccepted: true };
  throw new ArchiveError(
    'validation',
    `this passphrase is too easy to guess (strength ${score} of 4, at least ${MIN_ACCEPTED_SCORE} needed): use four or more unrelated words`,
  );
}
