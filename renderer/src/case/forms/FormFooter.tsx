import { useI18n } from '../../i18n/index.tsx';
import { ErrorMessage } from '../../ui/feedback.tsx';
import { SubmitButton } from '../../ui/fields.tsx';

/** The end of every record form: the engine's refusal (if any), cancel and save. */
export function FormFooter({
  busy,
  failure,
  onCancel,
  label,
}: {
  busy: boolean;
  failure: string | null;
  onCancel?: () => void;
  label?: string;
}) {
  const { t } = useI18n();
  return (
    <>
      {failure && <ErrorMessage>{failure}</ErrorMessage>}
      <div className="actions">
        {onCancel && (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t.record.cancel}
          </button>
        )}
        <SubmitButton busy={busy} label={label ?? t.record.save} busyLabel={t.record.saving} />
      </div>
    </>
  );
}
