import { useI18n } from '../i18n/index.tsx';
import type { StrengthScore } from './passphrase-strength.ts';

/** A five-step bar with words, so the strength is not told by colour alone. */
export function StrengthMeter({ score }: { score: StrengthScore | null }) {
  const { t } = useI18n();
  return (
    <div className="strength" aria-live="polite" data-testid="strength">
      <div className="strength-bar" aria-hidden="true">
        {[0, 1, 2, 3, 4].map((step) => (
          <span key={step} className={score !== null && step <= score ? `strength-step strength-${score}` : 'strength-step'} />
        ))}
      </div>
      <p className="field-hint">{score === null ? t.create.strengthEmpty : t.create.strength[score]}</p>
    </div>
  );
}
