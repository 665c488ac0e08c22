import type { JobStatus } from '../../../shared/model.ts';
import { useI18n } from '../i18n/index.tsx';
import { describeError } from './errors.ts';
import { ErrorMessage, ProgressLine } from './feedback.tsx';

/**
 * A running job's progress bar (phase, done/total; a bar that moves with the bytes where the work
 * counts them) and its Cancel button; then, when it failed or was cancelled, one sentence.
 */
export function JobProgress({ status, error, onCancel }: { status: JobStatus | null; error: string | null; onCancel: () => void }) {
  const { t, f } = useI18n();
  const phases = t.app.common.phase;
  if (error) return <ErrorMessage>{error}</ErrorMessage>;
  if (!status) return null;
  if (status.state === 'cancelled') return <p className="message message-info">{t.app.common.cancelled}</p>;
  if (status.state === 'failed') return <ErrorMessage>{status.error ? describeError(t, status.error) : t.errors.unexpected}</ErrorMessage>;
  if (status.state !== 'running') return null;
  const progress = status.progress;
  const phase = progress ? (phases[progress.phase] ?? progress.phase) : t.app.common.working;
  const bytes = progress && progress.total > 4096;
  const label = progress
    ? `${phase}: ${bytes ? `${f.bytes(progress.done)} / ${f.bytes(progress.total)}` : `${f.number(progress.done)} / ${f.number(progress.total)}`}`
    : phase;
  return (
    <div className="job-progress" role="status" data-testid="job-progress">
      <ProgressLine label={label} done={progress?.done ?? 0} total={progress?.total ?? 0} />
      <button type="button" className="button button-secondary button-small" onClick={onCancel}>
        {t.app.common.cancel}
      </button>
    </div>
  );
}
