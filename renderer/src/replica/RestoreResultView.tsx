import type { RestoreResult } from '../../../shared/replica.ts';
import { useI18n } from '../i18n/index.tsx';
import { ErrorMessage } from '../ui/feedback.tsx';

/** What a restore rebuilt and what its check found, then "Open the restored vault". */
export function RestoreResultView({
  result,
  onOpen,
  opening,
  error,
}: {
  result: RestoreResult;
  onOpen: () => void;
  opening: boolean;
  error: string | null;
}) {
  const { t, f } = useI18n();
  const m = t.replica.restore;
  return (
    <div className="restore-result" data-testid="restore-result">
      <p className={result.verified ? 'message message-info' : 'message message-error'} role="status">
        {result.verified ? m.restored : m.withProblems}
      </p>
      {!result.verified && (
        <ul className="problems">
          {result.problems.map((problem, index) => (
            <li key={index} className="break">
              {problem}
            </li>
          ))}
        </ul>
      )}
      <p className="small break">{m.folder(result.folder)}</p>
      <p className="small">{m.state(f.number(result.generation), f.dateTime(result.time))}</p>
      <p className="small">{m.counts(f.number(result.items), f.number(result.blobs), f.bytes(result.bytes))}</p>
      {result.skipped.length > 0 && (
        <>
          <p className="small">{m.skipped}</p>
          <ul className="problems small">
            {result.skipped.map((skipped) => (
              <li key={skipped.state} className="break">
                {m.skippedState(skipped.state, skipped.missing)}
              </li>
            ))}
          </ul>
        </>
      )}
      {result.newerEvents && (
        <p className="message message-warning small">{m.newerEvents(f.number(result.newerEvents.from), f.number(result.newerEvents.to))}</p>
      )}
      <div className="actions actions-start">
        <button type="button" className="button button-primary" disabled={opening} aria-busy={opening} onClick={onOpen}>
          {opening ? m.opening : m.open}
        </button>
      </div>
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </div>
  );
}
