import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/**
 * How hard a passphrase is to guess, as zxcvbn estimates it. One estimator for the whole app: the
 * renderer shows it as the strength meter, and the engine refuses a new passphrase below
 * MIN_ACCEPTED_SCORE (vault creation and passphrase changes, from any front end or the CLI).
 */

/** zxcvbn's score: 0 (guessed in moments) to 4 (out of reach of an offline attack). */
export type StrengthScore = 0 | 1 | 2 | 3 | 4;

/** Below this a new passphrase is refused: it would fall to a guessing attack on a seized laptop. */
export const MIN_ACCEPTED_SCORE: StrengthScore = 2;

let factory: Promise<ZxcvbnFactory> | null = null;

/** The estimator and its dictionaries (about 1 MB) load only when someone sets a new passphrase. */
function estimator(): Promise<ZxcvbnFactory> {
  factory ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]).then(
    ([core, common, english]) =>
      new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...english.dictionary },
        graphs: common.adjacencyGraphs,
        translations: english.translations,
      }),
  );
  return factory;
}

/**
 * The score, counting words the attacker would try first: the app's name and anything else
 * passed in `context`. Only the first 256 characters are scored (zxcvbn is slow on very long
 * input, and such a passphrase is strong anyway).
 */
export async function passphraseStrength(passphrase: string, context: string[] = []): Promise<StrengthScore> {
  if (passphrase === '') return 0;
  const zxcvbn = await estimator();
  return zxcvbn.check(passphrase.slice(0, 256), ['custodia', 'vault', ...context]).score as StrengthScore;
}
