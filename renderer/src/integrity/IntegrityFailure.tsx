import { useState } from 'react';
import type { IntegrityFailure as Failure, IntegrityFinding } from '../../../shared/app-model.ts';
import type { Responses } from '../../../shared/contract.ts';
import { getApi } from '../api/client.ts';
import { useFailure } from '../api/locked.tsx';
import { useI18n } from '../i18n/index.tsx';
import { ErrorMessage } from '../ui/feedback.tsx';

/** The integrity summary as the engine answers it: schedule, last audit, and an unresolved failure. */
export type IntegrityView = Responses['integrity.summary'];

/**
 * A failed audit made actionable: each damaged item by title and case with a link to it, what
 * happened in plain words, what to do (restore from a replica or backup, re-import, or record the
 * loss, which is a custody event). Shown until a later audit passes or every loss is recorded.
 */
export function IntegrityFailure({
  failure,
  onOpenCase,
  onChanged,
}: {
  failure: Failure;
  onOpenCase: (caseId: string) => void;
  onChanged: (view: IntegrityView) => void;
}) {
  const { t, f } = useI18n();
  const m = t.app.integrity;
  return (
    <section className="message message-error integrity-failure" role="alert" data-testid="integrity-failure">
      <h2>{m.failureTitle}</h2>
      <p>{m.failureIntro(f.dateTime(failure.time))}</p>
      {failure.findings.length === 0 && <p>{m.unknownItems}</p>}
      <ul className="findings">
        {failure.findings.map((finding, index) => (
          <Finding key={index} finding={finding} onOpenCase={onOpenCase} onChanged={onChanged} />
        ))}
      </ul>
      <h3>{m.whatToDo}</h3>
      <ol className="advice">
        <li>{m.restore}</li>
        <li>{m.reimport}</li>
      </ol>
    </section>
  );
}

function Finding({
  finding,
  onOpenCase,
  onChanged,
}: {
  finding: IntegrityFinding;
  onOpenCase: (caseId: string) => void;
  onChanged: (view: IntegrityView) => void;
}) {
  const { t } = useI18n();
  const m = t.app.integrity;
  const api = getApi();
  const fail = useFailure();
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const item = finding.item;
  const happened = m.happened[finding.kind];

  const record = async () => {
    if (!item || !note?.trim()) return;
    const result = await api['integrity.recordLoss']({ itemId: item.id, note: note.trim() });
    if (!result.ok) return fail(result.error, setError);
    setNote(null);
    onChanged(result.value);
  };

  if (!item) {
    return (
      <li>
        {m.otherProblem} <span className="break">{finding.message}</span>
      </li>
    );
  }
  return (
    <li data-testid="finding">
      <p>
        <strong>{m.item(item.title, item.caseTitle)}</strong>{' '}
        <button type="button" className="button button-link" onClick={() => onOpenCase(item.caseId)}>
          {m.openCase}
        </button>
      </p>
      <p>{happened ?? finding.message}</p>
      {finding.lossRecorded ? (
        <p className="muted">{m.lossRecorded}</p>
      ) : note === null ? (
        <button type="button" className="button button-secondary button-small" onClick={() => setNote('')}>
          {m.recordLoss}
        </button>
      ) : (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            void record();
          }}
        >
          <label className="field field-wide">
            <span className="field-label">{m.lossNote}</span>
            <textarea className="input" value={note} maxLength={2000} onChange={(event) => setNote(event.target.value)} />
          </label>
          <button type="submit" className="button button-primary button-small" disabled={!note.trim()}>
            {m.recordLoss}
          </button>
        </form>
      )}
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </li>
  );
}
