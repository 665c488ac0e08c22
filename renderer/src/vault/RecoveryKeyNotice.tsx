import { useId } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { Card } from '../ui/Card.tsx';

export function RecoveryKeyNotice({ recoveryKey, onDone }: { recoveryKey: string; onDone: () => void }) {
  const { t } = useI18n();
  const labelId = useId();
  const groups = recoveryKey.split('-');
  return (
    <Card title={t.recovery.title} narrow>
      <p className="intro">{t.recovery.intro}</p>
      <p className="recovery-label" id={labelId}>
        {t.recovery.keyLabel}
      </p>
      <p className="recovery-key" aria-labelledby={labelId} data-testid="recovery-key">
        {groups.map((group, index) => (
          <span key={index} className="recovery-group">
            {group}
            {index < groups.length - 1 && (
              <span className="recovery-sep" aria-hidden="true">
                -
              </span>
            )}
          </span>
        ))}
      </p>
      <p className="message message-warning">{t.recovery.warning}</p>
      <div className="actions">
        <button type="button" className="button button-primary" onClick={onDone}>
          {t.recovery.confirm}
        </button>
      </div>
    </Card>
  );
}
